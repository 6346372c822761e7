import { DataType } from '../../dataTypes.js';
import type { Dim } from '../../model.js';
import { type NodeContext, type ShapeRule, tensorType } from '../context.js';
import { axisOf } from '../dims.js';

/** Reductions over axes: keepdims leaves a 1 where an axis was reduced. */

function reduced(input: Dim[], axes: number[] | null, keepDims: boolean): Dim[] | null {
  const absolute = (axes ?? input.map((_, i) => i)).map((axis) => axisOf(axis, input.length));
  if (absolute.some((axis) => axis === null)) return null;
  return input.flatMap((dim, i) => (absolute.includes(i) ? (keepDims ? [1] : []) : [dim]));
}

/** Reduce*: axes as an attribute, or since ReduceSum-13 and the others' opset 18 as an input. */
const reduce: ShapeRule = (context) => {
  const input = context.input(0);
  const shape = input?.shape ?? null;
  const keepDims = (context.int('keepdims') ?? 1) === 1;
  const type = input?.elementType ?? null;
  if (!shape) return [tensorType(type, null)];
  let axes: number[] | null = context.ints('axes') ?? null;
  if (context.hasInput(1)) {
    axes = context.constant(1)?.values ?? null;
    if (!axes) return [tensorType(type, keepDims ? shape.map(() => null) : null)];
  }
  // An empty axes list reduces nothing when noop_with_empty_axes is set, else everything.
  if (axes?.length === 0) axes = (context.int('noop_with_empty_axes') ?? 0) === 1 ? [] : null;
  return [tensorType(type, reduced(shape, axes, keepDims))];
};

/** ArgMax and ArgMin reduce one axis to the INT64 position of the extreme. */
const argReduce: ShapeRule = (context: NodeContext) => {
  const shape = context.input(0)?.shape ?? null;
  const keepDims = (context.int('keepdims') ?? 1) === 1;
  return [tensorType(DataType.INT64, shape ? reduced(shape, [context.int('axis') ?? 0], keepDims) : null)];
};

const reductions =
  'ReduceL1 ReduceL2 ReduceLogSum ReduceLogSumExp ReduceMax ReduceMean ReduceMin ReduceProd ReduceSum ReduceSumSquare';

export const reduceRules: Record<string, ShapeRule> = {
  ...Object.fromEntries(reductions.split(' ').map((op) => [op, reduce])),
  ArgMax: argReduce,
  ArgMin: argReduce,
};
