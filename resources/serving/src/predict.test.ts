import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { float16ToNumber, numberToFloat16 } from '../../../src/shared/tensors/float16.js';
import {
  addMatMulModel,
  fixedBatchModel,
  startTestServer,
  symbolicRowModel,
  typesModel,
  type TestServer,
} from './testFixtures.js';

const x = [
  [1, 2, 3],
  [-4.5, 0.1, 1e-3],
  [7, 8, 9],
];
const n = [[4], [-5], [9007199254740991]];

/** What ONNX Runtime gives in this process for the same feeds: the numbers the server must return. */
async function reference(modelPath: string, feeds: Record<string, ort.Tensor>) {
  const session = await ort.InferenceSession.create(modelPath);
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

const rows = (data: ArrayLike<number | bigint>, width: number) =>
  Array.from({ length: data.length / width }, (_, row) =>
    Array.from({ length: width }, (_, k) => Number(data[row * width + k])),
  );

describe('POST /predict on a model with a symbolic batch dim', () => {
  let served: TestServer;
  let expected: ort.InferenceSession.ReturnType;
  beforeAll(async () => {
    served = await startTestServer(addMatMulModel, { MAX_BATCH: '4' });
    expected = await reference(served.modelPath, {
      x: new ort.Tensor('float32', Float32Array.from(x.flat()), [3, 3]),
      n: new ort.Tensor('int64', BigInt64Array.from(n.flat().map(BigInt)), [3, 1]),
    });
  });
  afterAll(() => served.close());

  const error = async (body: unknown) => {
    const response = await served.post('/predict', body);
    return { status: response.status, error: ((await response.json()) as { error: string }).error };
  };

  it('gives one prediction per record, exactly as ONNX Runtime computes it', async () => {
    const response = await served.post('/predict', { records: x.map((row, i) => ({ x: row, n: n[i] })) });
    expect(response.status).toBe(200);
    expect(response.headers.get('server-timing')).toMatch(
      /^parse;dur=[\d.]+, infer;dur=[\d.]+, total;dur=[\d.]+$/,
    );
    const { predictions } = (await response.json()) as { predictions: Record<string, number[]>[] };
    const y = rows(expected.y?.data as Float32Array, 3);
    const z = rows(expected.z?.data as Float32Array, 2);
    // Past 2^53 an int64 result is a decimal string, so no digit is lost.
    const m = Array.from(expected.m?.data as BigInt64Array, (value) => [
      Number.isSafeInteger(Number(value)) ? Number(value) : value.toString(),
    ]);
    expect(m).toEqual([[12], [-15], ['27021597764222973']]);
    expect(predictions).toEqual(x.map((_, i) => ({ y: y[i], z: z[i], m: m[i] })));
  });

  it('returns int64 results past 2^53 as exact strings', async () => {
    const response = await served.post('/predict', {
      inputs: { x: { shape: [1, 3], data: [0, 0, 0] }, n: { shape: [1, 1], data: ['9007199254740993'] } },
    });
    const body = (await response.json()) as { outputs: { m: { data: unknown[] } } };
    expect(body.outputs.m.data).toEqual(['27021597764222979']);
  });

  it('carries NaN and ±Infinity as strings both ways', async () => {
    const response = await served.post('/predict', { records: [{ x: ['NaN', '-Infinity', 1], n: [0] }] });
    const { predictions } = (await response.json()) as { predictions: { y: unknown[] }[] };
    expect(predictions[0]?.y).toEqual(['NaN', '-Infinity', 3.25]);
  });

  it('refuses nesting deeper than any tensor rank', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(await error({ records: [{ x: deep, n: [1] }] })).toEqual({
      status: 400,
      error: 'Record 0 input "x" is nested deeper than 32 levels.',
    });
  });

  it('runs named tensors, flat or nested, exactly as ONNX Runtime computes them', async () => {
    for (const data of [x.flat(), x]) {
      const response = await served.post('/predict', {
        inputs: { x: { shape: [3, 3], data, type: 'float32' }, n: { shape: [3, 1], data: n.flat() } },
      });
      expect(response.status).toBe(200);
      const { outputs } = (await response.json()) as {
        outputs: Record<string, { type: string; shape: number[]; data: number[] }>;
      };
      expect(outputs.y).toEqual({
        type: 'float32',
        shape: [3, 3],
        data: Array.from(expected.y?.data as Float32Array),
      });
      expect(outputs.z).toEqual({
        type: 'float32',
        shape: [3, 2],
        data: Array.from(expected.z?.data as Float32Array),
      });
      expect(outputs.m?.type).toBe('int64');
      expect(outputs.m?.shape).toEqual([3, 1]);
    }
  });

  it.each([
    [[1], 'The request body must be a JSON object with either "records"'],
    [{ records: [], inputs: {} }, 'The request body must be a JSON object with either "records"'],
    [{ records: { x: [1, 2, 3] } }, '"records" must be an array with one object per row, like [{"x": …}].'],
    [{ records: [] }, '"records" is empty: send at least one row.'],
    [{ records: [[1, 2, 3]] }, 'Record 0 is not an object of input values like {"x": …}.'],
    [
      { records: [{ x: [1, 2, 3], n: [1], q: 1 }] },
      'Record 0 has "q", which is not an input of the model; its inputs are "x", "n".',
    ],
    [{ records: [{ x: [1, 2, 3] }] }, 'Record 0 is missing the input "n"; the model\'s inputs are "x", "n".'],
    [
      {
        records: [
          { x: [1, 2, 3], n: [1] },
          { x: ['a', 2, 3], n: [1] },
        ],
      },
      'Record 1 input "x": value 0 ("a") is not a number (float32).',
    ],
    [
      { records: [{ x: [1, 2, 3], n: [1.5] }] },
      'Record 0 input "n": value 0 (1.5) is not a whole number for int64 (write those past 2^53 as strings).',
    ],
    [
      { records: [{ x: [1, 2], n: [1] }] },
      'Record 0 input "x" has shape [2], but one row of "x" is [3] (the model takes [batch, 3]).',
    ],
    [
      { records: [{ x: [[1, 2, 3]], n: [1] }] },
      'Record 0 input "x" has shape [1, 3], but one row of "x" is [3] (the model takes [batch, 3]).',
    ],
    [
      { records: Array.from({ length: 5 }, () => ({ x: [1, 2, 3], n: [1] })) },
      '"records" has 5 rows, more than the server\'s limit of 4 (MAX_BATCH); send fewer rows per request.',
    ],
    [
      { inputs: [1, 2] },
      '"inputs" must be an object of named tensors: {"x": {"shape": [1, 2], "data": [1, 2]}}.',
    ],
    [
      {
        inputs: { x: { shape: [1, 3], data: [1, 2, 3] }, n: { shape: [1, 1], data: [1] }, w: { data: [1] } },
      },
      'The request\'s "inputs" has "w", which is not an input of the model; its inputs are "x", "n".',
    ],
    [
      { inputs: { x: { shape: [1, 3], data: [1, 2, 3] } } },
      'The request\'s "inputs" is missing the input "n"; the model\'s inputs are "x", "n".',
    ],
    [
      { inputs: { x: { shape: [1, 3], data: [1, 2, 3], type: 'float64' }, n: { shape: [1, 1], data: [1] } } },
      'Input "x" has type "float64", but the model takes float32.',
    ],
    [
      { inputs: { x: { shape: [1, 4], data: [1, 2, 3, 4] }, n: { shape: [1, 1], data: [1] } } },
      'Input "x" has shape [1, 4], but the model\'s input "x" takes [batch, 3].',
    ],
    [
      { inputs: { x: { shape: [2, 3], data: [1, 2, 3, 4, 5] }, n: { shape: [2, 1], data: [1, 2] } } },
      'Input "x" has shape [2, 3], which holds 6 values, but its data has 5.',
    ],
    [
      {
        inputs: {
          x: {
            data: [
              [1, 2, 3],
              [4, 5],
            ],
          },
          n: { shape: [2, 1], data: [1, 2] },
        },
      },
      'Input "x" is ragged: its nested arrays have different lengths ([3] and [2]).',
    ],
    [
      { inputs: { x: [1, 2, 3], n: { shape: [1, 1], data: [1] } } },
      'Input "x" must be an object {"shape": [...], "data": [...]} (its "type" optional).',
    ],
    [
      { inputs: { x: { shape: [-1, 3], data: [1, 2, 3] }, n: { shape: [1, 1], data: [1] } } },
      'Input "x" has shape [-1,3]: expected a list of whole sizes like [2, 3].',
    ],
    [
      { inputs: { x: { shape: [2, 3], data: [1, 2, 3, 4, 5, 6] }, n: { shape: [1, 1], data: [1] } } },
      'Input "n" has batch = 1 (dim 0), but input "x" has batch = 2; the model needs them equal.',
    ],
    [
      {
        inputs: {
          x: { shape: [5, 3], data: new Array(15).fill(0) },
          n: { shape: [5, 1], data: [1, 2, 3, 4, 5] },
        },
      },
      'Input "x" has a batch of 5 rows, more than the server\'s limit of 4 (MAX_BATCH); send fewer rows per request.',
    ],
    [
      {
        inputs: {
          x: { shape: [1, 3], data: [1, 2, 3] },
          n: { shape: [1, 1], data: ['99999999999999999999'] },
        },
      },
      'Input "n": value 0 ("99999999999999999999") is not within int64.',
    ],
  ])('refuses %j with 400', async (body, message) => {
    const refused = await error(body);
    expect(refused.status).toBe(400);
    expect(refused.error.startsWith(message)).toBe(true);
  });

  it('keeps serving after every refusal', async () => {
    const response = await served.post('/predict', { records: [{ x: [1, 2, 3], n: [1] }] });
    expect(response.status).toBe(200);
  });
});

