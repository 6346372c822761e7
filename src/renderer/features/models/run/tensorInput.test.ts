import { describe, expect, it } from 'vitest';
import { fillText, formatShape, parseTensorText, resolveShape } from './tensorInput.js';

describe('resolveShape', () => {
  it('keeps fixed dims and takes symbolic or unknown ones from the choices, 1 by default', () => {
    expect(resolveShape(['batch', 3, null], { 0: 4 })).toEqual([4, 3, 1]);
    expect(formatShape(['batch', 3, null])).toBe('[batch, 3, ?]');
  });
});

describe('parseTensorText', () => {
  it('reads a nested array or a flat list into the typed array for the shape', () => {
    const nested = parseTensorText('[[1, 2, 3], [4, 5, 6]]', 'float32', [2, 3]);
    const flat = parseTensorText('[1, 2, 3, 4, 5, 6]', 'float32', [2, 3]);
    expect(nested.ok && nested.tensor.data).toEqual(Float32Array.from([1, 2, 3, 4, 5, 6]));
    expect(flat.ok && flat.tensor.data).toEqual(Float32Array.from([1, 2, 3, 4, 5, 6]));
    expect(nested.ok && nested.tensor.dims).toEqual([2, 3]);
  });

  it('makes int64 BigInts, bool bytes and scalars', () => {
    const ints = parseTensorText('[1, -2]', 'int64', [2]);
    expect(ints.ok && ints.tensor.data).toEqual(BigInt64Array.from([1n, -2n]));
    const bools = parseTensorText('[true, 0]', 'bool', [2]);
    expect(bools.ok && bools.tensor.data).toEqual(Uint8Array.from([1, 0]));
    const scalar = parseTensorText('2.5', 'float64', []);
    expect(scalar.ok && scalar.tensor.data).toEqual(Float64Array.from([2.5]));
  });

  it('says what is wrong: the count for the shape, a non-number, bad JSON, out of range', () => {
    const count = parseTensorText('[1, 2]', 'float32', [1, 3]);
    expect(count).toEqual({ ok: false, message: 'Shape [1, 3] takes 3 values; got 2.' });
    const word = parseTensorText('[1, "a", 3]', 'float32', [3]);
    expect(word).toEqual({ ok: false, message: 'Value 2 ("a") is not a number.' });
    expect(parseTensorText('[1,', 'float32', [1])).toMatchObject({ ok: false, message: /Not valid JSON/ });
    expect(parseTensorText('', 'float32', [1])).toMatchObject({ ok: false });
    expect(parseTensorText('[1.5]', 'int32', [1])).toMatchObject({ ok: false, message: /whole number/ });
    expect(parseTensorText('[300]', 'uint8', [1])).toMatchObject({ ok: false, message: /out of range/ });
  });

  it('encodes float16 as half-precision bits', () => {
    expect(parseTensorText('[1, -2, 0.5, 1e6]', 'float16', [4])).toMatchObject({
      ok: true,
      tensor: { data: Uint16Array.of(0x3c00, 0xc000, 0x3800, 0x7c00) },
    });
  });
});

describe('fillText', () => {
  it('fills zeros nested by the shape', () => {
    expect(fillText('zeros', 'float32', [2, 2])).toBe('[[0,0],[0,0]]');
    expect(fillText('zeros', 'int64', [3])).toBe('[0,0,0]');
  });

  it('fills random values that parse back for the shape', () => {
    let seed = 0;
    const random = () => (seed = (seed * 9301 + 49297) % 233280) / 233280;
    for (const type of ['float32', 'int64', 'bool', 'uint8'] as const) {
      const text = fillText('random', type, [2, 3, 4], random);
      const parsed = parseTensorText(text, type, [2, 3, 4]);
      expect(parsed.ok).toBe(true);
    }
  });

  it('writes a flat list for large tensors', () => {
    const text = fillText('zeros', 'float32', [1, 3, 100, 100]);
    expect(text.startsWith('[0,')).toBe(true);
    expect(parseTensorText(text, 'float32', [1, 3, 100, 100]).ok).toBe(true);
  });
});
