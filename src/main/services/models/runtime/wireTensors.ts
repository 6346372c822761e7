import { alignOffset, type ExchangeFile } from './exchangeFile.js';
import { INLINE_BYTES, type WireTensor } from './protocol.js';
import { tensorBytes, tensorData, type TensorValue } from '../../../../shared/tensors/tensors.js';

/**
 * Puts tensors on the wire: strings and small tensors inline (copied out of any larger buffer, since
 * a structured clone of a view sends its whole buffer), big ones into the exchange from `offset` on.
 * Returns where the next writer may start.
 */
export function toWire(
  tensors: Record<string, TensorValue>,
  exchange: ExchangeFile,
  offset: number,
): { wire: Record<string, WireTensor>; end: number } {
  let cursor = alignOffset(offset);
  const wire: Record<string, WireTensor> = {};
  for (const [name, { type, dims, data }] of Object.entries(tensors)) {
    if (Array.isArray(data)) {
      wire[name] = { type, dims, data: { kind: 'strings', values: data } };
      continue;
    }
    const bytes = tensorBytes(data);
    if (bytes.byteLength <= INLINE_BYTES) {
      wire[name] = { type, dims, data: { kind: 'inline', bytes: bytes.slice() } };
      continue;
    }
    exchange.write(bytes, cursor);
    wire[name] = { type, dims, data: { kind: 'exchange', offset: cursor, length: bytes.byteLength } };
    cursor = alignOffset(cursor + bytes.byteLength);
  }
  return { wire, end: cursor };
}

/** Reusable memory for tensors read from the exchange, by tensor name (the worker's inputs). */
export type ReadBuffers = (name: string, length: number) => Uint8Array;

export function fromWire(
  wire: Record<string, WireTensor>,
  exchange: ExchangeFile,
  buffers?: ReadBuffers,
): Record<string, TensorValue> {
  const tensors: Record<string, TensorValue> = {};
  for (const [name, { type, dims, data }] of Object.entries(wire)) {
    if (data.kind === 'strings') {
      tensors[name] = { type, dims, data: data.values };
      continue;
    }
    if (type === 'string') throw new Error(`${name}: a string tensor must carry its strings`);
    const bytes =
      data.kind === 'inline'
        ? data.bytes
        : exchange.read(data.offset, data.length, buffers?.(name, data.length));
    tensors[name] = { type, dims, data: tensorData(type, bytes) };
  }
  return tensors;
}

/**
 * Input buffers kept between runs: a fresh buffer per run costs an allocation and V8's zero fill,
 * about as much as the copy itself. A worker runs one request at a time, so reuse is safe.
 */
export function reusedBuffers(): ReadBuffers {
  const kept = new Map<string, Uint8Array>();
  return (name, length) => {
    let buffer = kept.get(name);
    if (!buffer || buffer.byteLength < length) {
      buffer = new Uint8Array(Buffer.allocUnsafeSlow(Math.max(length, 2 * (buffer?.byteLength ?? 0))).buffer);
      kept.set(name, buffer);
    }
    return buffer;
  };
}
