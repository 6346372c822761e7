import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { float16ToNumber, numberToFloat16 } from '../../../src/shared/tensors/float16.js';
import { addMatMulModel, startTestServer, typesModel, type TestServer } from './testFixtures.js';

interface V2Output {
  name: string;
  shape: number[];
  datatype: string;
  data: unknown[];
}

describe('Open Inference Protocol v2 REST', () => {
  let served: TestServer;
  beforeAll(async () => {
    served = await startTestServer(addMatMulModel, {
      MODEL_NAME: 'adder',
      MODEL_VERSION: '2',
      MAX_BATCH: '8',
    });
  });
  afterAll(() => served.close());

  const get = (path: string) => fetch(`${served.url}${path}`);
  const infer = (body: unknown, path = '/v2/models/adder/infer') => served.post(path, body);
  const inputs = [
    { name: 'x', shape: [2, 3], datatype: 'FP32', data: [1, 2, 3, -1.5, 0.3, 8] },
    { name: 'n', shape: [2, 1], datatype: 'INT64', data: [[7], [-2]] },
  ];

  it('describes the server', async () => {
    expect(await (await get('/v2')).json()).toEqual({
      name: 'mlw-model-server',
      version: '0.1.0',
      extensions: ['binary_tensor_data'],
    });
  });

  it('gives model metadata with versions, platform and -1 for dynamic dims, with and without a version', async () => {
    const expected = {
      name: 'adder',
      versions: ['2'],
      platform: 'onnxruntime_onnx',
      inputs: [
        { name: 'x', datatype: 'FP32', shape: [-1, 3] },
        { name: 'n', datatype: 'INT64', shape: [-1, 1] },
      ],
      outputs: [
        { name: 'y', datatype: 'FP32', shape: [-1, 3] },
        { name: 'z', datatype: 'FP32', shape: [-1, 2] },
        { name: 'm', datatype: 'INT64', shape: [-1, 1] },
      ],
    };
    expect(await (await get('/v2/models/adder')).json()).toEqual(expected);
    expect(await (await get('/v2/models/adder/versions/2')).json()).toEqual(expected);
  });

  it('answers model readiness, and 404 for another model or version', async () => {
    expect(await (await get('/v2/models/adder/ready')).json()).toEqual({ name: 'adder', ready: true });
    expect((await get('/v2/models/adder/versions/2/ready')).status).toBe(200);
    const other = await get('/v2/models/churn');
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({
      error: 'There is no model "churn" here; this server serves "adder".',
    });
    const version = await get('/v2/models/adder/versions/3/ready');
    expect(version.status).toBe(404);
    expect(await version.json()).toEqual({
      error: 'Model "adder" has no version "3"; this server serves version "2".',
    });
    expect((await infer({ inputs }, '/v2/models/churn/infer')).status).toBe(404);
    expect((await infer({ inputs }, '/v2/models/adder/versions/9/infer')).status).toBe(404);
  });

  it('infers exactly what ONNX Runtime computes in this process, echoing the id', async () => {
    const session = await ort.InferenceSession.create(served.modelPath);
    const expected = await session.run({
      x: new ort.Tensor('float32', Float32Array.from([1, 2, 3, -1.5, 0.3, 8]), [2, 3]),
      n: new ort.Tensor('int64', BigInt64Array.from([7n, -2n]), [2, 1]),
    });
    await session.release();
    for (const path of ['/v2/models/adder/infer', '/v2/models/adder/versions/2/infer']) {
      const response = await infer({ id: 'req-1', inputs }, path);
      expect(response.status).toBe(200);
      expect(response.headers.get('server-timing')).toMatch(/infer;dur=/);
      expect(await response.json()).toEqual({
        model_name: 'adder',
        model_version: '2',
        id: 'req-1',
        outputs: [
          { name: 'y', shape: [2, 3], datatype: 'FP32', data: Array.from(expected.y?.data as Float32Array) },
          { name: 'z', shape: [2, 2], datatype: 'FP32', data: Array.from(expected.z?.data as Float32Array) },
          { name: 'm', shape: [2, 1], datatype: 'INT64', data: [21, -6] },
        ],
      });
    }
  });

  it('returns only the outputs asked for, in the order asked, and no id when none was given', async () => {
    const response = await infer({ inputs, outputs: [{ name: 'm' }, { name: 'y' }] });
    const body = (await response.json()) as { id?: string; outputs: V2Output[] };
    expect(body.id).toBeUndefined();
    expect(body.outputs.map((output) => output.name)).toEqual(['m', 'y']);
  });

  it.each([
    [[], 'The inference request must be a JSON object with "inputs".'],
    [{ inputs: [] }, '"inputs" must be a non-empty array of {"name", "shape", "datatype", "data"}.'],
    [{ id: 5, inputs }, '"id" must be a string.'],
    [
      { inputs: [{ shape: [1] }] },
      'inputs[0] must be an object with a "name", "shape", "datatype" and "data".',
    ],
    [
      { inputs: [...inputs, { name: 'w', shape: [1], datatype: 'FP32', data: [1] }] },
      'Input "w" is not an input of the model; its inputs are "x", "n".',
    ],
    [{ inputs: [inputs[0], inputs[0]] }, 'Input "x" is given twice.'],
    [{ inputs: [inputs[0]] }, 'Input "n" is missing; the model\'s inputs are "x", "n".'],
    [
      { inputs: [{ ...inputs[0], datatype: 'FP64' }, inputs[1]] },
      'Input "x" has datatype FP64, but the model takes FP32.',
    ],
    [
      { inputs: [{ ...inputs[0], datatype: 'FLOAT' }, inputs[1]] },
      'Input "x" has datatype "FLOAT": expected one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES.',
    ],
    [
      { inputs: [{ ...inputs[0], shape: [3, 2] }, inputs[1]] },
      'Input "x" has shape [3, 2], but the model\'s input "x" takes [batch, 3].',
    ],
    [
      { inputs: [{ ...inputs[0], data: [1, 2, 3] }, inputs[1]] },
      'Input "x" has shape [2, 3], which holds 6 values, but its data has 3.',
    ],
    [
      { inputs: [{ ...inputs[0], data: [1, 2, 3, 4, 5, 'six'] }, inputs[1]] },
      'Input "x": value 5 ("six") is not a number (float32).',
    ],
    [
      { inputs: [{ ...inputs[0], shape: 'two' }, inputs[1]] },
      'Input "x" has shape "two": expected a list of whole sizes',
    ],
    [{ inputs: [{ ...inputs[0], data: undefined }, inputs[1]] }, 'Input "x" has no "data" array.'],
    [
      { inputs: [{ ...inputs[0], parameters: { binary_data_size: 24 } }, inputs[1]] },
      'Input "x" has both "data" and a binary_data_size: send its values one way.',
    ],
    [
      { inputs, outputs: [{ name: 'q' }] },
      'Output "q" is not an output of the model; its outputs are "y", "z", "m".',
    ],
    [
      { inputs, outputs: {} },
      '"outputs" must be a non-empty array of {"name"}, or left out for every output.',
    ],
    [
      {
        inputs: [
          { name: 'x', shape: [9, 3], datatype: 'FP32', data: new Array(27).fill(0) },
          { name: 'n', shape: [9, 1], datatype: 'INT64', data: new Array(9).fill(0) },
        ],
      },
      'Input "x" has a batch of 9 rows, more than the server\'s limit of 8 (MAX_BATCH); send fewer rows per request.',
    ],
  ])('refuses %j with 400 and {"error"}', async (body, message) => {
    const response = await infer(body);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: string };
    expect(error.startsWith(message)).toBe(true);
  });
});

