import type { WireTensorJson } from '../contract/models.js';
import { tensorBytes, tensorData, type TensorValue } from './tensors.js';

/** Bytes to base64 in chunks: String.fromCharCode on a whole large tensor overflows the stack. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A tensor as the window ↔ services contract carries it (see wireTensorSchema). */
export function encodeTensor({ type, dims, data }: TensorValue): WireTensorJson {
  return Array.isArray(data)
    ? { type, dims, data: { strings: data } }
    : { type, dims, data: { base64: toBase64(tensorBytes(data)) } };
}

export function decodeTensor({ type, dims, data }: WireTensorJson): TensorValue {
  if ('strings' in data) return { type, dims, data: data.strings };
  if (type === 'string') throw new Error('a string tensor must carry strings, not bytes');
  return { type, dims, data: tensorData(type, fromBase64(data.base64)) };
}
