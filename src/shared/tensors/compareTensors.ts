import { float16ToNumber } from './float16.js';
import type { TensorValue } from './tensors.js';

export interface ElementComparison {
  elements: number;
  maxAbsError: number;
  maxRelError: number;
  /** The largest |want|, the scale the errors are read against. */
  maxAbs: number;
  outside: number;
  /** The fraction of equal elements when `want` holds labels (integers, strings, bools); null for floats. */
  labelAgreement: number | null;
}

/** Below this |want| the relative error is read against it instead, so zeros do not divide by zero. */
const TINY = 1e-12;

const FLOAT_TYPES = new Set(['float16', 'float32', 'float64']);

/**
 * Compares a result with the expected tensor element by element. Floats are outside when
 * |got − want| > atol + rtol·|want|; labels (any other type) when they differ. A missing result or
 * one of another shape has every element outside and errors of Number.MAX_VALUE (kept finite so
 * that reports stay JSON).
 */
export function compareTensors(
  want: TensorValue,
  got: TensorValue | undefined,
  tolerance: { rtol: number; atol: number },
): ElementComparison {
  const isLabel = !FLOAT_TYPES.has(want.type);
  const elements = want.data.length;
  if (!got || !sameDims(want.dims, got.dims) || got.data.length !== elements) {
    const maxAbs = isLabel ? 0 : maxAbsOf(asNumbers(want));
    return {
      elements,
      maxAbsError: Number.MAX_VALUE,
      maxRelError: Number.MAX_VALUE,
      maxAbs,
      outside: elements,
      labelAgreement: isLabel ? 0 : null,
    };
  }
  return isLabel ? compareLabels(want, got) : compareFloats(asNumbers(want), asNumbers(got), tolerance);
}

function compareFloats(
  want: Float64Array,
  got: Float64Array,
  { rtol, atol }: { rtol: number; atol: number },
): ElementComparison {
  let maxAbsError = 0;
  let maxRelError = 0;
  let maxAbs = 0;
  let outside = 0;
  for (let i = 0; i < want.length; i++) {
    const a = want[i] as number;
    const b = got[i] as number;
    // a NaN where the framework gave NaN too is agreement
    if (Number.isNaN(a) && Number.isNaN(b)) continue;
    const error = Math.abs(b - a);
    maxAbs = Math.max(maxAbs, Math.abs(a));
    // NaN compares false everywhere: a NaN error counts as outside and as the largest error
    maxAbsError = Number.isNaN(error) ? Number.MAX_VALUE : Math.max(maxAbsError, error);
    maxRelError = Number.isNaN(error)
      ? Number.MAX_VALUE
      : Math.max(maxRelError, error / Math.max(Math.abs(a), TINY));
    if (!(error <= atol + rtol * Math.abs(a))) outside++;
  }
  return { elements: want.length, maxAbsError, maxRelError, maxAbs, outside, labelAgreement: null };
}

function compareLabels(want: TensorValue, got: TensorValue): ElementComparison {
  const a = asLabels(want);
  const b = asLabels(got);
  let outside = 0;
  let maxAbsError = 0;
  let maxRelError = 0;
  let maxAbs = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (typeof x === 'number' && typeof y === 'number') {
      const error = Math.abs(y - x);
      maxAbs = Math.max(maxAbs, Math.abs(x));
      maxAbsError = Math.max(maxAbsError, error);
      maxRelError = Math.max(maxRelError, error / Math.max(Math.abs(x), TINY));
      if (error !== 0) outside++;
    } else if (x !== y) {
      outside++;
      maxAbsError = maxRelError = 1;
    }
  }
  const labelAgreement = a.length === 0 ? 1 : (a.length - outside) / a.length;
  return { elements: a.length, maxAbsError, maxRelError, maxAbs, outside, labelAgreement };
}

function sameDims(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}

function maxAbsOf(values: Float64Array): number {
  let max = 0;
  for (const value of values) if (Math.abs(value) > max) max = Math.abs(value);
  return max;
}

function asLabels(value: TensorValue): (number | string)[] {
  if (Array.isArray(value.data)) return value.data;
  return Array.from(asNumbers(value));
}

function asNumbers(value: TensorValue): Float64Array {
  if (value.type === 'float16') return Float64Array.from(value.data as Uint16Array, float16ToNumber);
  if (Array.isArray(value.data)) return new Float64Array(0);
  if (value.data instanceof BigInt64Array || value.data instanceof BigUint64Array)
    return Float64Array.from(value.data, Number);
  return Float64Array.from(value.data);
}
