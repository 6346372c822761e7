#!/usr/bin/env node
// Profiles the same CSV with the workbench (the real dataset service with DuckDB in its data worker, bundled
// from src/ with rolldown) and with pandas/NumPy/SciPy computing the same statistics
// (bench/profile_pandas.py on Debian's /usr/bin/python3), in the same run; also times the built CLI
// as users run it, `mlw data profile FILE --json` from process start to exit (needs `npm run build`),
// which is the figure the ratio to pandas is taken on. Prints the times, the ratio, each side's peak
// memory (max RSS) and the longest event-loop stall of the process hosting the service.
// Usage:
//   node bench/profile-vs-pandas.mjs [--rows 1000000] [--runs 3]     ours vs pandas, median of runs
//   node bench/profile-vs-pandas.mjs --scale 1000000,5000000,20000000  ours only: time/row, memory
// Files are generated on first use into bench/data/wide-<rows>.csv (20M rows: ~3.4 GB of disk).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleDataWorkerForBench, bundleForBench } from './support/bundle.mjs';
import { startIdleBaseline, timed } from './support/timedProcess.mjs';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    scale: { type: 'string' },
  },
});
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

function fileFor(rows) {
  const path = `bench/data/wide-${rows >= 1e6 && rows % 1e6 === 0 ? `${rows / 1e6}m` : rows}.csv`;
  if (!existsSync(path)) {
    console.log(`generating ${path} ...`);
    const made = spawnSync(
      process.execPath,
      ['bench/generate-csv.mjs', '--rows', String(rows), '--out', path],
      {
        stdio: 'inherit',
      },
    );
    if (made.status !== 0) process.exit(1);
  }
  return path;
}

async function ours(file, report) {
  const stopBaseline = await startIdleBaseline();
  const run = timed(process.execPath, [RUNNER, file], {
    MLW_BENCH_DATA_WORKER: DATA_WORKER,
    ...(report ? { MLW_BENCH_REPORT: report } : {}),
  });
  return {
    ...JSON.parse(run.stdout.trim().split('\n').pop()),
    idleStallMs: await stopBaseline(),
    processMs: run.elapsedMs,
    maxRssMb: run.peakRssMb,
  };
}

