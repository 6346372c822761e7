import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import { float16ToNumber } from '../tensors/index.js';

/** The ONNX backend test defaults (onnx/backend/test/runner: rtol=1e-3, atol=1e-7). */
export const DEFAULT_TOLERANCE = { rtol: 1e-3, atol: 1e-7 } as const;

/**
 * Why `actual` is not `expected`, or undefined when they agree: the same type and dims; integers,
 * bools and strings exactly; floats within |a - e| <= atol + rtol * |e| (numpy's allclose, e the
 * reference), NaN equal to NaN and infinities equal to themselves; float16 compared as numbers.
 */
export function tensorDifference(
  actual: TensorValue,
  expected: TensorValue,
  tolerance: { rtol: number; atol: number } = DEFAULT_TOLERANCE,
): string | undefined {
  if (actual.type !== expected.type) return `type ${actual.type}, expected ${expected.type}`;
  if (actual.dims.length !== expected.dims.length || actual.dims.some((d, i) => d !== expected.dims[i]))
    return `dims [${actual.dims.join(', ')}], expected [${expected.dims.join(', ')}]`;
  const a = actual.data;
  const e = expected.data;
  if (a.length !== e.length) return `${a.length} values, expected ${e.length}`;
  const float = actual.type === 'float32' || actual.type === 'float64' || actual.type === 'float16';
  let bad = 0;
  let first = -1;
  let worst = 0;
  for (let i = 0; i < a.length; i += 1) {
    let ok: boolean;
    if (float) {
      const x = actual.type === 'float16' ? float16ToNumber(a[i] as number) : (a[i] as number);
      const y = actual.type === 'float16' ? float16ToNumber(e[i] as number) : (e[i] as number);
      if (Number.isNaN(x) || Number.isNaN(y)) ok = Number.isNaN(x) && Number.isNaN(y);
      else if (!Number.isFinite(x) || !Number.isFinite(y)) ok = x === y;
      else {
        const diff = Math.abs(x - y);
        ok = diff <= tolerance.atol + tolerance.rtol * Math.abs(y);
        if (!ok) worst = Math.max(worst, diff);
      }
    } else ok = a[i] === e[i];
    if (!ok) {
      bad += 1;
      if (first < 0) first = i;
    }
  }
  if (bad === 0) return undefined;
  const show = (v: unknown) => (typeof v === 'bigint' ? v.toString() : JSON.stringify(v));
  return `${bad} of ${a.length} values differ (first at ${first}: ${show(a[first])}, expected ${show(e[first])}${float ? `; max abs diff ${worst.toPrecision(3)}` : ''})`;
}
