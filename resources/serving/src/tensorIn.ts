import * as ort from 'onnxruntime-node';
import { numberToFloat16 } from '../../../src/shared/tensors/float16.js';
import { isElementType } from '../../../src/shared/tensors/elementTypes.js';
import { tensorFromBinary } from '../../../src/shared/tensors/oipBinary.js';
import { badRequest } from './httpError.js';
import type { LoadedModel, TensorInfo } from './model.js';

// Deeper than any tensor rank ONNX models use; bounds the recursion a hostile body could ask for.
const MAX_NESTING = 32;

/** A declared shape as people write it: [batch, 3, ?] (? for a dim the model leaves unnamed). */
export function formatShape(shape: readonly (number | string | null)[]): string {
  return `[${shape.map((dim) => dim ?? '?').join(', ')}]`;
}

/** The shape of a nested array (rectangular, or refused) and its leaves in row-major order. */
export function flatten(value: unknown, label: string): { shape: number[]; leaves: unknown[] } {
  const leaves: unknown[] = [];
  const ragged = (first: readonly number[], other: readonly number[]) =>
    badRequest(
      `${label} is ragged: its nested arrays have different lengths ([${first.join(', ')}] and [${other.join(', ')}]).`,
    );
  const walk = (node: unknown, depth: number): number[] => {
    if (!Array.isArray(node)) {
      leaves.push(node);
      return [];
    }
    if (depth >= MAX_NESTING) throw badRequest(`${label} is nested deeper than ${MAX_NESTING} levels.`);
    if (node.length === 0) return [0];
    // The innermost arrays, nearly every array of a tensor, are taken whole: no shape per leaf.
    if (!Array.isArray(node[0])) {
      for (const item of node) {
        if (Array.isArray(item)) throw ragged([], walk(item, depth + 1));
        leaves.push(item);
      }
      return [node.length];
    }
    const first = walk(node[0], depth + 1);
    for (let i = 1; i < node.length; i++) {
      const shape = walk(node[i], depth + 1);
      if (shape.length !== first.length || shape.some((dim, k) => dim !== first[k]))
        throw ragged(first, shape);
    }
    return [node.length, ...first];
  };
  return { shape: walk(value, 0), leaves };
}

const INTEGER_RANGES: Record<'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32', [number, number]> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
};

/** The typed data of `type` from JSON leaves: each must be a value of that type, or the request is refused. */
export function typedData(type: string, leaves: readonly unknown[], label: string): ort.Tensor.DataType {
  if (!isElementType(type))
    throw badRequest(`${label} has element type ${type}, which this server cannot feed.`);
  const refuse = (index: number, value: unknown, expected: string) =>
    badRequest(`${label}: value ${index} (${JSON.stringify(value)?.slice(0, 40)}) is not ${expected}.`);
  const float = (value: unknown, index: number): number => {
    if (typeof value === 'number') return value;
    if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return Number(value);
    throw refuse(index, value, `a number (${type})`);
  };
  const bigint = (value: unknown, index: number): bigint => {
    const valid =
      (typeof value === 'number' && Number.isSafeInteger(value)) ||
      (typeof value === 'string' && /^-?\d{1,20}$/.test(value));
    if (!valid) throw refuse(index, value, `a whole number for ${type} (write those past 2^53 as strings)`);
    const n = BigInt(value);
    const fits = type === 'int64' ? BigInt.asIntN(64, n) === n : n >= 0n && BigInt.asUintN(64, n) === n;
    if (!fits) throw refuse(index, value, `within ${type}`);
    return n;
  };
  // Loops rather than TypedArray.from(leaves, map): V8 runs the mapped form several times slower.
  const floats = <T extends Float32Array | Float64Array | Uint16Array>(
    out: T,
    convert: (value: number) => number,
  ): T => {
    for (let i = 0; i < leaves.length; i++) {
      const value = leaves[i];
      out[i] = convert(typeof value === 'number' ? value : float(value, i));
    }
    return out;
  };
  const same = (value: number) => value;
  switch (type) {
    case 'float32':
      return floats(new Float32Array(leaves.length), same);
    case 'float64':
      return floats(new Float64Array(leaves.length), same);
    case 'float16':
      // onnxruntime-node carries float16 as its raw 16-bit patterns.
      return floats(new Uint16Array(leaves.length), numberToFloat16);
    case 'int64':
      return BigInt64Array.from(leaves, bigint);
    case 'uint64':
      return BigUint64Array.from(leaves, bigint);
    case 'bool':
      return Uint8Array.from(leaves, (value, index) => {
        if (value === true || value === 1) return 1;
        if (value === false || value === 0) return 0;
        throw refuse(index, value, 'a boolean (true or false)');
      });
    case 'string':
      return leaves.map((value, index) => {
        if (typeof value !== 'string') throw refuse(index, value, 'a string');
        return value;
      });
    default: {
      const [min, max] = INTEGER_RANGES[type];
      const values = leaves.map((value, index) => {
        const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
          throw refuse(index, value, `a whole number from ${min} to ${max} (${type})`);
        return n;
      });
      const make: Record<typeof type, (values: number[]) => ort.Tensor.DataType> = {
        int8: (v) => Int8Array.from(v),
        uint8: (v) => Uint8Array.from(v),
        int16: (v) => Int16Array.from(v),
        uint16: (v) => Uint16Array.from(v),
        int32: (v) => Int32Array.from(v),
        uint32: (v) => Uint32Array.from(v),
      };
      return make[type](values);
    }
  }
}

