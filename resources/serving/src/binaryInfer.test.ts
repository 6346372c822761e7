import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberToFloat16 } from '../../../src/shared/tensors/float16.js';
import {
  binaryTensorBytes,
  joinBinaryBody,
  readInferResponse,
} from '../../../src/shared/tensors/oipBinary.js';
import { addMatMulModel, startTestServer, typesModel, type TestServer } from './testFixtures.js';

const x = Float32Array.from([1, 2, 3, -1.5, 0.3, 8]);
const n = BigInt64Array.from([7n, -2n]);
const xBytes = binaryTensorBytes({ type: 'float32', dims: [2, 3], data: x });
const nBytes = binaryTensorBytes({ type: 'int64', dims: [2, 1], data: n });
const binaryInput = (name: string, shape: number[], datatype: string, size: number) => ({
  name,
  shape,
  datatype,
  parameters: { binary_data_size: size },
});

describe('Open Inference Protocol binary tensor data extension', () => {
  let served: TestServer;
  let expected: Record<string, ort.Tensor>;
  beforeAll(async () => {
    served = await startTestServer(addMatMulModel, { MODEL_NAME: 'adder', MAX_BATCH: '8' });
    const session = await ort.InferenceSession.create(served.modelPath);
    expected = await session.run({
      x: new ort.Tensor('float32', x, [2, 3]),
      n: new ort.Tensor('int64', n, [2, 1]),
    });
    await session.release();
  });
  afterAll(() => served.close());

  const send = (header: unknown, chunks: Uint8Array[], headers: Record<string, string> = {}) => {
    const { body, headerLength } = joinBinaryBody(header, chunks);
    return fetch(`${served.url}/v2/models/adder/infer`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/octet-stream',
        'Inference-Header-Content-Length': String(headerLength),
        ...headers,
      },
      body,
    });
  };
  const read = async (response: Response) => {
    const header = response.headers.get('inference-header-content-length');
    return readInferResponse(
      new Uint8Array(await response.arrayBuffer()),
      header === null ? undefined : Number(header),
    );
  };
  const bothBinary = [
    binaryInput('x', [2, 3], 'FP32', xBytes.byteLength),
    binaryInput('n', [2, 1], 'INT64', nBytes.byteLength),
  ];

  it('takes binary inputs and returns binary outputs equal to in-process ONNX Runtime', async () => {
    const response = await send(
      { id: 'bin-1', inputs: bothBinary, parameters: { binary_data_output: true } },
      [xBytes, nBytes],
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    const outputs = await read(response);
    expect(outputs.map(({ name, shape, datatype }) => ({ name, shape, datatype }))).toEqual([
      { name: 'y', shape: [2, 3], datatype: 'FP32' },
      { name: 'z', shape: [2, 2], datatype: 'FP32' },
      { name: 'm', shape: [2, 1], datatype: 'INT64' },
    ]);
    for (const output of outputs) {
      expect(output.data).toBeUndefined();
      expect(output.tensor?.data).toEqual(expected[output.name]?.data);
    }
  });

  it('mixes JSON and binary: a JSON input, binary outputs except the one asked as JSON', async () => {
    const response = await send(
      {
        inputs: [bothBinary[0], { name: 'n', shape: [2, 1], datatype: 'INT64', data: [7, -2] }],
        outputs: [{ name: 'm', parameters: { binary_data: false } }, { name: 'y' }],
        parameters: { binary_data_output: true },
      },
      [xBytes],
    );
    expect(response.status).toBe(200);
    const [m, y] = await read(response);
    expect(m).toEqual({ name: 'm', shape: [2, 1], datatype: 'INT64', data: [21, -6] });
    expect(y?.tensor?.data).toEqual(expected.y?.data);
  });

  it('answers JSON when only the inputs are binary', async () => {
    const response = await send({ inputs: bothBinary }, [xBytes, nBytes]);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('inference-header-content-length')).toBeNull();
    const { outputs } = (await response.json()) as { outputs: { name: string; data: unknown[] }[] };
    expect(outputs.find((output) => output.name === 'm')?.data).toEqual([21, -6]);
  });

  it('reads binary data at any offset in the body, aligned for its element type or not', async () => {
    // Ids of 1 to 4 characters put x's floats at each offset modulo 4.
    const lengths = new Set<number>();
    for (const id of ['a', 'ab', 'abc', 'abcd']) {
      lengths.add(joinBinaryBody({ inputs: bothBinary, id }, []).headerLength % 4);
      const response = await send({ inputs: bothBinary, id }, [xBytes, nBytes]);
      const { outputs } = (await response.json()) as { outputs: { name: string; data: unknown[] }[] };
      expect(outputs[0]?.data).toEqual(Array.from(expected.y?.data as Float32Array));
    }
    expect(lengths.size).toBe(4);
  });

  it('reads a chunked body (no Content-Length) as well', async () => {
    const { body, headerLength } = joinBinaryBody({ inputs: bothBinary }, [xBytes, nBytes]);
    const response = await fetch(`${served.url}/v2/models/adder/infer`, {
      method: 'POST',
      headers: { 'Inference-Header-Content-Length': String(headerLength) },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(body.subarray(0, 5));
          controller.enqueue(body.subarray(5));
          controller.close();
        },
      }),
      duplex: 'half',
    });
    expect(response.status).toBe(200);
    const { outputs } = (await response.json()) as { outputs: { name: string; data: unknown[] }[] };
    expect(outputs[2]).toMatchObject({ name: 'm', data: [21, -6] });
  });

  it.each([
    [
      'no header length',
      () => served.post('/v2/models/adder/infer', { inputs: bothBinary }),
      'Input "x" has a binary_data_size, but the request has no Inference-Header-Content-Length header saying where its JSON ends and the binary data begins.',
    ],
    [
      'a header length that is not a number',
      () => send({ inputs: bothBinary }, [xBytes, nBytes], { 'Inference-Header-Content-Length': 'ten' }),
      'The request: the Inference-Header-Content-Length header is "ten": expected the byte length of the JSON header, at most the body\'s',
    ],
    [
      'a header length past the body',
      () => send({ inputs: bothBinary }, [xBytes, nBytes], { 'Inference-Header-Content-Length': '99999' }),
      'The request: the Inference-Header-Content-Length header is "99999"',
    ],
    [
      'a header length that cuts the JSON',
      () => send({ inputs: bothBinary }, [xBytes, nBytes], { 'Inference-Header-Content-Length': '20' }),
      'The request body is not valid JSON: unexpected end of the body',
    ],
    [
      'fewer bytes than declared',
      () => send({ inputs: bothBinary }, [xBytes, nBytes.subarray(0, 8)]),
      'Input "n": Input "n" declares 16 bytes of binary data, but the body has 8 left after the tensors before it.',
    ],
    [
      'bytes left over',
      () => send({ inputs: bothBinary }, [xBytes, nBytes, new Uint8Array(3)]),
      'The request: the body has 3 bytes after its binary tensors that no tensor declares.',
    ],
    [
      'a size that does not fit the shape',
      () =>
        send({ inputs: [binaryInput('x', [2, 3], 'FP32', 20), bothBinary[1]] }, [
          xBytes.subarray(0, 20),
          nBytes,
        ]),
      'Input "x": its shape [2, 3] holds 6 float32 values, 24 bytes, but its binary data has 20.',
    ],
    [
      'a negative size',
      () => send({ inputs: [binaryInput('x', [2, 3], 'FP32', -24), bothBinary[1]] }, [xBytes, nBytes]),
      'Input "x" has binary_data_size -24: expected a byte count.',
    ],
    [
      'binary_data_output that is not a boolean',
      () => send({ inputs: bothBinary, parameters: { binary_data_output: 'yes' } }, [xBytes, nBytes]),
      '"parameters.binary_data_output" must be true or false.',
    ],
    [
      'binary_data that is not a boolean',
      () =>
        send({ inputs: bothBinary, outputs: [{ name: 'y', parameters: { binary_data: 1 } }] }, [
          xBytes,
          nBytes,
        ]),
      'Output "y" has parameters.binary_data 1: expected true or false.',
    ],
  ])('refuses %s with 400 naming it, and goes on serving', async (_what, request, message) => {
    const response = await request();
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: string };
    expect(error.startsWith(message), error).toBe(true);
    expect((await send({ inputs: bothBinary }, [xBytes, nBytes])).status).toBe(200);
  });
});

