import { describe, expect, it } from 'vitest';
import { float16ToNumber } from '../../../../shared/tensors/float16.js';
import { concreteShape, generateInputs } from './generateInputs.js';

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

  it('refuses, counted exactly, a shape past what one tensor can hold', () => {
    const huge = { name: 'x', type: 'float32' as const, shape: [2 ** 31, 2 ** 31] };
    expect(() => generateInputs([huge], { model: 'huge.onnx' })).toThrow(
      expect.objectContaining({
        code: 'TENSOR_SHAPE',
        message: expect.stringMatching(
          /^Input x of huge\.onnx \[2147483648, 2147483648\] would hold 4611686018427387904 float32 values \(18446744073709551616 bytes\)/,
        ) as unknown,
      }),
    );
  });
});
