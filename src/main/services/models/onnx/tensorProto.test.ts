import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataType } from './dataTypes.js';
import { decodeTensorProto, readTensorProto } from './tensorProto.js';
import { encodeTensor, type TensorSpec } from './testModels.js';

const T = DataType;
const bytes = (view: ArrayBufferView) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);

/** Each type written both ways: in its typed field, and as little-endian raw_data. */
const cases: [
  string,
  number,
  Omit<TensorSpec, 'dataType' | 'dims'>,
  Omit<TensorSpec, 'dataType' | 'dims'>,
  unknown,
][] = [
  [
    'FLOAT',
    T.FLOAT,
    { float_data: [1.5, -2, 3.25] },
    { raw_data: bytes(Float32Array.of(1.5, -2, 3.25)) },
    Float32Array.of(1.5, -2, 3.25),
  ],
  [
    'DOUBLE',
    T.DOUBLE,
    { double_data: [0.1, -1e300, 7] },
    { raw_data: bytes(Float64Array.of(0.1, -1e300, 7)) },
    Float64Array.of(0.1, -1e300, 7),
  ],
  [
    'UINT8',
    T.UINT8,
    { int32_data: [0, 128, 255] },
    { raw_data: Uint8Array.of(0, 128, 255) },
    Uint8Array.of(0, 128, 255),
  ],
  [
    'INT8',
    T.INT8,
    { int32_data: [-128, 0, 127] },
    { raw_data: bytes(Int8Array.of(-128, 0, 127)) },
    Int8Array.of(-128, 0, 127),
  ],
  [
    'UINT16',
    T.UINT16,
    { int32_data: [0, 40000, 65535] },
    { raw_data: bytes(Uint16Array.of(0, 40000, 65535)) },
    Uint16Array.of(0, 40000, 65535),
  ],
  [
    'INT16',
    T.INT16,
    { int32_data: [-32768, 5, 32767] },
    { raw_data: bytes(Int16Array.of(-32768, 5, 32767)) },
    Int16Array.of(-32768, 5, 32767),
  ],
  [
    'INT32',
    T.INT32,
    { int32_data: [-2147483648, 1, 2147483647] },
    { raw_data: bytes(Int32Array.of(-2147483648, 1, 2147483647)) },
    Int32Array.of(-2147483648, 1, 2147483647),
  ],
  [
    'UINT32',
    T.UINT32,
    { uint64_data: [0, 1, 4294967295] },
    { raw_data: bytes(Uint32Array.of(0, 1, 4294967295)) },
    Uint32Array.of(0, 1, 4294967295),
  ],
  [
    'INT64',
    T.INT64,
    { int64_data: ['-9223372036854775808', 1, '9223372036854775807'] },
    { raw_data: bytes(BigInt64Array.of(-(2n ** 63n), 1n, 2n ** 63n - 1n)) },
    BigInt64Array.of(-(2n ** 63n), 1n, 2n ** 63n - 1n),
  ],
  [
    'UINT64',
    T.UINT64,
    { uint64_data: [0, '18446744073709551615', 3] },
    { raw_data: bytes(BigUint64Array.of(0n, 2n ** 64n - 1n, 3n)) },
    BigUint64Array.of(0n, 2n ** 64n - 1n, 3n),
  ],
  ['BOOL', T.BOOL, { int32_data: [1, 0, 1] }, { raw_data: Uint8Array.of(1, 0, 1) }, Uint8Array.of(1, 0, 1)],
  // 1.0, -2.0 and the largest finite value, as IEEE half-precision bits.
  [
    'FLOAT16',
    T.FLOAT16,
    { int32_data: [0x3c00, 0xc000, 0x7bff] },
    { raw_data: bytes(Uint16Array.of(0x3c00, 0xc000, 0x7bff)) },
    Uint16Array.of(0x3c00, 0xc000, 0x7bff),
  ],
  [
    'BFLOAT16',
    T.BFLOAT16,
    { int32_data: [0x3f80, 0xc000, 0] },
    { raw_data: bytes(Uint16Array.of(0x3f80, 0xc000, 0)) },
    Uint16Array.of(0x3f80, 0xc000, 0),
  ],
  [
    'FLOAT8E4M3FN',
    T.FLOAT8E4M3FN,
    { int32_data: [0x38, 0xb8, 0x7e] },
    { raw_data: Uint8Array.of(0x38, 0xb8, 0x7e) },
    Uint8Array.of(0x38, 0xb8, 0x7e),
  ],
  // Two 4-bit elements per byte, the first in the low bits: 7, -8, 1 packed as 0x87, 0x01.
  [
    'INT4',
    T.INT4,
    { int32_data: [0x87, 0x01] },
    { raw_data: Uint8Array.of(0x87, 0x01) },
    Int8Array.of(7, -8, 1),
  ],
  [
    'UINT4',
    T.UINT4,
    { int32_data: [0xf0, 0x05] },
    { raw_data: Uint8Array.of(0xf0, 0x05) },
    Uint8Array.of(0, 15, 5),
  ],
  [
    'COMPLEX64',
    T.COMPLEX64,
    { float_data: [1, 2, 3, 4, 5, 6] },
    { raw_data: bytes(Float32Array.of(1, 2, 3, 4, 5, 6)) },
    Float32Array.of(1, 2, 3, 4, 5, 6),
  ],
];

