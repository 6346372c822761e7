import { elementTypeOfOip } from './elementTypes.js';
import { bytesPerElement, elementCount, tensorBytes, tensorData, type TensorValue } from './tensors.js';

/**
 * The Open Inference Protocol's binary tensor data extension (KServe, Triton): a JSON header of
 * `Inference-Header-Content-Length` bytes, then each binary tensor's bytes in the header's order,
 * little-endian and row-major; a BYTES (string) element is a 4-byte length and its UTF-8 bytes.
 * Both the model server and the workbench's clients read and write it with these functions.
 */
export const HEADER_LENGTH = 'inference-header-content-length';

/** The extension's name in the server metadata's "extensions". */
export const BINARY_EXTENSION = 'binary_tensor_data';

/** Why bytes cannot be a tensor; the server answers it as a 400. */
export class BinaryTensorError extends Error {
  override name = 'BinaryTensorError';
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A tensor's elements as the extension lays them out; numeric data is a view, not a copy. */
export function binaryTensorBytes(tensor: TensorValue): Uint8Array {
  if (tensor.type !== 'string') return tensorBytes(tensor.data as Exclude<TensorValue['data'], string[]>);
  const encoded = (tensor.data as string[]).map((value) => utf8.encode(value));
  const out = new Uint8Array(encoded.reduce((sum, bytes) => sum + 4 + bytes.length, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const bytes of encoded) {
    view.setUint32(at, bytes.length, true);
    out.set(bytes, at + 4);
    at += 4 + bytes.length;
  }
  return out;
}

/** The tensor of `type` and `dims` held in `bytes`, refused when they are not exactly its elements. */
export function tensorFromBinary(type: TensorValue['type'], dims: number[], bytes: Uint8Array): TensorValue {
  const count = elementCount(dims);
  if (type === 'string') return { type, dims, data: stringsFromBinary(bytes, count) };
  const expected = count * bytesPerElement(type);
  if (bytes.byteLength !== expected)
    throw new BinaryTensorError(
      `its shape [${dims.join(', ')}] holds ${count} ${type} values, ${expected} bytes, but its binary data has ${bytes.byteLength}`,
    );
  if (type === 'bool') {
    const bad = bytes.findIndex((byte) => byte > 1);
    if (bad >= 0) throw new BinaryTensorError(`byte ${bad} is ${bytes[bad]}, not a boolean (0 or 1)`);
  }
  return { type, dims, data: tensorData(type, bytes) };
}

function stringsFromBinary(bytes: Uint8Array, count: number): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values: string[] = [];
  let at = 0;
  while (at < bytes.byteLength) {
    if (values.length === count)
      throw new BinaryTensorError(`its binary data goes on past its ${count} BYTES elements`);
    if (at + 4 > bytes.byteLength)
      throw new BinaryTensorError(`element ${values.length} is cut off in its 4-byte length`);
    const length = view.getUint32(at, true);
    if (at + 4 + length > bytes.byteLength)
      throw new BinaryTensorError(
        `element ${values.length} declares ${length} bytes, past the end of its binary data`,
      );
    try {
      values.push(fromUtf8.decode(bytes.subarray(at + 4, at + 4 + length)));
    } catch {
      throw new BinaryTensorError(`element ${values.length} is not valid UTF-8`);
    }
    at += 4 + length;
  }
  if (values.length !== count)
    throw new BinaryTensorError(`its binary data holds ${values.length} BYTES elements, not ${count}`);
  return values;
}

/** A body of the extension: the JSON header, then the chunks; the header's length goes in HEADER_LENGTH. */
export function joinBinaryBody(
  header: unknown,
  chunks: readonly Uint8Array[],
): { body: Uint8Array; headerLength: number } {
  const json = utf8.encode(JSON.stringify(header));
  const body = new Uint8Array(json.length + chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  body.set(json, 0);
  let at = json.length;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return { body, headerLength: json.length };
}

/**
 * Reads the chunks after a body's JSON header in order, each of the size its header declares, and
 * checks at the end that none was left over.
 */
export function binaryReader(body: Uint8Array, headerLength: number) {
  let at = headerLength;
  return {
    next(size: number, label: string): Uint8Array {
      if (at + size > body.byteLength)
        throw new BinaryTensorError(
          `${label} declares ${size} bytes of binary data, but the body has ${body.byteLength - at} left after the tensors before it`,
        );
      const chunk = body.subarray(at, at + size);
      at += size;
      return chunk;
    },
    finish(): void {
      if (at !== body.byteLength)
        throw new BinaryTensorError(
          `the body has ${body.byteLength - at} bytes after its binary tensors that no tensor declares`,
        );
    },
  };
}

/** The header length a message declares: a whole number from 0 to the body's size, or undefined without one. */
export function declaredHeaderLength(
  value: string | null | undefined,
  bodyBytes: number,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const length = /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(length) || length > bodyBytes)
    throw new BinaryTensorError(
      `the Inference-Header-Content-Length header is ${JSON.stringify(value)}: expected the byte length of the JSON header, at most the body's ${bodyBytes} bytes`,
    );
  return length;
}

export interface InferOutput {
  name: string;
  shape: number[];
  datatype: string;
  /** JSON data, for an output sent as JSON. */
  data?: unknown[];
  /** The tensor, for an output sent as binary data. */
  tensor?: TensorValue;
}

/** An infer response's outputs, each binary one read from the bytes after the JSON header. */
export function readInferResponse(body: Uint8Array, headerLength: number | undefined): InferOutput[] {
  const header = JSON.parse(
    fromUtf8.decode(headerLength === undefined ? body : body.subarray(0, headerLength)),
  ) as { outputs?: (InferOutput & { parameters?: { binary_data_size?: number } })[] };
  const reader = binaryReader(body, headerLength ?? body.byteLength);
  const outputs = (header.outputs ?? []).map(({ parameters, ...output }) => {
    const size = parameters?.binary_data_size;
    if (size === undefined) return output;
    const type = elementTypeOfOip(output.datatype);
    if (!type) throw new BinaryTensorError(`output ${output.name} has datatype ${output.datatype}`);
    return {
      ...output,
      tensor: tensorFromBinary(type, output.shape, reader.next(size, `Output ${output.name}`)),
    };
  });
  reader.finish();
  return outputs;
}
