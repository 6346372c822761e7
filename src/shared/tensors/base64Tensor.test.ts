import { describe, expect, it } from 'vitest';
import { decodeTensor, encodeTensor } from './base64Tensor.js';
import type { TensorValue } from './tensors.js';

describe('tensors on the JSON wire', () => {
  it.each<TensorValue>([
    { type: 'float32', dims: [2, 2], data: Float32Array.from([1.5, -2, Number.NaN, 3e38]) },
    { type: 'int64', dims: [3], data: BigInt64Array.from([-(2n ** 62n), 0n, 2n ** 62n]) },
    { type: 'float16', dims: [2], data: Uint16Array.from([0x3c00, 0xfc00]) },
    { type: 'bool', dims: [2], data: Uint8Array.from([1, 0]) },
    { type: 'string', dims: [2], data: ['héllo', ''] },
    { type: 'uint8', dims: [200_000], data: Uint8Array.from({ length: 200_000 }, (_, i) => i % 251) },
  ])('round-trips $type [$dims] exactly', (tensor) => {
    const wire = encodeTensor(tensor);
    expect(JSON.parse(JSON.stringify(wire))).toEqual(wire);
    expect(decodeTensor(wire)).toEqual(tensor);
  });

  it('encodes a view over a larger buffer as just its own bytes', () => {
    const backing = Float32Array.from([9, 1, 2, 9]);
    const view = backing.subarray(1, 3);
    expect(decodeTensor(encodeTensor({ type: 'float32', dims: [2], data: view })).data).toEqual(
      Float32Array.from([1, 2]),
    );
  });
});
