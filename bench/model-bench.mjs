#!/usr/bin/env node
// Does `mlw model bench` report a model's own latency? Its p50 (runs timed inside the model worker)
// against a bare in-process InferenceSession.run on the same model, inputs and thread count (1),
// in alternating blocks in one process. The ratio should be close to 1: the worker hop is not in it.
// Usage: node bench/model-bench.mjs [--runs 500]
// Needs Debian's python3-onnx for the image models (bench/make_cnn_model.py) and libonnx-testdata.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { BENCH_CACHE, bundleForBench } from './support/bundle.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '500' } } });
await mkdir('bench/data', { recursive: true });
await bundleForBench('src/main/services/models/runtime/workerMain.ts', 'model-worker.mjs');
await bundleForBench('bench/model-bench-runner.ts');
const models = { small: 'bench/data/cnn-224.onnx', medium: 'bench/data/cnn-224-medium.onnx' };
for (const [size, path] of Object.entries(models)) {
  if (existsSync(path)) continue;
  const made = spawnSync('/usr/bin/python3', ['bench/make_cnn_model.py', path, size], { stdio: 'inherit' });
  if (made.status !== 0) process.exit(1);
}
const cases = [
  ['ONNX test Abs, 60 floats', '/usr/share/libonnx-testdata/data/node/test_abs/model.onnx', 1],
  ['small CNN, batch 1', models.small, 1],
  ['small CNN, batch 8', models.small, 8],
  ['medium CNN, batch 1', models.medium, 1],
];
const ms = (value) => `${value.toFixed(3)} ms`;
console.log(`load ${spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.split(' ')[0]}`);
console.log('| model and input | bare run p50 | mlw model bench p50 | ratio |');
console.log('| --- | --- | --- | --- |');
for (const [label, model, batch] of cases) {
  const run = spawnSync(
    process.execPath,
    [
      `${BENCH_CACHE}/model-bench-runner.mjs`,
      `${BENCH_CACHE}/model-worker.mjs`,
      model,
      String(batch),
      values.runs,
    ],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) {
    console.error(run.stderr);
    process.exit(1);
  }
  const { bareP50, oursP50 } = JSON.parse(run.stdout.trim().split('\n').at(-1));
  console.log(`| ${label} | ${ms(bareP50)} | ${ms(oursP50)} | ${(oursP50 / bareP50).toFixed(2)} |`);
}