/** Refuses a shape the declared one cannot take: another rank, or another size where a dim is fixed. */
export function checkShape(info: TensorInfo, shape: readonly number[], label: string): void {
  // An empty declared shape is a scalar or no shape at all; ONNX Runtime tells them apart, not us.
  if (info.shape.length === 0) return;
  const fits =
    shape.length === info.shape.length &&
    info.shape.every((dim, k) => typeof dim !== 'number' || dim === shape[k]);
  if (!fits)
    throw badRequest(
      `${label} has shape [${shape.join(', ')}], but the model's input "${info.name}" takes ${formatShape(info.shape)}.`,
    );
}

/** Refuses a batch (a first dim the model leaves free) larger than MAX_BATCH. */
export function checkBatch(
  info: TensorInfo,
  shape: readonly number[],
  maxBatch: number,
  label: string,
): void {
  const first = info.shape[0];
  if (info.shape.length > 0 && typeof first !== 'number' && (shape[0] ?? 0) > maxBatch)
    throw badRequest(
      `${label} has a batch of ${shape[0]} rows, more than the server's limit of ${maxBatch} (MAX_BATCH); send fewer rows per request.`,
    );
}

/** Refuses names that are not the model's inputs, and inputs left out, listing what the model takes. */
export function checkInputNames(model: LoadedModel, names: readonly string[], where: string): void {
  const known = model.inputs.map((input) => input.name);
  const listed = known.map((name) => `"${name}"`).join(', ');
  const unknown = names.find((name) => !known.includes(name));
  if (unknown !== undefined)
    throw badRequest(
      `${where} has "${unknown}", which is not an input of the model; its inputs are ${listed}.`,
    );
  const missing = known.find((name) => !names.includes(name));
  if (missing !== undefined)
    throw badRequest(`${where} is missing the input "${missing}"; the model's inputs are ${listed}.`);
}

/** Refuses inputs that give one symbolic dim (batch) two sizes: ONNX Runtime would fail deep inside. */
export function checkSymbolicDims(
  model: LoadedModel,
  shapes: Readonly<Record<string, readonly number[]>>,
): void {
  const seen = new Map<string, { input: string; size: number }>();
  for (const info of model.inputs) {
    const shape = shapes[info.name];
    if (!shape || shape.length !== info.shape.length) continue;
    info.shape.forEach((dim, k) => {
      if (typeof dim !== 'string') return;
      const size = shape[k] as number;
      const first = seen.get(dim);
      if (!first) seen.set(dim, { input: info.name, size });
      else if (first.size !== size)
        throw badRequest(
          `Input "${info.name}" has ${dim} = ${size} (dim ${k}), but input "${first.input}" has ${dim} = ${first.size}; the model needs them equal.`,
        );
    });
  }
}

/** A feed for `info` from a shape and the binary tensor data extension's bytes for it. */
export function binaryTensor(
  info: TensorInfo,
  shape: number[],
  bytes: Uint8Array,
  label: string,
): ort.Tensor {
  checkShape(info, shape, label);
  if (!isElementType(info.type))
    throw badRequest(`${label} has element type ${info.type}, which this server cannot feed.`);
  const tensor = tensorFromBinary(info.type, shape, bytes);
  return new ort.Tensor(info.type, tensor.data, shape);
}

/** A feed for `info` from a shape and JSON leaves, checked against the model's declaration. */
export function makeTensor(
  info: TensorInfo,
  shape: number[],
  leaves: readonly unknown[],
  label: string,
): ort.Tensor {
  checkShape(info, shape, label);
  const count = shape.reduce((product, dim) => product * dim, 1);
  if (leaves.length !== count)
    throw badRequest(
      `${label} has shape [${shape.join(', ')}], which holds ${count} values, but its data has ${leaves.length}.`,
    );
  if (!isElementType(info.type))
    throw badRequest(`${label} has element type ${info.type}, which this server cannot feed.`);
  return new ort.Tensor(info.type, typedData(info.type, leaves, label), shape);
}
