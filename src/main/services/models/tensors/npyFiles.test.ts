import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numpySkipReason, python } from '../../../../../test/fixtures/numpy.js';
import { float16ToNumber } from '../../../../shared/tensors/float16.js';
import { decodeNpy, encodeNpy } from '../../../../shared/tensors/npy.js';
import { readNpy, readNpz, writeNpy, writeNpz } from './npyFiles.js';

const skipReason = numpySkipReason();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-npy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const dtypes = ['f2', 'f4', 'f8', 'i1', 'i2', 'i4', 'i8', 'u1', 'u2', 'u4', 'u8', 'b1'] as const;
const typeNames = {
  f2: 'float16',
  f4: 'float32',
  f8: 'float64',
  i1: 'int8',
  i2: 'int16',
  i4: 'int32',
  i8: 'int64',
  u1: 'uint8',
  u2: 'uint16',
  u4: 'uint32',
  u8: 'uint64',
  b1: 'bool',
} as const;

const numbers = (data: ArrayLike<number | bigint>, type: string) =>
  Array.from(data, (v) =>
    type === 'float16' ? float16ToNumber(Number(v)) : typeof v === 'bigint' ? v.toString() : v,
  );

describe.skipIf(skipReason !== undefined)('.npy and .npz files against numpy', () => {
  it('reads every dtype numpy writes, in format versions 1, 2 and 3', async () => {
    python(
      `
import numpy as np, sys, json
d = sys.argv[1]
for t in ${JSON.stringify(dtypes)}:
    a = (np.arange(24).reshape(2, 3, 4) - (0 if t[0] in 'ub' else 5)).astype(t)
    if t[0] == 'b': a = (np.arange(24) % 3 == 0).reshape(2, 3, 4)
    np.save(f'{d}/{t}.npy', a)
    for v in (2, 3):
        with open(f'{d}/{t}_v{v}.npy', 'wb') as f: np.lib.format.write_array(f, a, version=(v, 0))
np.save(f'{d}/scalar.npy', np.float32(2.5))
np.save(f'{d}/strings.npy', np.array([['a', 'héllo'], ['✓ ok', '']]))
np.save(f'{d}/edge.npy', np.array([np.nan, np.inf, -np.inf, -0.0, 65504, 6e-8], dtype=np.float16))
np.save(f'{d}/big.npy', np.array([2**63 - 1, -2**63], dtype=np.int64))
np.save(f'{d}/fortran.npy', np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)))
np.save(f'{d}/bigendian.npy', np.arange(3, dtype='>f4'))
np.save(f'{d}/objects.npy', np.array([{'a': 1}], dtype=object), allow_pickle=True)
np.savez(f'{d}/plain.npz', x=np.ones((2, 2), np.float32), y=np.array([1, 2], np.int64))
np.savez_compressed(f'{d}/compressed.npz', x=np.arange(1000, dtype=np.float64), names=np.array(['a', 'bc']))
`,
      [dir],
    );
    for (const t of dtypes) {
      const type = typeNames[t];
      const expected = numbers((await readNpy(join(dir, `${t}.npy`))).data as ArrayLike<number>, type);
      for (const file of [`${t}.npy`, `${t}_v2.npy`, `${t}_v3.npy`]) {
        const tensor = await readNpy(join(dir, file));
        expect(tensor.type, file).toBe(type);
        expect(tensor.dims).toEqual([2, 3, 4]);
        expect(numbers(tensor.data as ArrayLike<number>, type)).toEqual(expected);
      }
      const values = numbers((await readNpy(join(dir, `${t}.npy`))).data as ArrayLike<number>, type);
      if (t === 'b1') expect(values.slice(0, 4)).toEqual([1, 0, 0, 1]);
      else expect(values.slice(0, 2).map(Number)).toEqual(t[0] === 'u' ? [0, 1] : [-5, -4]);
    }
    expect(await readNpy(join(dir, 'scalar.npy'))).toEqual({
      type: 'float32',
      dims: [],
      data: Float32Array.of(2.5),
    });
    expect(await readNpy(join(dir, 'strings.npy'))).toEqual({
      type: 'string',
      dims: [2, 2],
      data: ['a', 'héllo', '✓ ok', ''],
    });
    const edge = await readNpy(join(dir, 'edge.npy'));
    expect(numbers(edge.data as Uint16Array, 'float16')).toEqual([
      NaN,
      Infinity,
      -Infinity,
      -0,
      65504,
      5.960464477539063e-8,
    ]);
    expect((await readNpy(join(dir, 'big.npy'))).data).toEqual(
      BigInt64Array.of(2n ** 63n - 1n, -(2n ** 63n)),
    );
    const plain = await readNpz(join(dir, 'plain.npz'));
    expect(Object.keys(plain).sort()).toEqual(['x', 'y']);
    expect(plain.y).toEqual({ type: 'int64', dims: [2], data: BigInt64Array.of(1n, 2n) });
    const compressed = await readNpz(join(dir, 'compressed.npz'));
    expect((compressed.x?.data as Float64Array)[999]).toBe(999);
    expect(compressed.names?.data).toEqual(['a', 'bc']);
  });

  it('refuses Fortran order, big-endian values and pickled objects, saying how to convert', async () => {
    await expect(readNpy(join(dir, 'fortran.npy'))).rejects.toThrow(/Fortran/);
    await expect(readNpy(join(dir, 'fortran.npy'))).rejects.toMatchObject({
      hint: expect.stringContaining('np.ascontiguousarray') as unknown,
    });
    await expect(readNpy(join(dir, 'bigendian.npy'))).rejects.toThrow(/big-endian \(>f4\)/);
    await expect(readNpy(join(dir, 'objects.npy'))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      hint: expect.stringContaining('never loaded') as unknown,
    });
    expect(() => decodeNpy(new Uint8Array([1, 2, 3]), 'junk.npy')).toThrow(/junk.npy .*magic/);
    const cut = (await readFile(join(dir, 'f4.npy'))).subarray(0, 100);
    expect(() => decodeNpy(cut, 'cut.npy')).toThrow(/truncated/);
  });

  it('writes files numpy reads back equal, for every dtype, strings and .npz', async () => {
    const tensors = {
      f: { type: 'float32' as const, dims: [2, 2], data: Float32Array.of(1.5, NaN, -Infinity, 3) },
      d: { type: 'float64' as const, dims: [1], data: Float64Array.of(Math.PI) },
      h: { type: 'float16' as const, dims: [2], data: Uint16Array.of(0x3c00, 0x7e00) },
      i: { type: 'int64' as const, dims: [2], data: BigInt64Array.of(-(2n ** 62n), 7n) },
      u: { type: 'uint64' as const, dims: [1], data: BigUint64Array.of(2n ** 64n - 1n) },
      b: { type: 'bool' as const, dims: [3], data: Uint8Array.of(1, 0, 1) },
      s: { type: 'string' as const, dims: [2], data: ['héllo', '𝄞'] },
      z: { type: 'int32' as const, dims: [], data: Int32Array.of(-3) },
      e: { type: 'uint8' as const, dims: [0, 3], data: new Uint8Array(0) },
    };
    for (const [name, tensor] of Object.entries(tensors))
      await writeNpy(join(dir, `out_${name}.npy`), tensor);
    await writeNpz(join(dir, 'out.npz'), tensors);
    await writeNpz(join(dir, 'outz.npz'), tensors, { compress: true });
    const seen = JSON.parse(
      python(
        `
import numpy as np, sys, json
d = sys.argv[1]
def show(a): return {'dtype': a.dtype.str, 'shape': list(a.shape), 'values': [str(v) for v in a.ravel().tolist()]}
out = {n: show(np.load(f'{d}/out_{n}.npy')) for n in 'fdhiubsze'}
for f in ('out', 'outz'):
    with np.load(f'{d}/{f}.npz') as z: out[f] = {k: show(z[k]) for k in sorted(z.files)}
print(json.dumps(out))
`,
        [dir],
      ),
    ) as Record<string, { dtype: string; shape: number[]; values: string[] }> & {
      out: Record<string, unknown>;
      outz: Record<string, unknown>;
    };
    expect(seen.f).toEqual({ dtype: '<f4', shape: [2, 2], values: ['1.5', 'nan', '-inf', '3.0'] });
    expect(seen.d?.values).toEqual([String(Math.PI)]);
    expect(seen.h).toEqual({ dtype: '<f2', shape: [2], values: ['1.0', 'nan'] });
    expect(seen.i?.values).toEqual([String(-(2n ** 62n)), '7']);
    expect(seen.u?.values).toEqual([String(2n ** 64n - 1n)]);
    expect(seen.b).toEqual({ dtype: '|b1', shape: [3], values: ['True', 'False', 'True'] });
    expect(seen.s).toEqual({ dtype: '<U5', shape: [2], values: ['héllo', '𝄞'] });
    expect(seen.z).toEqual({ dtype: '<i4', shape: [], values: ['-3'] });
    expect(seen.e).toEqual({ dtype: '|u1', shape: [0, 3], values: [] });
    expect(Object.keys(seen.out)).toEqual(['b', 'd', 'e', 'f', 'h', 'i', 's', 'u', 'z']);
    expect(seen.outz).toEqual(seen.out);
    // Our own reader takes back what it wrote.
    for (const [name, tensor] of Object.entries(tensors))
      expect(decodeNpy(encodeNpy(tensor)), name).toEqual(tensor);
  });

  it('writes a header numpy accepts for a tensor of many dimensions, aligned to 64 bytes', async () => {
    const bytes = encodeNpy({ type: 'float32', dims: [1, 1, 1, 1, 1, 1, 1, 2], data: Float32Array.of(1, 2) });
    expect(bytes[6]).toBe(1);
    expect((bytes.length - 8) % 64).toBe(0);
    await writeFile(join(dir, 'many.npy'), bytes);
    expect(
      python(`import numpy as np, sys; print(np.load(sys.argv[1]).shape)`, [join(dir, 'many.npy')]).trim(),
    ).toBe('(1, 1, 1, 1, 1, 1, 1, 2)');
  });
});
