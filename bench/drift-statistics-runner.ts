// The in-process half of bench/drift-statistics.mjs: reads each column's reference and current values
// (raw float64 files), then sorts both sides and computes KS + normed Wasserstein + PSI per column,
// as the drift worker does. Prints times and results as JSON. Bundled by the benchmark with rolldown.
import { readFile } from 'node:fs/promises';
import { numericDriftTests, sortValues } from '../src/shared/drift/statistics/index.js';

const [directory, columnList] = process.argv.slice(2);
if (!directory || !columnList) throw new Error('usage: drift-statistics-runner <dir> <column,column,...>');
const columns = columnList.split(',');

async function load(name: string): Promise<Float64Array> {
  const bytes = await readFile(`${directory}/${name}.f64`);
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
}

const inputs = await Promise.all(
  columns.map(async (column) => ({
    column,
    reference: await load(`${column}-ref`),
    current: await load(`${column}-cur`),
  })),
);
const runs = Number(process.env.MLW_BENCH_RUNS ?? 3);
const times: number[] = [];
let results: Record<string, unknown> = {};
for (let run = 0; run < runs; run++) {
  const started = performance.now();
  results = {};
  for (const { column, reference, current } of inputs) {
    const r = numericDriftTests(['ks', 'wasserstein', 'psi'], sortValues(reference), sortValues(current));
    results[column] = {
      ks: r.ks.statistic,
      ksP: r.ks.pValue,
      wasserstein: r.wasserstein.statistic,
      psi: r.psi.statistic,
    };
  }
  times.push(performance.now() - started);
}
// The sort alone against the built-in one, on the first column's reference.
const first = inputs[0]!.reference;
let started = performance.now();
sortValues(first);
const radixMs = performance.now() - started;
started = performance.now();
Float64Array.from(first).sort();
const builtinMs = performance.now() - started;
process.stdout.write(JSON.stringify({ times, results, radixMs, builtinMs }));
