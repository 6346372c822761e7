import { float16ToNumber } from './float16.js';
import type { TensorValue } from './tensors.js';

export type JsonLeaf = number | string | boolean;

/**
 * A tensor's values as JSON can carry them, row-major: float16 as the numbers its bits stand for,
 * booleans as booleans, 64-bit integers as numbers while they are exact and as decimal strings past 2^53.
 */
export function tensorLeaves(tensor: TensorValue): JsonLeaf[] {
  const { type, data } = tensor;
  if (type === 'string') return [...(data as string[])];
  if (type === 'float16') return Array.from(data as Uint16Array, float16ToNumber);
  if (type === 'bool') return Array.from(data as Uint8Array, (value) => value !== 0);
  if (type === 'int64' || type === 'uint64')
    return Array.from(data as BigInt64Array | BigUint64Array, (value) =>
      value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(value)
        : value.toString(),
    );
  return Array.from(data as ArrayLike<number>);
}

/** How far two tensors' values are apart: the largest absolute and relative differences. */
export type TensorDifference =
  { maxAbs: number; maxRel: number; nanMismatches: number; problem?: undefined } | { problem: string };

/**
 * Compares expected values with ones that came back (from JSON, say): `actual` are leaves, so a
 * served answer is checked without rebuilding a typed tensor from it. Texts and booleans are equal
 * or not (a difference of 1); NaN equals NaN.
 */
export function tensorDifference(
  expected: TensorValue,
  actual: { dims: readonly number[]; leaves: readonly unknown[] },
): TensorDifference {
  if (expected.dims.join(',') !== actual.dims.join(','))
    return { problem: `shape [${actual.dims.join(', ')}] where [${expected.dims.join(', ')}] was expected` };
  const want = tensorLeaves(expected);
  if (want.length !== actual.leaves.length)
    return { problem: `${actual.leaves.length} values where ${want.length} were expected` };
  let maxAbs = 0;
  let maxRel = 0;
  let nanMismatches = 0;
  for (let i = 0; i < want.length; i += 1) {
    const p = want[i];
    const q = actual.leaves[i];
    if (typeof p !== 'number' || typeof q !== 'number') {
      if (String(p) !== String(q)) maxAbs = Math.max(maxAbs, 1);
      continue;
    }
    if (Number.isNaN(p) || Number.isNaN(q)) {
      if (Number.isNaN(p) !== Number.isNaN(q)) nanMismatches += 1;
      continue;
    }
    if (p === q) continue;
    const diff = Math.abs(p - q);
    const scale = Math.max(Math.abs(p), Math.abs(q));
    maxAbs = Math.max(maxAbs, diff);
    maxRel = Math.max(maxRel, scale === 0 ? 0 : diff / scale);
  }
  return { maxAbs, maxRel, nanMismatches };
}
