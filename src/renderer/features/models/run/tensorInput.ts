import type { TensorType, ValueInfo } from '../../../../shared/contract/models.js';
import { numberToFloat16 } from '../../../../shared/tensors/float16.js';
import { elementCount, type NumericData, type TensorValue } from '../../../../shared/tensors/tensors.js';

/** A model's declared dimension: a number, a symbolic name, or unknown (null). */
export type DeclaredDim = NonNullable<ValueInfo['shape']>[number];

/** The concrete shape to feed: fixed dims as declared, symbolic or unknown ones from `chosen` (default 1). */
export function resolveShape(
  shape: readonly DeclaredDim[],
  chosen: Readonly<Record<number, number>>,
): number[] {
  return shape.map((dim, i) => (typeof dim === 'number' && dim >= 0 ? dim : (chosen[i] ?? 1)));
}

export function formatShape(shape: readonly DeclaredDim[] | null): string {
  return shape === null ? 'unknown' : `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

const INTEGER_TYPES = new Set<TensorType>(['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32']);
const RANGES: Partial<Record<TensorType, [number, number]>> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
};

export type ParseResult = { ok: true; tensor: TensorValue } | { ok: false; message: string };

function flatten(value: unknown, out: unknown[]): void {
  if (Array.isArray(value)) for (const item of value) flatten(item, out);
  else out.push(value);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

/**
 * The JSON a user typed (a nested array, a flat list or one number) as a tensor of `type` and `dims`:
 * the element count must match the shape; elements must be numbers (booleans for bool, strings for string).
 */
export function parseTensorText(text: string, type: TensorType, dims: readonly number[]): ParseResult {
  if (text.trim() === '')
    return { ok: false, message: 'Enter values as JSON, or fill with Zeros or Random.' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const flat: unknown[] = [];
  flatten(parsed, flat);
  const expected = elementCount(dims);
  if (flat.length !== expected) {
    return {
      ok: false,
      message: `Shape [${dims.join(', ')}] takes ${expected.toLocaleString('en-US')} ${expected === 1 ? 'value' : 'values'}; got ${flat.length.toLocaleString('en-US')}.`,
    };
  }
  if (type === 'string') {
    const bad = flat.findIndex((v) => typeof v !== 'string');
    if (bad >= 0) return { ok: false, message: `Value ${bad + 1} (${describe(flat[bad])}) is not a string.` };
    return { ok: true, tensor: { type, dims: [...dims], data: flat as string[] } };
  }
  const numbers: number[] = [];
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    const n = typeof v === 'boolean' && type === 'bool' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      const allowed = type === 'bool' ? 'true, false, 0 or 1' : 'a number';
      return { ok: false, message: `Value ${i + 1} (${describe(v)}) is not ${allowed}.` };
    }
    const integer = INTEGER_TYPES.has(type) || type === 'int64' || type === 'uint64' || type === 'bool';
    if (integer && !Number.isInteger(n))
      return { ok: false, message: `Value ${i + 1} (${n}) is not a whole number, as ${type} needs.` };
    const range = type === 'bool' ? ([0, 1] as [number, number]) : RANGES[type];
    if ((range && (n < range[0] || n > range[1])) || (type === 'uint64' && n < 0))
      return { ok: false, message: `Value ${i + 1} (${n}) is out of range for ${type}.` };
    numbers.push(n);
  }
  return { ok: true, tensor: { type, dims: [...dims], data: typedArray(type, numbers) } };
}

function typedArray(type: Exclude<TensorType, 'string'>, values: number[]): NumericData {
  switch (type) {
    case 'float32':
      return Float32Array.from(values);
    case 'float64':
      return Float64Array.from(values);
    case 'float16':
      return Uint16Array.from(values, numberToFloat16);
    case 'int8':
      return Int8Array.from(values);
    case 'uint8':
    case 'bool':
      return Uint8Array.from(values);
    case 'int16':
      return Int16Array.from(values);
    case 'uint16':
      return Uint16Array.from(values);
    case 'int32':
      return Int32Array.from(values);
    case 'uint32':
      return Uint32Array.from(values);
    case 'int64':
      return BigInt64Array.from(values, (v) => BigInt(v));
    case 'uint64':
      return BigUint64Array.from(values, (v) => BigInt(v));
  }
}

/** Above this many values the filled text is a flat list rather than nested arrays. */
const NEST_LIMIT = 10_000;

/** JSON text for `dims` filled with zeros or random values suited to `type` (floats in [0, 1)). */
export function fillText(
  kind: 'zeros' | 'random',
  type: TensorType,
  dims: readonly number[],
  random: () => number = Math.random,
): string {
  const count = elementCount(dims);
  const value = (): string | number => {
    if (type === 'string') return kind === 'zeros' ? '' : `s${Math.floor(random() * 100)}`;
    if (kind === 'zeros') return 0;
    if (type === 'bool') return random() < 0.5 ? 0 : 1;
    if (type.startsWith('float')) return Math.round(random() * 10_000) / 10_000;
    return Math.floor(random() * 10);
  };
  const values = Array.from({ length: count }, value);
  if (count > NEST_LIMIT || dims.length <= 1) return JSON.stringify(values);
  const nest = (offset: number, axis: number): unknown => {
    if (axis === dims.length - 1) return values.slice(offset, offset + dims[axis]!);
    const stride = elementCount(dims.slice(axis + 1));
    return Array.from({ length: dims[axis]! }, (_, i) => nest(offset + i * stride, axis + 1));
  };
  return JSON.stringify(nest(0, 0));
}
