#!/usr/bin/env node
// A full drift report of 1,000,000 baseline rows against 1,000,000 current rows x 20 mixed columns
// (12 numeric, 5 categorical with 10 values, 3 binary), by the workbench (the drift service, DuckDB
// and the statistics in the forked data worker, as the hosts run it) and by pandas + SciPy column by
// column (bench/drift_report_scipy.py on Debian's /usr/bin/python3), on the same CSV files in the same
// run. Prints both sides' load and statistics times, their ratios, the main event loop's worst delay
// and peak memory. Usage: node bench/drift-report.mjs [--rows 1000000] [--runs 3]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { bundleDataWorkerForBench, bundleForBench } from './support/bundle.mjs';
import { startIdleBaseline, timed } from './support/timedProcess.mjs';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' } },
});
const rows = Number(values.rows);
const runs = Number(values.runs);
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const load = () => spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.split(' ')[0] ?? '?';

const NUMERIC = 12;
const CATEGORICAL = 5;
const BINARY = 3;
const categoricalColumns = [
  ...Array.from({ length: CATEGORICAL }, (_, i) => `c${i}`),
  ...Array.from({ length: BINARY }, (_, i) => `b${i}`),
];

/** Writes one side; `shift` moves the first four numeric columns and the first two categorical mixes. */
async function writeSide(connection, path, shift, seed) {
  const normal = 'sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())';
  const numeric = Array.from(
    { length: NUMERIC },
    (_, i) =>
      `round(${10 * (i + 1)} + ${i + 1} * (${normal}) + ${i < 4 ? shift * (i + 1) * 0.5 : 0}, 6) AS n${i}`,
  );
  const categorical = Array.from({ length: CATEGORICAL }, (_, i) => {
    const skew = i < 2 && shift > 0 ? 'power(random(), 2)' : 'random()';
    return `'k' || floor(${skew} * 10)::INTEGER AS c${i}`;
  });
  const binary = Array.from({ length: BINARY }, (_, i) => `(random() < ${0.3 + 0.1 * i})::INTEGER AS b${i}`);
  await connection.run(`SELECT setseed(${seed})`);
  await connection.run(
    `COPY (SELECT ${[...numeric, ...categorical, ...binary].join(', ')} FROM range(${rows})) TO '${path}' (HEADER)`,
  );
}

/** A timed process's last stdout line, which our runner and the SciPy script print as JSON. */
function timedJson(command, args, env = {}) {
  const run = timed(command, args, env);
  return {
    wallMs: run.elapsedMs,
    peakRssMb: run.peakRssMb,
    ...JSON.parse(run.stdout.trim().split('\n').pop()),
  };
}

const RUNNER = await bundleForBench('bench/drift-report-runner.ts');
const DATA_WORKER = await bundleDataWorkerForBench();
const directory = mkdtempSync(join(tmpdir(), 'mlw-drift-report-bench-'));
try {
  const baseline = join(directory, 'baseline.csv');
  const current = join(directory, 'current.csv');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await writeSide(connection, baseline, 0, 0.1);
  await writeSide(connection, current, 1, 0.2);
  connection.closeSync();
  instance.closeSync();
  console.log(
    `${rows.toLocaleString('en-US')} x 20 columns per side (CSV), ${runs} runs each, load ${load()}`,
  );

  for (const [scenario, numericTest] of [
    ['default tests (normed Wasserstein, Jensen-Shannon)', 'wasserstein'],
    ['KS for numeric columns, Jensen-Shannon', 'ks'],
  ]) {
    const oursRuns = [];
    const scipyRuns = [];
    for (let run = 0; run < runs; run++) {
      const stopIdle = await startIdleBaseline();
      const ours = timedJson(
        process.execPath,
        [RUNNER, baseline, current, ...(numericTest === 'ks' ? ['ks'] : [])],
        {
          MLW_BENCH_DATA_WORKER: DATA_WORKER,
        },
      );
      oursRuns.push({ ...ours, idleStallMs: await stopIdle() });
      scipyRuns.push(
        timedJson('/usr/bin/python3', [
          'bench/drift_report_scipy.py',
          baseline,
          current,
          numericTest,
          categoricalColumns.join(','),
        ]),
      );
    }
    const ourStats = median(oursRuns.map((r) => r.timings.sortMs + r.timings.compareMs));
    const ourTotal = median(oursRuns.map((r) => r.elapsedMs));
    const scipyStats = median(scipyRuns.map((r) => r.statsMs));
    const scipyTotal = median(scipyRuns.map((r) => r.loadMs + r.statsMs));
    const last = oursRuns.at(-1);
    const agreement = Math.max(
      ...last.columns.map((c) => {
        const theirs = scipyRuns.at(-1).columns[c.column];
        const mine = c.pValue ?? c.statistic;
        return Math.abs(mine - theirs) / Math.max(Math.abs(theirs), 1e-300);
      }),
    );
    console.log(`\n${scenario}`);
    console.log(
      `  statistics     ours ${ourStats.toFixed(0)} ms (sort ${median(oursRuns.map((r) => r.timings.sortMs)).toFixed(0)}, tests ${median(oursRuns.map((r) => r.timings.compareMs)).toFixed(0)})   SciPy ${scipyStats.toFixed(0)} ms   ratio ${(scipyStats / ourStats).toFixed(1)}x`,
    );
    console.log(
      `  load + stats   ours ${ourTotal.toFixed(0)} ms (read ${median(oursRuns.map((r) => r.timings.readMs)).toFixed(0)})   pandas+SciPy ${scipyTotal.toFixed(0)} ms (read ${median(scipyRuns.map((r) => r.loadMs)).toFixed(0)})   ratio ${(scipyTotal / ourTotal).toFixed(1)}x`,
    );
    console.log(
      `  process wall   ours ${median(oursRuns.map((r) => r.wallMs)).toFixed(0)} ms   python ${median(scipyRuns.map((r) => r.wallMs)).toFixed(0)} ms`,
    );
    console.log(
      `  peak memory    ours: worker ${median(oursRuns.map((r) => r.workerPeakMb)).toFixed(0)} MB + main ${median(oursRuns.map((r) => r.mainPeakMb)).toFixed(0)} MB   python ${median(scipyRuns.map((r) => r.peakRssMb)).toFixed(0)} MB`,
    );
    console.log(
      `  main loop      worst delay ${Math.max(...oursRuns.map((r) => r.maxEventLoopDelayMs)).toFixed(1)} ms (an idle process beside it: ${Math.max(...oursRuns.map((r) => r.idleStallMs)).toFixed(1)} ms)`,
    );
    console.log(
      `  agreement      largest relative difference of a column's score: ${agreement.toExponential(1)}`,
    );
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
