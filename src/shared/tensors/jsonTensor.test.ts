import { describe, expect, it } from 'vitest';
import { tensorFromJson } from './jsonTensor.js';

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
