import { oipDatatype } from '../../../shared/tensors/elementTypes.js';
import { HEADER_LENGTH, binaryTensorBytes, joinBinaryBody } from '../../../shared/tensors/oipBinary.js';
import { tensorLeaves } from '../../../shared/tensors/tensorJson.js';
import type { TensorValue } from '../../../shared/tensors/tensors.js';

/** The model server's /predict body: named tensors, each with its type, shape and flat data. */
export function predictBody(feeds: Record<string, TensorValue>): {
  inputs: Record<string, { type: string; shape: number[]; data: unknown[] }>;
} {
  return {
    inputs: Object.fromEntries(
      Object.entries(feeds).map(([name, t]) => [
        name,
        { type: t.type, shape: t.dims, data: tensorLeaves(t) },
      ]),
    ),
  };
}

/** An Open Inference Protocol (KServe v2) infer body for the same tensors. */
export function v2InferBody(feeds: Record<string, TensorValue>): {
  inputs: { name: string; shape: number[]; datatype: string | undefined; data: unknown[] }[];
} {
  return {
    inputs: Object.entries(feeds).map(([name, t]) => ({
      name,
      shape: t.dims,
      datatype: oipDatatype(t.type),
      data: tensorLeaves(t),
    })),
  };
}

/**
 * The same infer request with the binary tensor data extension: every input as raw bytes after the
 * JSON header, and every output asked for the same way.
 */
export function v2InferBinaryBody(feeds: Record<string, TensorValue>): {
  body: Buffer;
  headers: Record<string, string>;
} {
  const entries = Object.entries(feeds).map(([name, t]) => ({ name, t, bytes: binaryTensorBytes(t) }));
  const { body, headerLength } = joinBinaryBody(
    {
      inputs: entries.map(({ name, t, bytes }) => ({
        name,
        shape: t.dims,
        datatype: oipDatatype(t.type),
        parameters: { binary_data_size: bytes.byteLength },
      })),
      parameters: { binary_data_output: true },
    },
    entries.map(({ bytes }) => bytes),
  );
  return {
    body: Buffer.from(body.buffer, body.byteOffset, body.byteLength),
    headers: { 'content-type': 'application/octet-stream', [HEADER_LENGTH]: String(headerLength) },
  };
}