describe('POST /predict on a model whose batch dim is fixed at 1', () => {
  let served: TestServer;
  beforeAll(async () => {
    served = await startTestServer(fixedBatchModel);
  });
  afterAll(() => served.close());

  it('runs once per record and gives each record its own prediction', async () => {
    const records = [
      [1, -2, 3, -4],
      [-0.5, 0.25, 0, 9],
      [5, 5, -5, 5],
    ];
    const response = await served.post('/predict', { records: records.map((row) => ({ x: row })) });
    expect(response.status).toBe(200);
    const { predictions } = (await response.json()) as { predictions: { y: number[] }[] };
    for (const [i, row] of records.entries()) {
      const expected = await reference(served.modelPath, {
        x: new ort.Tensor('float32', Float32Array.from(row), [1, 4]),
      });
      expect(predictions[i]).toEqual({ y: Array.from(expected.y?.data as Float32Array) });
    }
  });

  it('refuses a tensor with another batch size, naming the fixed dims', async () => {
    const response = await served.post('/predict', {
      inputs: { x: { shape: [2, 4], data: new Array(8).fill(1) } },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'Input "x" has shape [2, 4], but the model\'s input "x" takes [1, 4].',
    });
  });
});

describe('POST /predict with bool, float16 and string tensors', () => {
  let served: TestServer;
  beforeAll(async () => {
    served = await startTestServer(typesModel);
  });
  afterAll(() => served.close());

  it('carries each type as JSON: booleans, numbers rounded to float16, strings', async () => {
    const response = await served.post('/predict', {
      records: [
        { b: [true, false], h: [0.5, 0.1], s: 'héllo' },
        { b: [false, false], h: [-2, 65504], s: '' },
      ],
    });
    expect(response.status).toBe(200);
    const f16 = (value: number) => float16ToNumber(numberToFloat16(value));
    expect(await response.json()).toEqual({
      predictions: [
        { not_b: [false, true], h_out: [0.5, f16(0.1)], s_out: 'héllo' },
        { not_b: [true, true], h_out: [-2, 65504], s_out: '' },
      ],
    });
  });

  it('refuses values of the wrong kind for each type', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { b: ['yes', true], h: [1, 1], s: 'a' },
        'Record 0 input "b": value 0 ("yes") is not a boolean (true or false).',
      ],
      [{ b: [true, true], h: [1, 1], s: 3 }, 'Record 0 input "s": value 0 (3) is not a string.'],
      [
        { b: [true, true], h: [null, 1], s: 'a' },
        'Record 0 input "h": value 0 (null) is not a number (float16).',
      ],
    ];
    for (const [record, message] of cases) {
      const response = await served.post('/predict', { records: [record] });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: message });
    }
  });
});

describe('POST /predict on a model whose rows have a symbolic length', () => {
  it('stacks rows of one length and refuses records of different lengths', async () => {
    const served = await startTestServer(symbolicRowModel);
    try {
      const fine = await served.post('/predict', { records: [{ x: [1, 2] }, { x: [3, 4] }] });
      expect(await fine.json()).toEqual({ predictions: [{ y: [1, 2] }, { y: [3, 4] }] });
      const ragged = await served.post('/predict', { records: [{ x: [1, 2] }, { x: [3, 4, 5] }] });
      expect(ragged.status).toBe(400);
      expect(await ragged.json()).toEqual({
        error:
          'Record 1 input "x" has shape [3], but record 0 has [2]; every record\'s "x" must have the same shape.',
      });
    } finally {
      await served.close();
    }
  });
});
