import { float16ToNumber } from '../../../../shared/tensors/float16.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';

/** The first `limit` elements of a tensor as plain numbers or strings (int64 as number when exact). */
export function firstValues(tensor: TensorValue, limit: number): (number | string)[] {
  const out: (number | string)[] = [];
  const { data } = tensor;
  const n = Math.min(limit, data.length);
  for (let i = 0; i < n; i++) {
    const v = data[i]!;
    if (typeof v === 'bigint') out.push(Number.isSafeInteger(Number(v)) ? Number(v) : v.toString());
    else out.push(tensor.type === 'float16' && typeof v === 'number' ? float16ToNumber(v) : v);
  }
  return out;
}

/** All elements as JSON-safe values, nested by the tensor's dims (for Download JSON). */
export function nestedValues(tensor: TensorValue): unknown {
  const flat = firstValues(tensor, Infinity);
  const { dims } = tensor;
  if (dims.length <= 1) return dims.length === 0 ? flat[0] : flat;
  const nest = (offset: number, axis: number): unknown => {
    if (axis === dims.length - 1) return flat.slice(offset, offset + dims[axis]!);
    const stride = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: dims[axis]! }, (_, i) => nest(offset + i * stride, axis + 1));
  };
  return nest(0, 0);
}

export interface TopEntry {
  index: number;
  value: number;
}

export interface TopKRow {
  row: number;
  entries: TopEntry[];
  /** True when the row's values are in [0, 1] and sum to about 1. */
  probabilities: boolean;
  /** The row's smallest and largest values, for drawing scores on the row's own scale. */
  min: number;
  max: number;
}

const FLOAT_TYPES = new Set(['float32', 'float64', 'float16']);

/** Whether Top-k applies: a 2-D float output ([1, k] or [n, k]) with at least two classes. */
export function topKApplies(tensor: TensorValue): boolean {
  return (
    FLOAT_TYPES.has(tensor.type) && tensor.dims.length === 2 && tensor.dims[1]! >= 2 && tensor.dims[0]! >= 1
  );
}

/** Where `value` sits between the row's min and max, 0-100 (a probability is its own percentage). */
export function barPercent(value: number, row: Pick<TopKRow, 'probabilities' | 'min' | 'max'>): number {
  if (row.probabilities) return value * 100;
  if (!Number.isFinite(value)) return value > 0 ? 100 : 0;
  return row.max === row.min ? 100 : ((value - row.min) / (row.max - row.min)) * 100;
}

/** The `k` highest values of each row (at most `maxRows` rows), treating them as scores. */
export function topK(tensor: TensorValue, k: number, maxRows = 10): TopKRow[] {
  if (!topKApplies(tensor)) return [];
  const [rows, cols] = tensor.dims as [number, number];
  const rowsShown = Math.min(rows, maxRows);
  const values = firstValues(tensor, rowsShown * cols) as number[];
  const result: TopKRow[] = [];
  for (let r = 0; r < rowsShown; r++) {
    const row = values.slice(r * cols, (r + 1) * cols);
    const sum = row.reduce((a, b) => a + b, 0);
    const probabilities = row.every((v) => v >= 0 && v <= 1) && Math.abs(sum - 1) < 1e-3;
    const entries = row
      .map((value, index) => ({ index, value }))
      .filter((e) => !Number.isNaN(e.value))
      .sort((a, b) => b.value - a.value || a.index - b.index)
      .slice(0, k);
    const finite = row.filter((v) => Number.isFinite(v));
    const min = finite.length ? Math.min(...finite) : 0;
    const max = finite.length ? Math.max(...finite) : 0;
    result.push({ row: r, entries, probabilities, min, max });
  }
  return result;
}
