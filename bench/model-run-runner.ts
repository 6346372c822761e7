// The in-process half of bench/model-run-overhead.mjs, bundled by it with rolldown: times one model
// run three ways in one process, alternating blocks so drift hits all alike: a bare in-process
// InferenceSession.run (the baseline), the same run through the workbench's model worker, and the
// bare hop of structured-clone IPC to a forked echo process (the figure the issue asks us to beat).
import { fork } from 'node:child_process';
import * as ort from 'onnxruntime-node';
import { createModelHost } from '../src/main/services/models/runtime/modelHost.js';
import { forkWorker } from '../src/main/services/workerHost/index.js';
import type { TensorValue } from '../src/shared/tensors/tensors.js';

const [workerEntry = '', echoEntry = '', model = '', shapeArg = '', runsArg = '2000'] = process.argv.slice(2);
const dims = shapeArg.split('x').map(Number);
const runs = Number(runsArg);
const size = dims.reduce((a, b) => a * b, 1);
const data = Float32Array.from({ length: size }, (_, i) => Math.sin(i * 0.01));
const inputName = process.env.INPUT_NAME ?? 'image';

const bare = await ort.InferenceSession.create(model, {
  executionProviders: ['cpu'],
  graphOptimizationLevel: 'all',
});
const host = createModelHost({ spawn: forkWorker(workerEntry) });
const opened = await host.open(model, { executionProvider: 'cpu', graphOptimization: 'all' });
const feeds: Record<string, TensorValue> = { [inputName]: { type: 'float32', dims, data } };
const echo = fork(echoEntry, [], { serialization: 'advanced', execArgv: [], stdio: 'ignore' });
await new Promise((resolve) => echo.once('message', resolve));

const timings = {
  bare: [] as number[],
  worker: [] as number[],
  workerInside: [] as number[],
  clone: [] as number[],
};
const bareRun = async () => {
  const started = performance.now();
  await bare.run({ [inputName]: new ort.Tensor('float32', data, dims) });
  return performance.now() - started;
};
const workerRun = async () => {
  const started = performance.now();
  const { runMs } = await host.run(opened.sessionId, feeds);
  return [performance.now() - started, runMs] as const;
};
const cloneHop = async () => {
  const started = performance.now();
  await new Promise((resolve) => {
    echo.once('message', resolve);
    echo.send({ data });
  });
  return performance.now() - started;
};

for (let i = 0; i < 50; i += 1) {
  await bareRun();
  await workerRun();
  await cloneHop();
}
const BLOCK = 50;
for (let done = 0; done < runs; done += BLOCK) {
  for (let i = 0; i < BLOCK; i += 1) timings.bare.push(await bareRun());
  for (let i = 0; i < BLOCK; i += 1) {
    const [wall, inside] = await workerRun();
    timings.worker.push(wall);
    timings.workerInside.push(inside);
  }
  for (let i = 0; i < BLOCK; i += 1) timings.clone.push(await cloneHop());
}
process.stdout.write(`${JSON.stringify({ size, timings })}\n`);
echo.kill();
await host.dispose();
await bare.release();
