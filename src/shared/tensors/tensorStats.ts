import { float16ToNumber } from './float16.js';
import type { TensorValue } from './tensors.js';

/** Min, max and mean over the values that are not NaN; null when there are none (or strings). */
export interface TensorStats {
  min: number | null;
  max: number | null;
  mean: number | null;
  nanCount: number;
}

export function tensorStats(tensor: TensorValue): TensorStats {
  if (tensor.type === 'string') return { min: null, max: null, mean: null, nanCount: 0 };
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  let nanCount = 0;
  const data = tensor.data as ArrayLike<number | bigint>;
  for (let i = 0; i < data.length; i += 1) {
    const raw = data[i] ?? 0;
    const value = tensor.type === 'float16' ? float16ToNumber(Number(raw)) : Number(raw);
    if (Number.isNaN(value)) {
      nanCount += 1;
      continue;
    }
    if (value < min) min = value;
    if (value > max) max = value;
    sum += value;
    count += 1;
  }
  return {
    min: count ? min : null,
    max: count ? max : null,
    mean: count ? sum / count : null,
    nanCount,
  };
}
