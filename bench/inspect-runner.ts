// The in-process half of bench/inspect-large-model.mjs, bundled by it: writes the big model once
// (`--write PATH MEGABYTES`), or times models.inspect on it through the model worker, as the app
// runs it, cold (the worker starts for this request) and warm.
import { DataType } from '../src/main/services/models/onnx/dataTypes.js';
import { writeModel, type NodeSpec, type TensorSpec } from '../src/main/services/models/onnx/testModels.js';
import { createModelHost } from '../src/main/services/models/runtime/modelHost.js';
import { forkWorker } from '../src/main/services/models/runtime/workerProcess.js';
import { createModelService } from '../src/main/services/models/modelService.js';
import { basename, dirname } from 'node:path';

const [mode = '', path = '', arg = ''] = process.argv.slice(2);
if (mode === '--write') {
  // One big weight and 500 small ones feeding a chain of 500 Add nodes (as the reader's own test).
  const small = 500;
  const smallFloats = 8 * 1024;
  const bigFloats = Math.floor((Number(arg) * 1024 * 1024 - small * smallFloats * 4) / 4);
  const initializers: TensorSpec[] = [
    { name: 'big', dataType: DataType.FLOAT, dims: [bigFloats], raw_data: new Uint8Array(bigFloats * 4) },
    ...Array.from({ length: small }, (_, i) => ({
      name: `w${i}`,
      dataType: DataType.FLOAT,
      dims: [smallFloats],
      raw_data: new Uint8Array(smallFloats * 4),
    })),
  ];
  const nodes: NodeSpec[] = Array.from({ length: small }, (_, i) => ({
    op: 'Add',
    inputs: [i === 0 ? 'x' : `h${i - 1}`, `w${i}`],
    outputs: [`h${i}`],
  }));
  nodes.push({ op: 'Identity', inputs: ['big'], outputs: ['big_out'] });
  await writeModel(dirname(path), basename(path), {
    graph: {
      nodes,
      inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: ['batch', smallFloats] }],
      outputs: [
        { name: `h${small - 1}`, elemType: DataType.FLOAT, shape: ['batch', smallFloats] },
        { name: 'big_out', elemType: DataType.FLOAT, shape: [bigFloats] },
      ],
      initializers,
    },
  });
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
