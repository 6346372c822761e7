// The in-process half of bench/model-bench.mjs: the same model, inputs and thread count timed by a
// bare in-process InferenceSession and by the workbench's benchmark (benchModel → model worker →
// runs timed inside the worker), in alternating blocks. Prints one JSON line per case.
import * as ort from 'onnxruntime-node';
import { benchModel } from '../src/main/services/models/lab/index.js';
import { createModelService } from '../src/main/services/models/modelService.js';
import { createModelHost } from '../src/main/services/models/runtime/modelHost.js';
import { forkWorker } from '../src/main/services/workerHost/index.js';
import { generateInputs } from '../src/main/services/models/tensors/index.js';

const [workerEntry, model, batchText, runsText] = process.argv.slice(2);
if (!workerEntry || !model) throw new Error('usage: runner WORKER MODEL BATCH RUNS');
const batch = Number(batchText ?? 1);
const runs = Number(runsText ?? 500);
const blocks = 5;
const per = Math.max(1, Math.floor(runs / blocks));

const models = createModelService({ host: createModelHost({ spawn: forkWorker(workerEntry) }) });
const session = await ort.InferenceSession.create(model, {
  intraOpNumThreads: 1,
  graphOptimizationLevel: 'all',
});
const opened = await models.open(model, { intraOpThreads: 1 });
const feeds = generateInputs(opened.inputs, { batch });
const tensors = Object.fromEntries(
  Object.entries(feeds).map(([name, t]) => [name, new ort.Tensor(t.type, t.data, t.dims)]),
);
const context = { signal: new AbortController().signal, progress: () => undefined, log: () => undefined };
const bare: number[] = [];
const ours: number[] = [];
for (let i = 0; i < 50; i += 1) await session.run(tensors);
for (let block = 0; block < blocks; block += 1) {
  for (let i = 0; i < per; i += 1) {
    const started = performance.now();
    await session.run(tensors);
    bare.push(performance.now() - started);
  }
  const result = await benchModel(
    models,
    { path: model, label: model },
    { batches: [batch], threads: [1], runs: per, warmup: block === 0 ? 50 : 5 },
    context,
  );
  // The result holds statistics, not each latency: the figure below is the median of the blocks' p50s.
  ours.push(result.cells[0]?.latencyMs?.p50 ?? Number.NaN);
}
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? Number.NaN;
console.log(
  JSON.stringify({ model, batch, runs: per * blocks, bareP50: median(bare), oursP50: median(ours) }),
);
await session.release();
await models.dispose();
