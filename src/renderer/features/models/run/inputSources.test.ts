import { describe, expect, it } from 'vitest';
import { encodeNpy, encodeNpz } from '../../../../shared/tensors/npy.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import { jsonObjectForInput, npyForInput, npzForInputs, tensorProblem } from './inputSources.js';

const image = { name: 'image', type: 'float32' as const, shape: ['N', 3] };
const ids = { name: 'ids', type: 'int64' as const, shape: [2] };
const tensor = (type: 'float32' | 'float64', dims: number[]): TensorValue => ({
  type,
  dims,
  data:
    type === 'float32'
      ? new Float32Array(dims.reduce((a, b) => a * b, 1))
      : new Float64Array(dims.reduce((a, b) => a * b, 1)),
});

describe('tensors from files and JSON, checked against an input', () => {
  it('takes any size for a symbolic dim, and says expected and got for type and shape', () => {
    expect(tensorProblem(image, tensor('float32', [5, 3]), 'x.npy', 'numpy')).toBeUndefined();
    expect(tensorProblem(image, tensor('float64', [5, 3]), 'x.npy', 'numpy')).toBe(
      'x.npy holds float64 [5, 3]; input image takes float32 [N, 3]. Convert it in NumPy: np.save("x.npy", a.astype("float32")).',
    );
    expect(tensorProblem(image, tensor('float32', [5, 4]), 'x.npy', 'numpy')).toMatch(
      /^x\.npy holds float32 \[5, 4\]; input image takes float32 \[N, 3\]\. Save an array of that shape/,
    );
    expect(tensorProblem(image, tensor('float32', [15]), 'The JSON', 'json')).toMatch(/Give "dims"/);
  });

  it('decodes an .npy for one input, and tells a file that is not one', () => {
    const ok = npyForInput(image, encodeNpy(tensor('float32', [2, 3])), 'x.npy');
    expect(ok).toMatchObject({ ok: true, tensor: { dims: [2, 3] } });
    expect(npyForInput(image, Uint8Array.of(1, 2), 'x.npy')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^x\.npy cannot be read as a tensor.*magic.*numpy\.save/) as unknown,
    });
  });

  it('spreads an .npz over the inputs by array name, naming what is missing and what is left over', () => {
    const archive = encodeNpz({ image: tensor('float32', [1, 3]), extra: tensor('float32', [1]) });
    const read = npzForInputs([image, ids], archive, 'batch.npz');
    expect(read).toMatchObject({
      ok: true,
      results: {
        image: { ok: true },
        ids: {
          ok: false,
          message:
            'batch.npz has no array named ids (it holds image, extra). Save it with np.savez("batch.npz", ids=a).',
        },
      },
      unused: ['extra'],
    });
    expect(npzForInputs([image], Uint8Array.of(1), 'junk.npz')).toMatchObject({ ok: false });
  });

  it('reads the JSON tensor object form with the shared codec', () => {
    expect(jsonObjectForInput(ids, '{"type": "int64", "data": ["9007199254740993", 2]}')).toEqual({
      ok: true,
      tensor: { type: 'int64', dims: [2], data: BigInt64Array.of(9007199254740993n, 2n) },
    });
    expect(jsonObjectForInput(ids, '{"dims": [3], "data": [1, 2]}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/dims \[3\] hold 3 values, the data has 2/) as unknown,
    });
    expect(jsonObjectForInput(image, '{"type": "float64", "data": [[1, 2, 3]]}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /holds float64 \[1, 3\]; input image takes float32 \[N, 3\]\. Write "type": "float32"/,
      ) as unknown,
    });
  });
});
