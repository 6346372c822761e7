// The in-process half of bench/serving-throughput.mjs, run as its own process so the bench can pin
// it to the CPU the server's container gets (taskset): one InferenceSession opened as the model
// server opens it (graph optimization 'all', the same intra-op threads), fed the inputs a load test
// sends (generateInputs from the signature, seeds 1..16, the same batch), and `concurrency` callers
// each awaiting run() in a loop for `seconds`, as the load test's connections each await an answer.
// Prints one JSON line: runs/s and the latency of each run (call to answer, queueing included).
import * as ort from 'onnxruntime-node';
import { percentile } from '../src/main/services/containers/loadtest/percentiles.js';
import { createModelService } from '../src/main/services/models/modelService.js';
import { createModelHost } from '../src/main/services/models/runtime/modelHost.js';
import { generateInputs } from '../src/main/services/models/tensors/index.js';
import { forkWorker } from '../src/main/services/workerHost/index.js';

const [workerEntry, model, batchText, threadsText, concurrencyText, secondsText] = process.argv.slice(2);
if (!workerEntry || !model) throw new Error('usage: runner WORKER MODEL BATCH THREADS CONCURRENCY SECONDS');
const batch = Number(batchText ?? 1);
const threads = Number(threadsText ?? 1);
const concurrency = Number(concurrencyText ?? 16);
const seconds = Number(secondsText ?? 10);
// The load test's 16 bodies (loadTestService BODIES), so a model whose cost depends on its input
// is fed alike on both sides.
const BODIES = 16;

// The signature as the load test reads it (ModelService.open), so the generated shapes are the same.
const models = createModelService({ host: createModelHost({ spawn: forkWorker(workerEntry) }) });
const { inputs } = await models.open(model);
await models.dispose();
const session = await ort.InferenceSession.create(model, {
  graphOptimizationLevel: 'all',
  intraOpNumThreads: threads,
});
const feeds = Array.from({ length: BODIES }, (_, index) =>
  Object.fromEntries(
    Object.entries(generateInputs(inputs, { batch, seed: 1 + index })).map(([name, t]) => [
      name,
      new ort.Tensor(t.type, t.data, t.dims),
    ]),
  ),
);
for (const feed of feeds) await session.run(feed);

const latencies: number[] = [];
const startedAtMs = Date.now();
const started = performance.now();
const deadline = started + seconds * 1000;
await Promise.all(
  Array.from({ length: concurrency }, async (_, caller) => {
    let next = caller;
    while (performance.now() < deadline) {
      const feed = feeds[next % BODIES] as Record<string, ort.Tensor>;
      next += 1;
      const sent = performance.now();
      await session.run(feed);
      latencies.push(performance.now() - sent);
    }
  }),
);
const elapsedS = (performance.now() - started) / 1000;
await session.release();
const sorted = Float64Array.from(latencies).sort();
console.log(
  JSON.stringify({
    startedAtMs,
    elapsedS,
    runs: latencies.length,
    runsPerS: latencies.length / elapsedS,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    threads,
    inputs: Object.fromEntries(Object.entries(feeds[0] ?? {}).map(([name, t]) => [name, t.dims])),
  }),
);