describe('binary BOOL, FP16 and BYTES', () => {
  let served: TestServer;
  beforeAll(async () => {
    served = await startTestServer(typesModel);
  });
  afterAll(() => served.close());

  const b = Uint8Array.from([1, 0, 0, 0]);
  const h = Uint16Array.from([0.5, -2, 1024, 3.140625].map(numberToFloat16));
  const s = binaryTensorBytes({ type: 'string', dims: [2], data: ['cat', 'dög'] });
  const header = (sSize = s.byteLength, bBytes = b) => ({
    body: joinBinaryBody(
      {
        inputs: [
          binaryInput('b', [2, 2], 'BOOL', bBytes.byteLength),
          binaryInput('h', [2, 2], 'FP16', h.byteLength),
          binaryInput('s', [2], 'BYTES', sSize),
        ],
        parameters: { binary_data_output: true },
      },
      [bBytes, new Uint8Array(h.buffer), s.subarray(0, sSize)],
    ),
  });
  const send = ({ body: { body, headerLength } }: ReturnType<typeof header>) =>
    fetch(`${served.url}/v2/models/model/infer`, {
      method: 'POST',
      headers: { 'Inference-Header-Content-Length': String(headerLength) },
      body,
    });

  it('feeds and returns each as binary', async () => {
    const response = await send(header());
    expect(response.status).toBe(200);
    const outputs = readInferResponse(
      new Uint8Array(await response.arrayBuffer()),
      Number(response.headers.get('inference-header-content-length')),
    );
    expect(outputs.map((output) => output.tensor?.data)).toEqual([
      Uint8Array.from([0, 1, 1, 1]),
      h,
      ['cat', 'dög'],
    ]);
  });

  it.each([
    [
      'a BOOL byte that is not 0 or 1',
      header(undefined, Uint8Array.from([1, 2, 0, 0])),
      'Input "b": byte 1 is 2, not a boolean (0 or 1).',
    ],
    [
      'a BYTES element cut off',
      header(s.byteLength - 2),
      'Input "s": element 1 declares 4 bytes, past the end of its binary data.',
    ],
  ])('refuses %s', async (_what, request, message) => {
    const response = await send(request);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: message });
  });
});
