#!/usr/bin/env node
// How long a 500 MB ONNX model takes to show its inputs and outputs: the workbench's models.inspect
// (read in the model worker, weights never decoded; cold = the worker starts for the request) side
// by side with the ONNX project's own Python loader on the same file (Debian's python3-onnx):
// onnx.load, which reads the weights, and onnx.load(load_external_data=False) for the structure.
// Budget (issue 4): inputs/outputs in under 2 s. Usage: node bench/inspect-large-model.mjs [--mb 500]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { BENCH_CACHE, bundleForBench } from './support/bundle.mjs';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '500' } } });
const CACHE = BENCH_CACHE;
await mkdir('bench/data', { recursive: true });
await bundleForBench('src/main/services/models/runtime/workerMain.ts', 'model-worker.mjs');
await bundleForBench('bench/inspect-runner.ts');

const model = `bench/data/large-${values.mb}mb.onnx`;
if (!existsSync(model)) {
  console.log(`writing ${model} ...`);
  const made = spawnSync(process.execPath, [`${CACHE}/inspect-runner.mjs`, '--write', model, values.mb], {
    stdio: 'inherit',
  });
  if (made.status !== 0) process.exit(1);
}
const size = (await stat(model)).size;
// Read once so every side starts from the page cache.
spawnSync('cat', [model], { stdio: ['ignore', 'ignore', 'ignore'] });

const ours = spawnSync(
  process.execPath,
  [`${CACHE}/inspect-runner.mjs`, `${CACHE}/model-worker.mjs`, model],
  {
    encoding: 'utf8',
  },
);
if (ours.status !== 0) {
  console.error(ours.stderr);
  process.exit(1);
}
const result = JSON.parse(ours.stdout.trim().split('\n').pop());
const python = (code) => {
  const run = spawnSync('/usr/bin/python3', ['-c', code, model], { encoding: 'utf8' });
  return run.status === 0
    ? `${Number(run.stdout.trim()).toFixed(0)} ms`
    : `failed (${run.stderr.trim().split('\n').pop()})`;
};
const timedLoad = (args) =>
  `import sys, time, onnx\nt = time.perf_counter()\nm = onnx.load(sys.argv[1]${args})\nprint((time.perf_counter() - t) * 1000)`;

console.log(`model: ${model} (${(size / 1e6).toFixed(0)} MB), file in the page cache`);
console.log(`workbench models.inspect, worker cold: ${result.coldMs.toFixed(0)} ms (budget 2,000 ms)`);
console.log(
  `workbench models.inspect, worker warm: ${result.warmMs.map((t) => `${t.toFixed(0)} ms`).join(', ')}`,
);
console.log(`  inputs seen: ${result.inputs}`);
console.log(`python3-onnx onnx.load (reads the weights):           ${python(timedLoad(''))}`);
console.log(
  `python3-onnx onnx.load(load_external_data=False):     ${python(timedLoad(', load_external_data=False'))}`,
);
