// The in-process half of bench/graph-layout.mjs, bundled by it: times our layout and the dagre
// baseline on the same graphs, step by step for ours. Prints one JSON line per graph.
import { readFile } from 'node:fs/promises';
import type { GraphSummary } from '../src/shared/contract/modelSummary.js';
import { buildGraphModel } from '../src/renderer/features/models/graph/graphModel.js';
import { layoutGraph, layoutInput } from '../src/renderer/features/models/graph/layoutGraph.js';
import {
  syntheticGraph,
  syntheticTransformer,
} from '../src/renderer/features/models/graph/syntheticGraph.js';
import { layoutGraph as dagreLayout } from './support/dagreLayout.js';

const [which = '', summaryPath = '', baseline = 'yes'] = process.argv.slice(2);

async function graphFor(name: string): Promise<GraphSummary> {
  if (name === 'residual-3000') return syntheticGraph(750);
  if (name === 'residual-30000') return syntheticGraph(7500);
  if (name === 'transformer-30000') return syntheticTransformer(1429);
  // `mlw model show FILE --json` prints { summary, findings }.
  return (JSON.parse(await readFile(summaryPath, 'utf8')) as { summary: { graph: GraphSummary } }).summary
    .graph;
}

const graph = await graphFor(which);
let started = performance.now();
const model = buildGraphModel(graph);
const input = layoutInput(model);
const buildMs = performance.now() - started;
// Warm-up run, so both sides are timed with the JIT's work done (the worker's first run is cold:
// the e2e figures show that).
layoutGraph(input);
started = performance.now();
const ours = layoutGraph(input);
const oursMs = performance.now() - started;
const cloneStarted = performance.now();
structuredClone(ours);
const cloneMs = performance.now() - cloneStarted;
// Ours first, so its figures are out even when dagre then runs out of memory (it does on the
// transformer: its dummies grow with depth × readers of the mask).
const ourLine = {
  graph: which,
  nodes: model.nodes.length,
  edges: model.edges.length,
  buildMs,
  oursMs,
  cloneMs,
};
process.stdout.write(`${JSON.stringify(ourLine)}\n`);
if (baseline === 'yes') {
  started = performance.now();
  dagreLayout(input);
  process.stdout.write(`${JSON.stringify({ dagreMs: performance.now() - started })}\n`);
}