describe('Open Inference Protocol v2 datatypes BOOL, FP16 and BYTES', () => {
  let served: TestServer;
  beforeAll(async () => {
    served = await startTestServer(typesModel);
  });
  afterAll(() => served.close());

  it('feeds and returns each, with nested data accepted', async () => {
    const response = await served.post('/v2/models/model/infer', {
      inputs: [
        {
          name: 'b',
          shape: [2, 2],
          datatype: 'BOOL',
          data: [
            [true, false],
            [false, false],
          ],
        },
        { name: 'h', shape: [2, 2], datatype: 'FP16', data: [0.1, -2, 1024, 3.14159] },
        { name: 's', shape: [2], datatype: 'BYTES', data: ['cat', 'dög'] },
      ],
    });
    expect(response.status).toBe(200);
    const f16 = (value: number) => float16ToNumber(numberToFloat16(value));
    const { outputs } = (await response.json()) as { outputs: V2Output[] };
    expect(outputs).toEqual([
      { name: 'not_b', shape: [2, 2], datatype: 'BOOL', data: [false, true, true, true] },
      { name: 'h_out', shape: [2, 2], datatype: 'FP16', data: [f16(0.1), -2, 1024, f16(3.14159)] },
      { name: 's_out', shape: [2], datatype: 'BYTES', data: ['cat', 'dög'] },
    ]);
  });
});
