#!/usr/bin/env node
// Times the table view's queries on a 20,000,000-row Parquet data set at the contract: the
// workbench's own router, `invoke('datasets.rows', …)` to the result envelope (input and output
// validation included), in-process, so no transport or process start is counted. Figures: the
// first page (the budget is 300 ms), a page at row 10M, a sorted first page, a filtered
// first page and the filtered count. Baseline in the same run: a bare DuckDB
// `SELECT * FROM 'file.parquet' LIMIT 200`. Each figure is the median of --runs (default 5).
// Usage: node bench/table-first-rows.mjs [--rows 20000000] [--runs 5]
// The Parquet file is generated once with DuckDB's range() into bench/data/ (~290 MB, ~10 s).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { build } from 'rolldown';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '20000000' }, runs: { type: 'string', default: '5' } },
});
const rows = Number(values.rows);
const runs = Number(values.runs);
const file = resolve(`bench/data/table-${rows}.parquet`);
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const ms = (value) => `${value.toFixed(1)} ms`;

async function ensureParquet() {
  if (existsSync(file)) return;
  console.log(`Writing ${file} (${rows.toLocaleString('en')} rows)…`);
  await mkdir('bench/data', { recursive: true });
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  // Like the profile benchmark's file: ids, numbers with missing values, categories, dates, text.
  await connection.run(`COPY (SELECT i AS id, (hash(i) % 100000)::BIGINT AS user_id,
      ((hash(i * 7) % 10000) / 100.0)::DOUBLE AS amount,
      CASE WHEN i % 17 = 0 THEN NULL ELSE (hash(i * 3) % 1000)::DOUBLE / 10 END AS score,
      ['DE','FR','US','GB','IN','BR','JP'][(i % 7)::INT + 1] AS country,
      ['free','basic','pro','enterprise'][(hash(i) % 4)::INT + 1] AS plan,
      (DATE '2020-01-01' + (i % 1500)::INT) AS signup_date, (i % 3 = 0) AS active,
      'note ' || (hash(i) % 5000)::VARCHAR AS comment
    FROM range(${rows}) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 122880)`);
  connection.closeSync();
  db.closeSync();
}

/** Bundles the composition root from source, so the bench runs the same code the hosts run. */
async function loadWorkbench(outDir) {
  await build({
    input: resolve('src/main/rpc/workbench.ts'),
    platform: 'node',
    external: (id) => !id.startsWith('.') && !id.startsWith('/'),
    output: { dir: outDir, format: 'esm', entryFileNames: 'workbench.mjs' },
    logLevel: 'silent',
  });
  return import(pathToFileURL(join(outDir, 'workbench.mjs')).href);
}

async function timeBaseline() {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  const times = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    (await connection.runAndReadAll(`SELECT * FROM '${file}' LIMIT 200`)).getRowsJson();
    times.push(performance.now() - started);
  }
  connection.closeSync();
  db.closeSync();
  return median(times);
}

await ensureParquet();
const scratch = await mkdtemp(join(tmpdir(), 'mlw-bench-table-'));
try {
  // Inside the repository, so the bundle's bare imports resolve to its node_modules.
  const { createWorkbench } = await loadWorkbench(resolve('bench/data/.bundle-table'));
  const workbench = await createWorkbench({
    workspaceRoot: join(scratch, 'ws'),
    host: 'cli',
    appVersion: 'bench',
  });
  const folder = join(workbench.workspace.folder('datasets'), 'bench');
  await mkdir(folder, { recursive: true });
  await symlink(file, join(folder, 'data.parquet'));
  const caller = { host: 'cli', resolveSource: () => Promise.reject(new Error('not used')) };
  const invoke = async (name, input) => {
    const started = performance.now();
    const envelope = await workbench.router.invoke(name, input, caller);
    const elapsed = performance.now() - started;
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return { elapsed, value: envelope.value };
  };
  const measure = async (name, input) => {
    const times = [];
    let value;
    for (let run = 0; run < runs; run += 1) ({ elapsed: times[run], value } = await invoke(name, input));
    return { median: median(times), first: times[0], value };
  };

  // The very first call opens the table view's DuckDB and reads the schema: what a user who
  // opens the table first thing after starting the app waits for.
  const cold = await invoke('datasets.rows', { slug: 'bench', offset: 0, limit: 200 });
  const first = await measure('datasets.rows', { slug: 'bench', offset: 0, limit: 200 });
  const far = await measure('datasets.rows', { slug: 'bench', offset: 10_000_000, limit: 200 });
  const last = await measure('datasets.rows', { slug: 'bench', offset: rows - 200, limit: 200 });
  const sorted = await measure('datasets.rows', {
    slug: 'bench',
    offset: 0,
    limit: 200,
    sort: [{ column: 'amount', direction: 'desc' }],
  });
  // Deep in a sorted view: the first such page stores the view's order, later ones read it.
  const deepSorted = await measure('datasets.rows', {
    slug: 'bench',
    offset: 10_000_000,
    limit: 200,
    sort: [{ column: 'amount', direction: 'desc' }],
  });
  const nextDeepSorted = await measure('datasets.rows', {
    slug: 'bench',
    offset: 10_000_200,
    limit: 200,
    sort: [{ column: 'amount', direction: 'desc' }],
  });
  const filters = [
    { column: 'country', op: 'eq', value: 'FR' },
    { column: 'score', op: 'gt', value: 50 },
  ];
  const filtered = await measure('datasets.rows', { slug: 'bench', offset: 0, limit: 200, filters });
  const counted = await measure('datasets.count', { slug: 'bench', filters });
  const baseline = await timeBaseline();
  await workbench.dispose();

  console.log(
    `Table view on ${rows.toLocaleString('en')} rows (${file}), median of ${runs}, at the contract:`,
  );
  console.log(`  first page, cold (opens DuckDB)   ${ms(cold.elapsed)}`);
  console.log(`  first page (200 rows)             ${ms(first.median)}   budget 300 ms`);
  console.log(`  page at row 10,000,000            ${ms(far.median)}`);
  console.log(`  last page                         ${ms(last.median)}`);
  console.log(`  sorted by amount desc, first page ${ms(sorted.median)}`);
  console.log(`  sorted, page at row 10M: first    ${ms(deepSorted.first)}   (sorts once, stores the order)`);
  console.log(`  sorted, next page at row 10M      ${ms(nextDeepSorted.median)}`);
  console.log(`  filtered (2 filters), first page  ${ms(filtered.median)}`);
  console.log(
    `  filtered count                    ${ms(counted.median)}   (${counted.value.total.toLocaleString('en')} rows)`,
  );
  console.log(`Baseline: bare DuckDB SELECT * … LIMIT 200  ${ms(baseline)}`);
  console.log(`Ratio first page / baseline: ${(first.median / baseline).toFixed(2)}x`);
  console.log(`Ratio page at 10M / baseline: ${(far.median / baseline).toFixed(2)}x`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}
