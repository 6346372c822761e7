import { WorkbenchError } from '../contract/errors.js';
import { tensorTypes, type TensorType, type TensorValue } from './tensors.js';
import { numberToFloat16 } from './float16.js';

const bad = (source: string, problem: string, hint?: string) =>
  new WorkbenchError({
    code: 'INVALID_INPUT',
    message: `${source} is not a tensor: ${problem}.`,
    hint:
      hint ??
      'Write {"dims": [2, 3], "type": "float32", "data": [1, 2, 3, 4, 5, 6]}, or a nested array such as [[1, 2, 3], [4, 5, 6]] (its type is --type in the CLI, in the Run tab the input’s own).',
  });

/** The shape of a nested array, checking it is rectangular; its leaves in row-major order. */
function flatten(value: unknown, source: string): { dims: number[]; leaves: unknown[] } {
  if (!Array.isArray(value)) return { dims: [], leaves: [value] };
  if (value.length === 0) return { dims: [0], leaves: [] };
  const parts = value.map((item) => flatten(item, source));
  const first = parts[0]?.dims ?? [];
  if (parts.some((part) => part.dims.join(',') !== first.join(',')))
    throw bad(source, 'its nested arrays have different lengths (it is ragged)');
  return { dims: [value.length, ...first], leaves: parts.flatMap((part) => part.leaves) };
}

/**
 * A tensor from JSON: `{"dims", "type", "data"}` (data flat or nested), or a bare nested array
 * whose element type comes from `type` (default float32). Numbers may be written as strings for
 * 64-bit integers beyond 2^53, and "NaN", "Infinity", "-Infinity" for floats.
 */
export function tensorFromJson(json: unknown, source: string, type?: TensorType): TensorValue {
  let dims: number[];
  let leaves: unknown[];
  let elementType = type ?? 'float32';
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    const object = json as { dims?: unknown; type?: unknown; data?: unknown };
    if (object.type !== undefined) {
      if (typeof object.type !== 'string' || !(tensorTypes as readonly string[]).includes(object.type))
        throw bad(source, `its type ${JSON.stringify(object.type)} is not one of ${tensorTypes.join(', ')}`);
      elementType = object.type as TensorType;
    }
    const flat = flatten(object.data, source);
    leaves = flat.leaves;
    if (object.dims === undefined) dims = flat.dims;
    else if (
      Array.isArray(object.dims) &&
      object.dims.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)
    )
      dims = object.dims as number[];
    else throw bad(source, `its dims ${JSON.stringify(object.dims)} are not a list of sizes`);
  } else {
    ({ dims, leaves } = flatten(json, source));
  }
  const count = dims.reduce((a, b) => a * b, 1);
  if (leaves.length !== count)
    throw bad(source, `dims [${dims.join(', ')}] hold ${count} values, the data has ${leaves.length}`);
  const number = (value: unknown, index: number): number => {
    if (typeof value === 'number') return value;
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (typeof value === 'string' && /^(NaN|-?Infinity|-?\d+(\.\d*)?([eE][-+]?\d+)?)$/.test(value))
      return Number(value);
    throw bad(source, `value ${index} (${JSON.stringify(value)}) is not a number`);
  };
  const integer = (value: unknown, index: number): bigint => {
    if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
    const n = number(value, index);
    if (!Number.isInteger(n))
      throw bad(source, `value ${index} (${n}) is not a whole number for ${elementType}`);
    return BigInt(n);
  };
  const whole = (value: unknown, index: number, min: number, max: number): number => {
    const n = number(value, index);
    if (!Number.isInteger(n) || n < min || n > max)
      throw bad(source, `value ${index} (${n}) does not fit ${elementType} (${min} to ${max})`);
    return n;
  };
  const map = <T>(fn: (value: unknown, index: number) => T) => leaves.map(fn);
  let data: TensorValue['data'];
  switch (elementType) {
    case 'float32':
      data = Float32Array.from(map(number));
      break;
    case 'float64':
      data = Float64Array.from(map(number));
      break;
    case 'float16':
      data = Uint16Array.from(map((v, i) => numberToFloat16(number(v, i))));
      break;
    case 'int8':
      data = Int8Array.from(map((v, i) => whole(v, i, -128, 127)));
      break;
    case 'uint8':
      data = Uint8Array.from(map((v, i) => whole(v, i, 0, 255)));
      break;
    case 'int16':
      data = Int16Array.from(map((v, i) => whole(v, i, -32768, 32767)));
      break;
    case 'uint16':
      data = Uint16Array.from(map((v, i) => whole(v, i, 0, 65535)));
      break;
    case 'int32':
      data = Int32Array.from(map((v, i) => whole(v, i, -(2 ** 31), 2 ** 31 - 1)));
      break;
    case 'uint32':
      data = Uint32Array.from(map((v, i) => whole(v, i, 0, 2 ** 32 - 1)));
      break;
    case 'int64':
      data = BigInt64Array.from(map(integer));
      break;
    case 'uint64':
      data = BigUint64Array.from(map(integer));
      break;
    case 'bool':
      data = Uint8Array.from(map((v, i) => (number(v, i) ? 1 : 0)));
      break;
    case 'string':
      data = map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
      break;
  }
  return { type: elementType, dims, data };
}
