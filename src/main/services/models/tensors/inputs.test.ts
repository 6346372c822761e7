import { describe, expect, it } from 'vitest';
import { float16ToNumber } from './float16.js';
import { concreteShape, generateInputs } from './generateInputs.js';
import { tensorFromJson } from './jsonTensor.js';

describe('inputs made up from a signature', () => {
  const inputs = [
    { name: 'image', type: 'float32' as const, shape: ['N', 3, 'H', 'W'] },
    { name: 'ids', type: 'int64' as const, shape: [null, 'seq'] },
    { name: 'half', type: 'float16' as const, shape: [2] },
    { name: 'mask', type: 'bool' as const, shape: [] },
  ];

  it('gives the leading free dimension the batch size and named ones their --dim', () => {
    const feeds = generateInputs(inputs, { batch: 4, dims: { H: 8, W: 8, seq: 5 } });
    expect(feeds.image?.dims).toEqual([4, 3, 8, 8]);
    expect(feeds.ids?.dims).toEqual([4, 5]);
    expect(feeds.ids?.data).toBeInstanceOf(BigInt64Array);
    expect(feeds.half?.dims).toEqual([2]);
    expect(feeds.mask).toMatchObject({ type: 'bool', dims: [] });
    const values = [...(feeds.image?.data as Float32Array)];
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(new Set(values).size).toBeGreaterThan(100);
    expect(Math.abs(float16ToNumber((feeds.half?.data as Uint16Array)[0] ?? 0))).toBeLessThanOrEqual(1);
  });

  it('is reproducible by seed, and zeros on request', () => {
    const dims = { H: 2, W: 2, seq: 3 };
    expect(generateInputs(inputs, { dims, seed: 7 })).toEqual(generateInputs(inputs, { dims, seed: 7 }));
    expect(generateInputs(inputs, { dims, seed: 7 })).not.toEqual(generateInputs(inputs, { dims, seed: 8 }));
    expect(
      [...(generateInputs(inputs, { dims, fill: 'zeros' }).image?.data as Float32Array)].every(
        (v) => v === 0,
      ),
    ).toBe(true);
  });

  it('names the free dimensions nobody sized', () => {
    expect(() => concreteShape(inputs[0]!, { batch: 2 })).toThrow(/free dimensions: 'H', 'W'/);
    expect(() => concreteShape(inputs[0]!, { batch: 2 })).toThrow(
      expect.objectContaining({ hint: expect.stringContaining('--dim H=') as unknown }),
    );
    expect(() => concreteShape({ name: 'x', type: 'float32', shape: null })).toThrow(/no declared shape/);
  });
});

describe('tensors written as JSON', () => {
  it('reads the object form and nested arrays, with 64-bit integers as strings', () => {
    expect(tensorFromJson({ dims: [2, 2], type: 'float32', data: [1, 2, 'NaN', 4] }, 'x.json')).toMatchObject(
      {
        type: 'float32',
        dims: [2, 2],
      },
    );
    expect(tensorFromJson({ type: 'int64', data: [['9007199254740993', 2]] }, 'x.json')).toEqual({
      type: 'int64',
      dims: [1, 2],
      data: BigInt64Array.of(9007199254740993n, 2n),
    });
    expect(
      tensorFromJson(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        'x.json',
        'uint8',
      ),
    ).toEqual({
      type: 'uint8',
      dims: [2, 3],
      data: Uint8Array.of(1, 2, 3, 4, 5, 6),
    });
    expect(tensorFromJson(['a', 'b'], 's.json', 'string').data).toEqual(['a', 'b']);
  });

  it('says what is wrong: ragged, count, range, type', () => {
    expect(() => tensorFromJson([[1, 2], [3]], 'r.json')).toThrow(/ragged/);
    expect(() => tensorFromJson({ dims: [3], data: [1, 2] }, 'c.json')).toThrow(
      /hold 3 values, the data has 2/,
    );
    expect(() => tensorFromJson([300], 'u.json', 'uint8')).toThrow(/does not fit uint8/);
    expect(() => tensorFromJson({ type: 'float128', data: [1] }, 't.json')).toThrow(/float128/);
    expect(() => tensorFromJson(['x'], 'n.json')).toThrow(/not a number/);
  });
});
