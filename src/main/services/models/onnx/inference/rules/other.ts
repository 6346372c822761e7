import { DataType } from '../../dataTypes.js';
import type { Dim } from '../../model.js';
import { type NodeContext, type ShapeRule, tensorType } from '../context.js';
import { axisOf, isKnown } from '../dims.js';

/** Shape-producing and constant operators, recurrent layers, quantization and TopK. */

/** Shape's [start, end) range of the input's dims (opset 15), clamped as the spec says. */
export function shapeRange(context: NodeContext, rank: number): [number, number] {
  const clamp = (value: number) => Math.min(Math.max(value < 0 ? value + rank : value, 0), rank);
  return [clamp(context.int('start') ?? 0), clamp(context.int('end') ?? rank)];
}

const shape: ShapeRule = (context) => {
  const rank = context.input(0)?.shape?.length;
  if (rank === undefined) return [tensorType(DataType.INT64, [null])];
  const [start, end] = shapeRange(context, rank);
  return [tensorType(DataType.INT64, [Math.max(0, end - start)])];
};

const constant: ShapeRule = (context) => {
  const tensor = context.tensor('value');
  if (tensor) return [tensorType(tensor.dataType, tensor.dims)];
  const scalar = (type: number) => [tensorType(type, [])];
  const list = (type: number, length: number | undefined) => [tensorType(type, [length ?? null])];
  if (context.float('value_float') !== undefined) return scalar(DataType.FLOAT);
  if (context.int('value_int') !== undefined) return scalar(DataType.INT64);
  if (context.string('value_string') !== undefined) return scalar(DataType.STRING);
  const attribute = context.node.attributes.find(
    (a) => a.name === 'value_floats' || a.name === 'value_ints' || a.name === 'value_strings',
  );
  if (attribute?.type === 'FLOATS') return list(DataType.FLOAT, attribute.value.length);
  if (attribute?.type === 'INTS') return list(DataType.INT64, attribute.value.length);
  if (attribute?.type === 'STRINGS') return list(DataType.STRING, attribute.value.length);
  return [null];
};

const constantOfShape: ShapeRule = (context) => {
  const values = context.constant(0)?.values;
  const length = context.input(0)?.shape?.[0] ?? null;
  const shape: Dim[] | null = values ?? (isKnown(length) ? new Array<Dim>(length).fill(null) : null);
  return [tensorType(context.tensor('value')?.dataType ?? DataType.FLOAT, shape)];
};

/** RNN, GRU and LSTM: Y is [seq, directions, batch, hidden]; Y_h and Y_c [directions, batch, hidden]. */
const recurrent: ShapeRule = (context) => {
  const x = context.input(0);
  const type = x?.elementType ?? null;
  const hidden = context.int('hidden_size') ?? null;
  const directions = context.string('direction') === 'bidirectional' ? 2 : 1;
  const shape = x?.shape;
  if (!shape || shape.length !== 3)
    return [tensorType(type, null), tensorType(type, null), tensorType(type, null)];
  const batchFirst = (context.int('layout') ?? 0) === 1;
  const [seq, batch] = batchFirst
    ? [shape[1] ?? null, shape[0] ?? null]
    : [shape[0] ?? null, shape[1] ?? null];
  const y = batchFirst ? [batch, seq, directions, hidden] : [seq, directions, batch, hidden];
  const state = batchFirst ? [batch, directions, hidden] : [directions, batch, hidden];
  return [tensorType(type, y), tensorType(type, state), tensorType(type, state)];
};

const topK: ShapeRule = (context) => {
  const input = context.input(0);
  const shape = input?.shape ?? null;
  const k = context.hasInput(1) ? (context.constant(1)?.values[0] ?? null) : (context.int('k') ?? null);
  const axis = shape ? axisOf(context.int('axis') ?? -1, shape.length) : null;
  const out = shape && axis !== null ? shape.map((dim, i) => (i === axis ? k : dim)) : null;
  return [tensorType(input?.elementType ?? null, out), tensorType(DataType.INT64, out)];
};

/** Quantized output type: the zero point's, or output_dtype (opset 21), or UINT8 by default. */
const quantize: ShapeRule = (context) => {
  const type = context.input(2)?.elementType ?? nonZero(context.int('output_dtype')) ?? DataType.UINT8;
  return [tensorType(type, context.input(0)?.shape ?? null)];
};

/** Dequantized output type: the scale's, or output_dtype (opset 23). */
const dequantize: ShapeRule = (context) => {
  const type = nonZero(context.int('output_dtype')) ?? context.input(1)?.elementType ?? null;
  return [tensorType(type, context.input(0)?.shape ?? null)];
};

function nonZero(value: number | undefined): number | undefined {
  return value ? value : undefined;
}

export const otherRules: Record<string, ShapeRule> = {
  Shape: shape,
  Size: () => [tensorType(DataType.INT64, [])],
  Constant: constant,
  ConstantOfShape: constantOfShape,
  NonZero: (context) => [tensorType(DataType.INT64, [context.input(0)?.shape?.length ?? null, null])],
  RNN: recurrent,
  GRU: recurrent,
  LSTM: recurrent,
  TopK: topK,
  QuantizeLinear: quantize,
  DequantizeLinear: dequantize,
  DynamicQuantizeLinear: (context) => [
    tensorType(DataType.UINT8, context.input(0)?.shape ?? null),
    tensorType(DataType.FLOAT, []),
    tensorType(DataType.UINT8, []),
  ],
};
