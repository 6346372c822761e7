#!/usr/bin/env node
// The graph view end to end in Chromium against the browser host (`npm run build` first): click on
// the Graph tab to first paint, frame times while panning and zooming (requestAnimationFrame deltas
// in the page: p50, p95, longest), and search, for a 3,000-node model and the 30,000-node PyTorch
// transformer (bench/make_transformer_model.py, written to bench/data/ on first use; ~25 min).
// Usage: node bench/graph-view.mjs
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { bundleForBench } from './support/bundle.mjs';

await mkdir('bench/data', { recursive: true });
const transformer = 'bench/data/gpt-30k.onnx';
if (!existsSync(transformer)) {
  const made = spawnSync('/usr/bin/python3', ['bench/make_transformer_model.py', transformer], {
    stdio: 'inherit',
  });
  if (made.status !== 0) process.exit(1);
}
const small = 'bench/data/gpt-20.onnx';
if (!existsSync(small)) {
  const made = spawnSync('/usr/bin/python3', ['bench/make_transformer_model.py', small, '22'], {
    stdio: 'inherit',
  });
  if (made.status !== 0) process.exit(1);
}
const runner = await bundleForBench('bench/graph-view-runner.ts');
const frames = (f) => `p50 ${f.p50.toFixed(1)} / p95 ${f.p95.toFixed(1)} / longest ${f.max.toFixed(1)} ms`;
for (const [model, query] of [
  [small, '/blocks.20/self_attn/Softmax'],
  [transformer, '/blocks.200/self_attn/Softmax'],
]) {
  // The bundle lives under node_modules, so it is told where the built host is.
  const run = spawnSync(process.execPath, [runner, model, query], {
    encoding: 'utf8',
    env: { ...process.env, MLW_E2E_HOST_ENTRY: resolve('out/main/browser.js') },
  });
  if (run.status !== 0) {
    console.error(run.stderr || run.stdout);
    process.exit(1);
  }
  const r = JSON.parse(run.stdout.trim().split('\n').pop());
  console.log(
    `${model}: open ${r.inspectMs} ms, click to first paint ${r.firstPaintMs} ms (wall ${r.wallMs} ms, layout ${r.layoutMs} ms in the worker), largest WebSocket frame ${(r.largestFrame / 1e6).toFixed(1)} MB; pan+zoom at fit ${frames(r.atFit)}, around a node ${frames(r.close)}; search ${r.searchMs} ms`,
  );
}
