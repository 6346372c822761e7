import { float16ToNumber } from '../../../src/shared/tensors/float16.js';

/** What the server needs of a tensor it read back (an ort.Tensor, or one it fed). */
export interface TensorLike {
  type: string;
  dims: readonly number[];
  data: unknown;
}

/**
 * One element as JSON can carry it: NaN and ±Infinity as the strings "NaN", "Infinity" and
 * "-Infinity" (JSON has no such numbers), 64-bit integers past 2^53 as decimal strings.
 */
function jsonNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

function jsonElement(type: string, value: unknown): unknown {
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (type === 'bool') return value === 1 || value === true;
  if (type === 'float16') return jsonNumber(float16ToNumber(value as number));
  if (typeof value === 'number') return jsonNumber(value);
  return value;
}

/** The elements from `start` to `end` in row-major order, as JSON values. */
export function jsonValues(tensor: TensorLike, start = 0, end?: number): unknown[] {
  const data = tensor.data as ArrayLike<unknown>;
  const stop = end ?? data.length;
  const values = new Array<unknown>(stop - start);
  for (let i = start; i < stop; i++) values[i - start] = jsonElement(tensor.type, data[i]);
  return values;
}

/** Flat values as nested arrays of `shape` (a scalar for an empty shape). */
export function nest(values: readonly unknown[], shape: readonly number[]): unknown {
  if (shape.length === 0) return values[0];
  let level: unknown[] = [...values];
  for (let k = shape.length - 1; k >= 1; k--) {
    const size = shape[k] as number;
    const next: unknown[] = [];
    for (let i = 0; i < level.length; i += size) next.push(level.slice(i, i + size));
    level = next;
  }
  // A zero-size dim leaves nothing to group, so the outer dim is rebuilt with empty rows.
  return level.length === 0 && (shape[0] ?? 0) > 0
    ? Array.from({ length: shape[0] as number }, () => [])
    : level;
}

/** The tensor as the server returns it: element type, shape, and flat row-major data. */
export function tensorJson(tensor: TensorLike): { type: string; shape: number[]; data: unknown[] } {
  return { type: tensor.type, shape: [...tensor.dims], data: jsonValues(tensor) };
}

/** The tensor split along dim 0 into `rows` values, or undefined when its first dim is not `rows`. */
export function rowsOf(tensor: TensorLike, rows: number): unknown[] | undefined {
  if (tensor.dims.length === 0 || tensor.dims[0] !== rows) return undefined;
  const rowShape = tensor.dims.slice(1);
  const size = rowShape.reduce((product, dim) => product * dim, 1);
  return Array.from({ length: rows }, (_, row) =>
    nest(jsonValues(tensor, row * size, (row + 1) * size), rowShape),
  );
}
