#!/usr/bin/env node
// ONNX-to-ONNX by the workbench, no Python: int8 dynamic weight quantization and float16 (float32
// inputs and outputs kept) of MatMul-heavy models (an MLP of 4 x 512x512 layers, a Gemm stack, an
// attention block; test/fixtures/make_transform_models.py), each against its float32 source in ONNX
// Runtime in the same run: file size ratio, median latency of both (one thread), max abs error.
// The figures: int8 file <= 30% of float32 and latency no worse; float16 file <= 55%.
// Usage: node bench/convert-quantize.mjs [--runs 50]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_CACHE, bundleForBench } from './support/bundle.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '50' } } });
await bundleForBench('src/main/services/models/runtime/workerMain.ts', 'model-worker.mjs');
await bundleForBench('bench/convert-quantize-runner.ts');
const dir = mkdtempSync(join(tmpdir(), 'mlw-convert-bench-'));
try {
  const made = spawnSync('/usr/bin/python3', ['test/fixtures/make_transform_models.py', dir], {
    stdio: 'inherit',
  });
  if (made.status !== 0) process.exit(1);
  const run = spawnSync(
    process.execPath,
    [`${BENCH_CACHE}/convert-quantize-runner.mjs`, `${BENCH_CACHE}/model-worker.mjs`, dir, values.runs],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
  const rows = JSON.parse(run.stdout.trim().split('\n').pop());
  const load = spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.split(' ')[0];
  console.log(`load ${load}, ${values.runs} runs per model, 1 thread`);
  console.log(
    '| model | to | size (of float32) | float32 median | converted median | latency ratio | max abs error (of max output) | transform |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) {
    const worst = row.outputs.reduce((a, b) => (b.maxAbsError > a.maxAbsError ? b : a));
    console.log(
      `| ${row.name} (batch ${row.batch}) | ${row.to} | ${(row.sizeRatio * 100).toFixed(1)}% | ${row.originalMedianMs.toFixed(3)} ms | ${row.convertedMedianMs.toFixed(3)} ms | ${(row.convertedMedianMs / row.originalMedianMs).toFixed(2)}x | ${worst.maxAbsError.toExponential(2)} (${((worst.maxAbsError / worst.maxAbs) * 100).toFixed(2)}%) | ${row.transformMs.toFixed(0)} ms |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