describe('decodeTensorProto', () => {
  it.each(cases)(
    'decodes %s from its typed field and from raw_data alike',
    (name, dataType, typed, raw, expected) => {
      for (const fields of [typed, raw]) {
        const tensor = decodeTensorProto(encodeTensor({ name: 'x', dataType, dims: [3], ...fields }));
        expect(tensor).toMatchObject({ name: 'x', dataType, dataTypeName: name, dims: [3] });
        expect(tensor.data).toEqual(expected);
        expect(tensor.data.constructor).toBe((expected as object).constructor);
      }
    },
  );

  it('decodes STRING tensors as UTF-8 strings', () => {
    const strings = ['', 'plain', 'naïve ☃'].map((text) => new TextEncoder().encode(text));
    const tensor = decodeTensorProto(encodeTensor({ dataType: T.STRING, dims: [3], string_data: strings }));
    expect(tensor.data).toEqual(['', 'plain', 'naïve ☃']);
  });

  it('decodes a scalar and an empty tensor', () => {
    expect(decodeTensorProto(encodeTensor({ dataType: T.FLOAT, dims: [], float_data: [4] })).data).toEqual(
      Float32Array.of(4),
    );
    const empty = decodeTensorProto(encodeTensor({ dataType: T.INT64, dims: [2, 0] }));
    expect(empty.data).toEqual(new BigInt64Array(0));
  });

  it('keeps no view on the bytes it decoded: values are copied and aligned', () => {
    const encoded = encodeTensor({ dataType: T.FLOAT, dims: [2], raw_data: bytes(Float32Array.of(1, 2)) });
    // Shift by one byte so raw_data cannot be aligned in place.
    const shifted = new Uint8Array(encoded.length + 1);
    shifted.set(encoded, 1);
    const tensor = decodeTensorProto(shifted.subarray(1));
    shifted.fill(0);
    expect(tensor.data).toEqual(Float32Array.of(1, 2));
  });

  it('refuses data that does not fit the dims, naming the file', () => {
    const encoded = encodeTensor({ dataType: T.FLOAT, dims: [4], raw_data: bytes(Float32Array.of(1, 2)) });
    expect(() => decodeTensorProto(encoded, '/data/input_0.pb')).toThrow(
      expect.objectContaining({
        code: 'MODEL_INVALID',
        message: 'input_0.pb holds 8 bytes of raw_data, but its FLOAT dims [4] need 4 values (16 bytes).',
      }),
    );
    const typed = encodeTensor({ dataType: T.INT64, dims: [2], int64_data: [1] });
    expect(() => decodeTensorProto(typed)).toThrow(
      /holds 1 values in int64_data, but its INT64 dims \[2\] need 2 values/,
    );
  });

  it('refuses bytes that are not a tensor and tensors kept in external files', () => {
    expect(() => decodeTensorProto(new TextEncoder().encode('not a tensor at all'), 'x.pb')).toThrow(
      expect.objectContaining({
        code: 'MODEL_INVALID',
        message: expect.stringMatching(/^x\.pb is not a TensorProto/) as unknown,
      }),
    );
    const external = encodeTensor({ dataType: T.FLOAT, dims: [1], external: { location: 'data.bin' } });
    expect(() => decodeTensorProto(external, 'x.pb')).toThrow(/keeps its values in an external file/);
  });
});

describe('readTensorProto', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlw-tensor-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a tensor file', async () => {
    const path = join(dir, 'input_0.pb');
    await writeFile(path, encodeTensor({ name: 'x', dataType: T.INT32, dims: [2], int32_data: [5, 6] }));
    expect(await readTensorProto(path)).toEqual({
      name: 'x',
      dataType: T.INT32,
      dataTypeName: 'INT32',
      dims: [2],
      data: Int32Array.of(5, 6),
    });
  });

  it('says NOT_FOUND for a missing file', async () => {
    await expect(readTensorProto(join(dir, 'missing.pb'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Cannot read missing.pb: no such file.',
    });
  });
});
