import { float16ToNumber } from '../../../../shared/tensors/float16.js';
import { elementCount, type TensorValue } from '../../../../shared/tensors/tensors.js';

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
}

const FLOAT_TYPES = new Set(['float32', 'float64', 'float16']);

/** Whether Top-k applies: a 2-D float output ([1, k] or [n, k]) with at least two classes. */
export function topKApplies(tensor: TensorValue): boolean {
  return (
    FLOAT_TYPES.has(tensor.type) && tensor.dims.length === 2 && tensor.dims[1]! >= 2 && tensor.dims[0]! >= 1
  );
}

/** The `k` highest values of one row of a 2-D output, treating them as class scores. */
export function topKRow(tensor: TensorValue, row: number, k: number): TopKRow {
  const cols = tensor.dims[1] ?? 0;
  const values = firstValues(tensor, (row + 1) * cols).slice(row * cols) as number[];
  let sum = 0;
  let inUnitRange = true;
  // One pass keeping the best k in order: a row can hold a million classes, so no full sort.
  const entries: TopEntry[] = [];
  values.forEach((value, index) => {
    sum += value;
    if (!(value >= 0 && value <= 1)) inUnitRange = false;
    if (Number.isNaN(value)) return;
    if (entries.length === k && value <= entries[k - 1]!.value) return;
    let at = entries.length;
    while (at > 0 && entries[at - 1]!.value < value) at--;
    entries.splice(at, 0, { index, value });
    if (entries.length > k) entries.pop();
  });
  return { row, entries, probabilities: inUnitRange && Math.abs(sum - 1) < 1e-3 };
}

/** An output laid out as rows × columns: axis 0 down, every other axis flattened across. */
export interface TableView {
  rows: number;
  columns: number;
  /** A header per shown column: its index, or its index over the trailing axes as "[1, 2]". */
  columnLabels: string[];
  /** The shown rows' shown cells. */
  cells: (number | string)[][];
}

export function tableView(tensor: TensorValue, maxRows: number, maxColumns: number): TableView {
  const { dims } = tensor;
  const rows = dims.length === 0 ? 1 : dims[0]!;
  const trailing = dims.slice(1);
  const columns = elementCount(trailing);
  const shownRows = Math.min(rows, maxRows);
  const shownColumns = Math.min(columns, maxColumns);
  const values = firstValues(tensor, (shownRows - 1) * columns + shownColumns);
  const columnLabels = Array.from({ length: shownColumns }, (_, c) =>
    dims.length <= 1 ? 'value' : trailing.length === 1 ? String(c) : indexLabel(c, trailing),
  );
  const cells = Array.from({ length: shownRows }, (_, r) =>
    values.slice(r * columns, r * columns + shownColumns),
  );
  return { rows, columns, columnLabels, cells };
}

/** The index of flat element `i` in a tensor of `dims`, as "[0, 2]". */
export function indexLabel(i: number, dims: readonly number[]): string {
  const parts: number[] = [];
  for (let axis = dims.length - 1; axis >= 0; axis--) {
    const size = dims[axis]!;
    parts.unshift(size === 0 ? 0 : i % size);
    i = size === 0 ? 0 : Math.floor(i / size);
  }
  return `[${parts.join(', ')}]`;
}
