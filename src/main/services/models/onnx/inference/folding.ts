import { DataType } from '../dataTypes.js';
import type { OnnxTensor } from '../model.js';
import { decodeTensorProto } from '../tensorProto.js';
import type { NodeContext } from './context.js';
import { axisOf, elementCount, isKnown } from './dims.js';
import { shapeRange } from './rules/other.js';

/**
 * Integer values known before the model runs: exporters compute a Reshape's target shape with
 * Shape → Gather → Concat chains, so following those few operators on small integer constants is what
 * lets shapes be inferred through them. Only integer tensors of at most MAX_VALUES elements are followed.
 */
const MAX_VALUES = 1024;

const integerTypes = new Set<number>([
  DataType.INT64,
  DataType.INT32,
  DataType.INT16,
  DataType.INT8,
  DataType.UINT8,
  DataType.UINT16,
  DataType.UINT32,
  DataType.UINT64,
]);

/** An integer tensor's values, when readMode kept its encoding (small INT32/INT64 tensors). */
export function integerValues(tensor: OnnxTensor): number[] | null {
  if (!tensor.encoded) return null;
  try {
    const { data } = decodeTensorProto(tensor.encoded);
    return data instanceof BigInt64Array || data instanceof Int32Array ? Array.from(data, Number) : null;
  } catch {
    // A corrupt constant is checkModel's to report; here it is just unknown.
    return null;
  }
}

/** A folding rule: each output's values (flattened), or null where they are not known. */
type Fold = (context: NodeContext) => (number[] | null)[];

const same: Fold = (context) => [context.constant(0)?.values ?? null];

/** Binary integer arithmetic on equal-length or scalar operands; ONNX integer Div truncates. */
const arithmetic =
  (apply: (a: number, b: number) => number): Fold =>
  (context) => {
    const a = context.constant(0)?.values;
    const b = context.constant(1)?.values;
    if (!a || !b || (a.length !== b.length && a.length !== 1 && b.length !== 1)) return [null];
    const length = Math.max(a.length, b.length);
    return [
      Array.from({ length }, (_, i) => apply(a[a.length === 1 ? 0 : i] ?? 0, b[b.length === 1 ? 0 : i] ?? 0)),
    ];
  };

const folds: Record<string, Fold> = {
  Identity: same,
  Squeeze: same,
  Unsqueeze: same,
  Reshape: same,
  Flatten: same,
  Cast: (context) => (integerTypes.has(context.int('to') ?? 0) ? same(context) : [null]),
  Constant: (context) => {
    const tensor = context.tensor('value');
    if (tensor) return [integerValues(tensor)];
    const scalar = context.int('value_int');
    return [scalar !== undefined ? [scalar] : (context.ints('value_ints') ?? null)];
  },
  Shape: (context) => {
    const shape = context.input(0)?.shape;
    if (!shape) return [null];
    const [start, end] = shapeRange(context, shape.length);
    const dims = shape.slice(start, end);
    return [dims.every(isKnown) ? dims : null];
  },
  Size: (context) => {
    const count = elementCount(context.input(0)?.shape ?? null);
    return [count === null ? null : [count]];
  },
  Gather: (context) => {
    const data = context.constant(0);
    const indices = context.constant(1)?.values;
    if (!data || !indices || data.dims.length !== 1) return [null];
    const picked = indices.map((index) => data.values[axisOf(index, data.values.length) ?? -1]);
    return [picked.every((value) => value !== undefined) ? picked : null];
  },
  Concat: (context) => {
    const parts = context.node.inputs.map((_, i) => context.constant(i));
    if (parts.some((part) => !part || part.dims.length !== 1)) return [null];
    return [parts.flatMap((part) => part?.values ?? [])];
  },
  Slice: (context) => {
    const data = context.constant(0);
    const [start, end] = [context.constant(1)?.values[0], context.constant(2)?.values[0]];
    const step = context.hasInput(4) ? context.constant(4)?.values[0] : 1;
    if (!data || data.dims.length !== 1 || start === undefined || end === undefined || step !== 1)
      return [null];
    const length = data.values.length;
    const clamp = (value: number) => Math.min(Math.max(value < 0 ? value + length : value, 0), length);
    return [data.values.slice(clamp(start), clamp(end))];
  },
  Add: arithmetic((a, b) => a + b),
  Sub: arithmetic((a, b) => a - b),
  Mul: arithmetic((a, b) => a * b),
  Div: arithmetic((a, b) => (b === 0 ? Number.NaN : Math.trunc(a / b))),
};

/** The values of a node's outputs, as far as they can be folded; only ai.onnx operators fold. */
export function foldNode(context: NodeContext): (number[] | null)[] {
  const fold = folds[context.node.opType];
  if (!fold) return [];
  return fold(context).map((values) =>
    values && values.length <= MAX_VALUES && values.every(Number.isFinite) ? values : null,
  );
}
