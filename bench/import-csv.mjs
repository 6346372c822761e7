#!/usr/bin/env node
// Times `mlw data import` of a CSV (sniff, convert to Parquet, hash, profile, manifest: the whole
// user-visible import, process start included) against a bare DuckDB COPY of the same file to
// Parquet in the same run, and prints both and their ratio.
// Usage: npm run build && node bench/import-csv.mjs [--file bench/data/wide-1m.csv] [--runs 3]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: 'bench/data/wide-1m.csv' },
    runs: { type: 'string', default: '3' },
  },
});
const runs = Number(values.runs);
if (!existsSync(values.file)) {
  console.error(
    `No ${values.file}: run node bench/generate-csv.mjs --rows 1000000 --out ${values.file} first.`,
  );
  process.exit(1);
}
if (!existsSync('out/main/cli.js')) {
  console.error('The CLI is not built: run npm run build first.');
  process.exit(1);
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

async function timeWorkbenchImport() {
  const workspace = await mkdtemp(join(tmpdir(), 'mlw-bench-'));
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    ['out/main/cli.js', '--workspace', workspace, 'data', 'import', values.file, '--json'],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const elapsed = performance.now() - started;
  if (child.status !== 0) throw new Error(`mlw failed: ${child.stderr}`);
  const { manifest } = JSON.parse(child.stdout);
  await rm(workspace, { recursive: true, force: true });
  return { elapsed, rows: manifest.rows, columns: manifest.columns.length };
}

async function timeBareCopy() {
  const dir = await mkdtemp(join(tmpdir(), 'mlw-bench-'));
  const started = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const target = join(dir, 'data.parquet');
  await connection.run(
    `COPY (SELECT * FROM read_csv('${values.file}')) TO '${target}' (FORMAT parquet, COMPRESSION zstd)`,
  );
  const elapsed = performance.now() - started;
  connection.closeSync();
  instance.closeSync();
  await rm(dir, { recursive: true, force: true });
  return { elapsed };
}

const size = (await stat(values.file)).size;
const ours = [];
const baseline = [];
let shape;
for (let run = 0; run < runs; run += 1) {
  const result = await timeWorkbenchImport();
  shape = result;
  ours.push(result.elapsed);
  baseline.push((await timeBareCopy()).elapsed);
}
const oursMs = median(ours);
const baselineMs = median(baseline);
console.log(
  `file: ${values.file} (${(size / 1e6).toFixed(1)} MB, ${shape.rows} rows x ${shape.columns} columns), median of ${runs} runs`,
);
console.log(
  `mlw data import (CLI start, sniff, Parquet, sha256, profile, manifest): ${(oursMs / 1000).toFixed(2)} s`,
);
console.log(
  `baseline: bare DuckDB COPY csv -> parquet, in-process:                  ${(baselineMs / 1000).toFixed(2)} s`,
);
console.log(`ratio (ours / baseline): ${(oursMs / baselineMs).toFixed(2)}x`);
