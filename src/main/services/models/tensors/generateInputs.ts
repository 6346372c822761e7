import { constants } from 'node:buffer';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import type { ValueInfo } from '../../../../shared/contract/models.js';
import { formatBytes } from '../../../../shared/format/numbers.js';
import { bytesPerElement, type TensorType, type TensorValue } from '../../../../shared/tensors/tensors.js';
import { numberToFloat16 } from '../../../../shared/tensors/float16.js';

export interface GenerateOptions {
  /** The size of a leading symbolic or unknown dimension (default 1). */
  batch?: number;
  /** Sizes for named symbolic dimensions (`--dim seq=128`). */
  dims?: Record<string, number>;
  fill?: 'random' | 'zeros';
  /** The same seed gives the same tensors, so two models can be fed alike. */
  seed?: number;
  /** The model's name for messages (its file name or name@version). */
  model?: string;
}

/** "Input x", or "Input x of model.onnx" when the model is named. */
const inputLabel = (name: string, options: GenerateOptions) =>
  `Input ${name}${options.model ? ` of ${options.model}` : ''}`;

/** A small, seeded generator (mulberry32): reproducible inputs without a dependency. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The concrete shape of an input: fixed sizes kept, a leading free dim = batch, others from `dims`. */
export function concreteShape(input: ValueInfo, options: GenerateOptions = {}): number[] {
  const shape = input.shape;
  if (shape === null)
    throw new WorkbenchError({
      code: 'TENSOR_SHAPE',
      message: `${inputLabel(input.name, options)} has no declared shape, so no tensor can be made up for it.`,
      hint: 'Give the input as a file (--input NAME=FILE.npy) instead.',
    });
  const missing: string[] = [];
  const dims = shape.map((dim, index) => {
    if (typeof dim === 'number' && dim >= 0) return dim;
    if (typeof dim === 'string' && options.dims?.[dim] !== undefined) return options.dims[dim];
    if (index === 0) return options.batch ?? 1;
    missing.push(dim === null ? `dimension ${index} (unnamed)` : `'${dim}'`);
    return 0;
  });
  if (missing.length)
    throw new WorkbenchError({
      code: 'TENSOR_SHAPE',
      message: `${inputLabel(input.name, options)} [${shape.map((d) => d ?? '?').join(', ')}] has free dimensions: ${missing.join(', ')}.`,
      hint: `Give their sizes, e.g. --dim ${typeof shape.find((d, i) => i > 0 && typeof d === 'string') === 'string' ? String(shape.find((d, i) => i > 0 && typeof d === 'string')) : 'name'}=16.`,
      details: { input: input.name, missing },
    });
  return dims;
}

/**
 * Tensors for a model's inputs from its signature: zeros, or seeded random values (floats uniform
 * in [-1, 1), integers in [0, 10), booleans either, strings "s0", "s1", ...).
 */
export function generateInputs(
  inputs: readonly ValueInfo[],
  options: GenerateOptions = {},
): Record<string, TensorValue> {
  const random = seededRandom(options.seed ?? 1);
  const zeros = options.fill === 'zeros';
  const feeds: Record<string, TensorValue> = {};
  for (const input of inputs) {
    if (input.type === null)
      throw new WorkbenchError({
        code: 'TENSOR_SHAPE',
        message: `${inputLabel(input.name, options)} is not a tensor (a sequence or a map), which the workbench cannot make up.`,
      });
    const dims = concreteShape(input, options);
    const n = generatedElements(inputLabel(input.name, options), input.type, dims);
    const small = () => (zeros ? 0 : Math.floor(random() * 10));
    const unit = () => (zeros ? 0 : random() * 2 - 1);
    let data: TensorValue['data'];
    switch (input.type) {
      case 'float32':
        data = Float32Array.from({ length: n }, unit);
        break;
      case 'float64':
        data = Float64Array.from({ length: n }, unit);
        break;
      case 'float16':
        data = Uint16Array.from({ length: n }, () => numberToFloat16(unit()));
        break;
      case 'int8':
        data = Int8Array.from({ length: n }, small);
        break;
      case 'uint8':
        data = Uint8Array.from({ length: n }, small);
        break;
      case 'int16':
        data = Int16Array.from({ length: n }, small);
        break;
      case 'uint16':
        data = Uint16Array.from({ length: n }, small);
        break;
      case 'int32':
        data = Int32Array.from({ length: n }, small);
        break;
      case 'uint32':
        data = Uint32Array.from({ length: n }, small);
        break;
      case 'int64':
        data = BigInt64Array.from({ length: n }, () => BigInt(small()));
        break;
      case 'uint64':
        data = BigUint64Array.from({ length: n }, () => BigInt(small()));
        break;
      case 'bool':
        data = Uint8Array.from({ length: n }, () => (zeros ? 0 : random() < 0.5 ? 1 : 0));
        break;
      case 'string':
        data = Array.from({ length: n }, (_, i) => (zeros ? '' : `s${i}`));
        break;
    }
    feeds[input.name] = { type: input.type, dims, data };
  }
  return feeds;
}

/**
 * The element count of a tensor to make up, refused past what one buffer can hold: counted exactly
 * (a product of large dims is past what a number holds, 2^31 × 2^31 for one), so a shape too big for
 * any machine is named rather than failing as an allocation error.
 */
function generatedElements(label: string, type: TensorType, dims: readonly number[]): number {
  const count = dims.reduce((product, dim) => product * BigInt(dim), 1n);
  const bytes = count * BigInt(type === 'string' ? 1 : bytesPerElement(type));
  if (bytes <= BigInt(constants.MAX_LENGTH)) return Number(count);
  throw new WorkbenchError({
    code: 'TENSOR_SHAPE',
    message: `${label} [${dims.join(', ')}] would hold ${count} ${type} values (${bytes} bytes), more than a tensor can hold here (${formatBytes(constants.MAX_LENGTH)}).`,
    hint: 'Give smaller sizes for its free dimensions (--dim NAME=SIZE, --batch). Sizes the model itself fixes this large cannot be made up: check the sizes it was exported with.',
    details: { dims, elements: String(count), bytes: String(bytes) },
  });
}
