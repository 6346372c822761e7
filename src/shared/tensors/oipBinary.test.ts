import { describe, expect, it } from 'vitest';
import {
  BinaryTensorError,
  binaryReader,
  binaryTensorBytes,
  declaredHeaderLength,
  joinBinaryBody,
  readInferResponse,
  tensorFromBinary,
} from './oipBinary.js';
import type { TensorValue } from './tensors.js';

describe('binary tensor data', () => {
  it.each<TensorValue>([
    { type: 'float32', dims: [2, 2], data: Float32Array.from([1.5, -2, Number.NaN, 1e-30]) },
    { type: 'int64', dims: [3], data: BigInt64Array.from([2n ** 63n - 1n, -1n, 0n]) },
    { type: 'float16', dims: [2], data: Uint16Array.from([0x3c00, 0xfc00]) },
    { type: 'bool', dims: [3], data: Uint8Array.from([1, 0, 1]) },
    { type: 'string', dims: [3], data: ['', 'dög', 'a'.repeat(300)] },
  ])('round-trips $type little-endian and row-major', (tensor) => {
    expect(tensorFromBinary(tensor.type, tensor.dims, binaryTensorBytes(tensor))).toEqual(tensor);
  });

  it('lays BYTES out as a 4-byte little-endian length before each UTF-8 element', () => {
    expect([...binaryTensorBytes({ type: 'string', dims: [2], data: ['ab', 'ö'] })]).toEqual([
      2, 0, 0, 0, 0x61, 0x62, 2, 0, 0, 0, 0xc3, 0xb6,
    ]);
  });

  it.each([
    [
      'float32',
      [2],
      new Uint8Array(7),
      'its shape [2] holds 2 float32 values, 8 bytes, but its binary data has 7',
    ],
    ['bool', [2], Uint8Array.from([0, 7]), 'byte 1 is 7, not a boolean (0 or 1)'],
    ['string', [1], Uint8Array.from([5, 0, 0]), 'element 0 is cut off in its 4-byte length'],
    ['string', [1], Uint8Array.from([1, 0, 0, 0, 0xff]), 'element 0 is not valid UTF-8'],
    ['string', [2], Uint8Array.from([0, 0, 0, 0]), 'its binary data holds 1 BYTES elements, not 2'],
    [
      'string',
      [1],
      Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0]),
      'its binary data goes on past its 1 BYTES elements',
    ],
  ] as const)('refuses %s %j from %j: %s', (type, dims, bytes, message) => {
    expect(() => tensorFromBinary(type, [...dims], bytes)).toThrow(new BinaryTensorError(message));
  });

  it('joins a header and chunks, and reads them back in order', () => {
    const { body, headerLength } = joinBinaryBody({ a: 1 }, [Uint8Array.from([1, 2]), Uint8Array.from([3])]);
    expect(headerLength).toBe(7);
    const reader = binaryReader(body, headerLength);
    expect([...reader.next(2, 'first')]).toEqual([1, 2]);
    expect(() => reader.finish()).toThrow(
      'the body has 1 bytes after its binary tensors that no tensor declares',
    );
    expect(() => reader.next(2, 'Second')).toThrow(
      'Second declares 2 bytes of binary data, but the body has 1 left',
    );
  });

  it.each([
    [undefined, 10, undefined],
    ['4', 10, 4],
    [' 10 ', 10, 10],
    ['11', 10, 'is "11"'],
    ['-1', 10, 'is "-1"'],
    ['1e3', 10000, 'is "1e3"'],
  ])('reads the header length %j of a %d-byte body', (value, size, expected) => {
    if (typeof expected === 'string') expect(() => declaredHeaderLength(value, size)).toThrow(expected);
    else expect(declaredHeaderLength(value, size)).toBe(expected);
  });

  it('reads a response with JSON and binary outputs', () => {
    const y: TensorValue = { type: 'float32', dims: [2], data: Float32Array.from([1, 2]) };
    const bytes = binaryTensorBytes(y);
    const { body, headerLength } = joinBinaryBody(
      {
        outputs: [
          { name: 'label', shape: [1], datatype: 'INT64', data: [3] },
          { name: 'y', shape: [2], datatype: 'FP32', parameters: { binary_data_size: bytes.byteLength } },
        ],
      },
      [bytes],
    );
    expect(readInferResponse(body, headerLength)).toEqual([
      { name: 'label', shape: [1], datatype: 'INT64', data: [3] },
      { name: 'y', shape: [2], datatype: 'FP32', tensor: y },
    ]);
  });
});
