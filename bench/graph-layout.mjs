#!/usr/bin/env node
// How long the graph view's layout takes for 3,000 and 30,000 boxes: ours (src/renderer/features/
// models/graph/layoutGraph.ts, as the layout worker runs it) side by side with the dagre layout it
// replaced (bench/support/dagreLayout.ts), in one run, and the ratio. Graphs: a residual chain of
// 3,000 and 30,000 nodes, a transformer-like stack of 30,000, and with --summary the summary JSON
// of a real model (`mlw models inspect --json` of bench/data/gpt-30k.onnx from
// bench/make_transformer_model.py). dagre on 30,000 nodes takes minutes: --no-baseline-30k skips it.
// Usage: node bench/graph-layout.mjs [--summary FILE] [--no-baseline-30k]
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { bundleForBench } from './support/bundle.mjs';

const { values } = parseArgs({
  options: { summary: { type: 'string' }, 'no-baseline-30k': { type: 'boolean', default: false } },
});
const runner = await bundleForBench('bench/graph-layout-runner.ts');
const graphs = ['residual-3000', 'residual-30000', 'transformer-30000'];
if (values.summary) graphs.push('summary');

console.log('graph                nodes   edges   ours ms   dagre ms   ratio   (build model ms, clone ms)');
for (const graph of graphs) {
  const big = graph !== 'residual-3000';
  const baseline = big && values['no-baseline-30k'] ? 'no' : 'yes';
  // A process per graph, so one graph's garbage does not slow the next.
  const run = spawnSync(
    process.execPath,
    ['--stack-size=65500', runner, graph, values.summary ?? '', baseline],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const lines = run.stdout
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('{'));
  if (lines.length === 0) {
    console.log(`${graph.padEnd(20)} failed: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
    continue;
  }
  const r = { dagreMs: null, ...JSON.parse(lines[0]), ...(lines[1] ? JSON.parse(lines[1]) : {}) };
  const dagreFailed = baseline === 'yes' && lines.length < 2;
  const ratio = r.dagreMs === null ? '—' : `${(r.dagreMs / r.oursMs).toFixed(0)}×`;
  const dagre = dagreFailed
    ? 'failed (out of memory?)'
    : r.dagreMs === null
      ? 'skipped'
      : r.dagreMs.toFixed(0);
  console.log(
    `${graph.padEnd(20)} ${String(r.nodes).padStart(6)}  ${String(r.edges).padStart(6)}  ${r.oursMs.toFixed(0).padStart(8)}  ${dagre.padStart(9)}  ${ratio.padStart(6)}   (${r.buildMs.toFixed(0)}, ${r.cloneMs.toFixed(0)})`,
  );
}
