import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeNpy, decodeNpz, encodeNpy, encodeNpz, npyFileName } from './npy.js';
import type { TensorValue } from './tensors.js';

// numpy's own files are checked against this codec in src/main/services/models/tensors/npyFiles.test.ts.
describe('.npy and .npz codec', () => {
  const tensors: Record<string, TensorValue> = {
    x: { type: 'float32', dims: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, NaN) },
    ids: { type: 'int64', dims: [2], data: BigInt64Array.of(-1n, 2n ** 62n) },
    words: { type: 'string', dims: [2], data: ['a', 'héllo'] },
  };

  it('takes back every tensor it writes, alone and in an archive, stored or deflated', () => {
    for (const tensor of Object.values(tensors)) expect(decodeNpy(encodeNpy(tensor))).toEqual(tensor);
    expect(decodeNpz(encodeNpz(tensors))).toEqual(tensors);
    expect(decodeNpz(encodeNpz(tensors, { compress: true }))).toEqual(tensors);
  });

  it('names the file, and the array inside an archive, when it cannot read one', () => {
    expect(() => decodeNpy(Uint8Array.of(1, 2, 3), 'junk.npy')).toThrow(/^junk\.npy cannot be read.*magic/);
    expect(() => decodeNpz(Uint8Array.of(1, 2, 3), 'junk.npz')).toThrow(/junk\.npz .*not a zip archive/);
    const archive = zipSync({ 'bad.npy': Uint8Array.of(1, 2, 3) });
    expect(() => decodeNpz(archive, 'batch.npz')).toThrow(/^batch\.npz \(bad\.npy\) cannot be read.*magic/);
  });

  it('names an output file after the output, with characters files cannot hold as _', () => {
    expect(npyFileName('logits')).toBe('logits.npy');
    expect(npyFileName('encoder/layer 1:out')).toBe('encoder_layer_1_out.npy');
  });
});