/** The built CLI in a fresh workspace each run, so no stored profile is reused. */
function cli(file) {
  const workspace = mkdtempSync(join(tmpdir(), 'mlw-bench-profile-'));
  try {
    const run = timed(process.execPath, [
      'bin/mlw.mjs',
      '--workspace',
      workspace,
      '--json',
      'data',
      'profile',
      file,
    ]);
    return { elapsedMs: run.elapsedMs, peakRssMb: run.peakRssMb };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

function pandas(file) {
  const run = timed('/usr/bin/python3', ['bench/profile_pandas.py', file]);
  return { elapsedMs: run.elapsedMs, peakRssMb: run.peakRssMb };
}

const RUNNER = await bundleForBench('bench/profile-runner.ts');
const DATA_WORKER = await bundleDataWorkerForBench();
const load = () => spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.split(' ')[0] ?? '?';

/** Opens the HTML report in Chromium (the flags our e2e uses) and returns each run's time to `load`. */
async function reportLoadTimes(path, runs = 3) {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: process.env.MLW_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const page = await browser.newPage();
    const started = performance.now();
    await page.goto(`file://${resolve(path)}`, { waitUntil: 'load' });
    times.push(performance.now() - started);
    await page.close();
  }
  await browser.close();
  return times;
}

if (values.scale) {
  const sizes = values.scale.split(',').map(Number);
  console.log(
    'rows        | file     | profile  | µs/row | vs first | peak RSS | max loop stall (idle process) | load',
  );
  let firstPerRow;
  for (const rows of sizes) {
    const file = fileFor(rows);
    const size = (await stat(file)).size;
    const report = `bench/data/report-${rows}.html`;
    const r = await ours(file, report);
    const perRow = (r.elapsedMs * 1000) / rows;
    firstPerRow ??= perRow;
    console.log(
      `${String(rows).padEnd(11)} | ${(size / 1e9).toFixed(2)} GB  | ${seconds(r.elapsedMs).padEnd(8)} | ${perRow.toFixed(2).padStart(6)} | ${(perRow / firstPerRow).toFixed(2).padStart(7)}x | ${r.maxRssMb.toFixed(0).padStart(5)} MB | ${r.maxEventLoopDelayMs.toFixed(1).padStart(9)} ms (${r.idleStallMs.toFixed(1)} ms)     | ${load()}`,
    );
    console.log(`  passes: ${r.passes.map((p) => `${p.name} ${seconds(p.ms)}`).join('; ')}`);
    const loads = await reportLoadTimes(report);
    console.log(
      `  HTML report: ${((await stat(report)).size / 1e3).toFixed(1)} kB (target < 5 MB); Chromium load ${loads.map((t) => `${t.toFixed(0)} ms`).join(', ')} (target < 2 s)`,
    );
  }
  console.log(
    "time per row growing by at most the first size's figure (1.00x) is linear; more than ~1.3x is not.",
  );
} else {
  const rows = Number(values.rows);
  const file = fileFor(rows);
  const runs = Number(values.runs);
  if (!existsSync('out/main/cli.js')) {
    console.error('bench: out/main/cli.js is missing; run `npm run build` first.');
    process.exit(1);
  }
  const mine = [];
  const commandLine = [];
  const theirs = [];
  for (let i = 0; i < runs; i += 1) {
    // Rotate the order so no side always runs on a warmer page cache.
    const sides = [
      async () => mine.push(await ours(file)),
      () => commandLine.push(cli(file)),
      () => theirs.push(pandas(file)),
    ];
    for (let k = 0; k < sides.length; k += 1) await sides[(i + k) % sides.length]();
    console.log(
      `run ${i + 1}: mlw data profile ${seconds(commandLine[i].elapsedMs)}, service ${seconds(mine[i].elapsedMs)} (process ${seconds(mine[i].processMs)}), pandas ${seconds(theirs[i].elapsedMs)}, load ${load()}`,
    );
  }
  const cliMs = median(commandLine.map((r) => r.elapsedMs));
  const oursMs = median(mine.map((r) => r.processMs));
  const pandasMs = median(theirs.map((r) => r.elapsedMs));
  const size = (await stat(file)).size;
  const last = mine[mine.length - 1];
  console.log(
    `\nfile: ${file} (${(size / 1e6).toFixed(0)} MB, ${last.rows} rows x ${last.columns} columns), median of ${runs}`,
  );
  console.log(`mlw data profile FILE --json, process start to exit: ${seconds(cliMs)}`);
  console.log(
    `the dataset service alone, process start to exit: ${seconds(oursMs)} (profile call ${seconds(median(mine.map((r) => r.elapsedMs)))})`,
  );
  console.log(`pandas + NumPy + SciPy, same statistics:  ${seconds(pandasMs)}`);
  // Each run's pair ran back to back, so its ratio is the one least moved by load changing meanwhile.
  const ratios = commandLine.map((r, i) => theirs[i].elapsedMs / r.elapsedMs);
  console.log(
    `ratio (pandas / mlw data profile), median of the runs' own: ${median(ratios).toFixed(2)}x (runs: ${ratios.map((r) => r.toFixed(2)).join(', ')}; medians' ratio ${(pandasMs / cliMs).toFixed(2)}x)  (target >= 3x)`,
  );
  console.log(
    `peak RSS: mlw ${median(commandLine.map((r) => r.peakRssMb)).toFixed(0)} MB (the larger of the CLI and its data worker), service ${median(mine.map((r) => r.maxRssMb)).toFixed(0)} MB (target < 1024), pandas ${median(theirs.map((r) => r.peakRssMb)).toFixed(0)} MB`,
  );
  console.log(
    `max event-loop stall while profiling: ${Math.max(...mine.map((r) => r.maxEventLoopDelayMs)).toFixed(1)} ms (target < 50); an idle Node process beside it: ${Math.max(...mine.map((r) => r.idleStallMs)).toFixed(1)} ms`,
  );
  console.log(`passes (last run): ${last.passes.map((p) => `${p.name} ${seconds(p.ms)}`).join('; ')}`);
}
