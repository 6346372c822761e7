// The in-process half of bench/convert-quantize.mjs: transforms each model to int8 and float16 with
// the workbench's own code, then proves each against its float32 source in ONNX Runtime (the model
// worker, one intra-op thread, the same seeded inputs) and prints the figures as one JSON line.
// Bundled by the benchmark with rolldown; not part of the app.
import { join } from 'node:path';
import { compareModels, transformModelFile } from '../src/main/services/conversion/transform/index.js';
import { createModelHost, createModelService, forkWorker } from '../src/main/services/models/index.js';

const [workerEntry = '', dir = '', runsArg = '50'] = process.argv.slice(2);
const runs = Number(runsArg);
const models = createModelService({
  host: createModelHost({ spawn: forkWorker(workerEntry) }),
  maxSessions: 6,
});
const rows = [];
for (const [name, batch] of [
  ['mlp', 32],
  ['gemm', 32],
  ['attention', undefined],
] as const) {
  const source = join(dir, `${name}.onnx`);
  for (const to of ['int8', 'float16'] as const) {
    const out = join(dir, `${name}-${to}.onnx`);
    const started = performance.now();
    await transformModelFile(source, out, to === 'int8' ? { to } : { to, keepIoTypes: true });
    const transformMs = performance.now() - started;
    const proof = await compareModels(models, source, out, {
      settings: { intraOpThreads: 1 },
      runs,
      warmup: 5,
      ...(batch ? { batch } : {}),
      ...(to === 'int8' ? { rtol: 0.05, atol: 0.05 } : {}),
    });
    rows.push({ name, to, batch: batch ?? 1, transformMs, ...proof });
  }
}
await models.dispose();
process.stdout.write(`${JSON.stringify(rows)}\n`);
