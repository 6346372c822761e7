// The in-process half of bench/inspect-large-model.mjs, bundled by it: writes the big model once
// (`--write PATH MEGABYTES`), or times models.inspect on it through the model worker, as the app
// runs it, cold (the worker starts for this request) and warm.
import { largeModelSpec, writeModel } from '../src/main/services/models/onnx/testModels.js';
import { createModelHost } from '../src/main/services/models/runtime/modelHost.js';
import { forkWorker } from '../src/main/services/workerHost/index.js';
import { createModelService } from '../src/main/services/models/modelService.js';
import { basename, dirname } from 'node:path';

const [mode = '', path = '', arg = ''] = process.argv.slice(2);
if (mode === '--write') {
  await writeModel(dirname(path), basename(path), largeModelSpec(Number(arg)));
} else {
  const models = createModelService({ host: createModelHost({ spawn: forkWorker(mode) }) });
  const times: number[] = [];
  let inputs = '';
  for (let i = 0; i < 4; i += 1) {
    const started = performance.now();
    const { summary } = await models.inspect(path);
    times.push(performance.now() - started);
    inputs = summary.inputs.map((input) => input.name).join(', ');
  }
  process.stdout.write(`${JSON.stringify({ coldMs: times[0], warmMs: times.slice(1), inputs })}\n`);
  await models.dispose();
}
