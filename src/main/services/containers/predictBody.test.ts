import { describe, expect, it } from 'vitest';
import { binaryReader, tensorFromBinary } from '../../../shared/tensors/oipBinary.js';
import type { TensorValue } from '../../../shared/tensors/tensors.js';
import { v2InferBinaryBody, v2InferBody } from './predictBody.js';

const feeds: Record<string, TensorValue> = {
  x: { type: 'float32', dims: [2, 2], data: Float32Array.from([1, 2.5, -3, 4]) },
  ids: { type: 'int64', dims: [2], data: BigInt64Array.from([7n, 2n ** 60n]) },
};

describe('v2 infer bodies', () => {
  it('carries the same tensors as JSON and as binary data after a JSON header', () => {
    expect(v2InferBody(feeds).inputs.map((input) => input.datatype)).toEqual(['FP32', 'INT64']);
    const { body, headers } = v2InferBinaryBody(feeds);
    expect(headers['content-type']).toBe('application/octet-stream');
    const headerLength = Number(headers['inference-header-content-length']);
    const header = JSON.parse(body.subarray(0, headerLength).toString('utf8')) as {
      inputs: { name: string; shape: number[]; datatype: string; parameters: { binary_data_size: number } }[];
      parameters: unknown;
    };
    expect(header).toEqual({
      inputs: [
        { name: 'x', shape: [2, 2], datatype: 'FP32', parameters: { binary_data_size: 16 } },
        { name: 'ids', shape: [2], datatype: 'INT64', parameters: { binary_data_size: 16 } },
      ],
      parameters: { binary_data_output: true },
    });
    const reader = binaryReader(body, headerLength);
    expect(tensorFromBinary('float32', [2, 2], reader.next(16, 'x'))).toEqual(feeds.x);
    expect(tensorFromBinary('int64', [2], reader.next(16, 'ids'))).toEqual(feeds.ids);
    reader.finish();
  });
});
