#!/usr/bin/env node
// KS + normed Wasserstein + PSI on 1,000,000 reference vs 1,000,000 current values per column, by the
// workbench (src/shared/drift/statistics, bundled with rolldown; each side sorted once by the radix
// sort, then one merged pass) and by SciPy 1.10 (bench/drift_scipy.py on Debian's /usr/bin/python3:
// ks_2samp + wasserstein_distance + a numpy PSI), on the same float64 files in the same run. Prints the
// median time of each, their ratio, and whether the results agree; also the radix sort against
// Float64Array.prototype.sort. Usage: node bench/drift-statistics.mjs [--rows 1000000] [--runs 3]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleForBench } from './support/bundle.mjs';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' } },
});
const rows = Number(values.rows);
const runs = values.runs;
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/** Mulberry32, so every run compares the same data. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function normal(next) {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}
/** Three column shapes: a shifted normal, a skewed log-normal, and rounded amounts with many ties. */
const columns = {
  normal: (next, drift) => normal(next) + drift * 0.05,
  lognormal: (next, drift) => Math.exp(normal(next) * (1 + drift * 0.1)),
  amount: (next, drift) => Math.round(100 * Math.exp(normal(next) + drift * 0.02)) / 100,
};

const directory = mkdtempSync(join(tmpdir(), 'mlw-drift-bench-'));
try {
  let seed = 1;
  for (const [name, draw] of Object.entries(columns)) {
    for (const [side, drift] of [
      ['ref', 0],
      ['cur', 1],
    ]) {
      const next = random(seed++);
      const data = Float64Array.from({ length: rows }, () => draw(next, drift));
      writeFileSync(join(directory, `${name}-${side}.f64`), Buffer.from(data.buffer));
    }
  }
  const names = Object.keys(columns).join(',');
  const runner = await bundleForBench('bench/drift-statistics-runner.ts');
  const oursRun = spawnSync(process.execPath, [runner, directory, names], {
    encoding: 'utf8',
    env: { ...process.env, MLW_BENCH_RUNS: runs },
    maxBuffer: 1 << 26,
  });
  if (oursRun.status !== 0) throw new Error(`ours failed:\n${oursRun.stderr}`);
  const scipyRun = spawnSync('/usr/bin/python3', ['bench/drift_scipy.py', directory, names, runs], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (scipyRun.status !== 0) throw new Error(`SciPy failed:\n${scipyRun.stderr}`);
  const ours = JSON.parse(oursRun.stdout);
  const scipy = JSON.parse(scipyRun.stdout);
  const oursMs = median(ours.times);
  const scipyMs = median(scipy.times);
  const columnCount = Object.keys(columns).length;
  console.log(
    `KS + normed Wasserstein + PSI, ${columnCount} columns x ${rows.toLocaleString('en')} vs ${rows.toLocaleString('en')} values, median of ${runs}`,
  );
  console.log(
    `  workbench (sort both sides + merged pass): ${(oursMs / 1000).toFixed(2)} s (${(oursMs / columnCount).toFixed(0)} ms/column)`,
  );
  console.log(
    `  SciPy 1.10 (ks_2samp + wasserstein_distance + numpy PSI): ${(scipyMs / 1000).toFixed(2)} s (${(scipyMs / columnCount).toFixed(0)} ms/column)`,
  );
  console.log(`  ratio: ${(scipyMs / oursMs).toFixed(1)}x faster (target: >= 5x)`);
  console.log(
    `  sort of ${rows.toLocaleString('en')} doubles: radix ${ours.radixMs.toFixed(0)} ms, Float64Array.prototype.sort ${ours.builtinMs.toFixed(0)} ms`,
  );
  for (const column of Object.keys(columns)) {
    const a = ours.results[column];
    const b = scipy.results[column];
    const gaps = Object.keys(b).map((key) => `${key} ${a[key]} vs ${b[key]}`);
    console.log(`  ${column}: ${gaps.join('; ')}`);
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
