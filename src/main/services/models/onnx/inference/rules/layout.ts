import type { Dim } from '../../model.js';
import { type NodeContext, type ShapeRule, tensorType } from '../context.js';
import { axisOf, broadcast, isKnown, merge, product, sum } from '../dims.js';

/**
 * Operators that move, split or join elements without computing on them. Several take their
 * parameters as an attribute in old opsets and as an input later (Squeeze's axes since 13): the
 * input is used when present, and must be a constant known before running the model.
 */

/** An integer parameter given as an input (newer opsets) or an attribute (older ones). */
function parameter(context: NodeContext, inputIndex: number, attribute: string): number[] | null {
  if (context.hasInput(inputIndex)) return context.constant(inputIndex)?.values ?? null;
  return context.ints(attribute) ?? null;
}

/** The input's element type with a new shape. */
function output(context: NodeContext, shape: Dim[] | null) {
  return tensorType(context.input(0)?.elementType ?? null, shape);
}

const reshape: ShapeRule = (context) => {
  const input = context.input(0)?.shape ?? null;
  const target = parameter(context, 1, 'shape');
  if (!target) {
    // The rank is still known when the target shape's own length is.
    const length = context.input(1)?.shape?.[0];
    return [output(context, isKnown(length ?? null) ? new Array<Dim>(length as number).fill(null) : null)];
  }
  if (target.some((value) => value < -1) || target.filter((value) => value === -1).length > 1) {
    return [output(context, null)];
  }
  const allowZero = (context.int('allowzero') ?? 0) === 1;
  const dims: Dim[] = target.map((value, i) => (value === 0 && !allowZero ? (input?.[i] ?? null) : value));
  const inferred = dims.indexOf(-1);
  if (inferred >= 0)
    dims[inferred] = input
      ? quotient(
          input,
          dims.filter((_, i) => i !== inferred),
        )
      : null;
  return [output(context, dims)];
};

/**
 * The size that makes `others` hold as many elements as `whole`: known sizes divide, and symbolic
 * sizes cancel when both sides have the same ones (['N', 3, 4] into ['N', -1] gives 12).
 */
function quotient(whole: Dim[], others: Dim[]): Dim {
  const split = (dims: Dim[]) => {
    let known = 1;
    const symbols: string[] = [];
    for (const dim of dims) {
      if (dim === null) return null;
      if (typeof dim === 'number') known *= dim;
      else symbols.push(dim);
    }
    return { known, symbols: symbols.sort() };
  };
  const a = split(whole);
  const b = split(others);
  if (!a || !b || b.known === 0 || a.known % b.known !== 0) return null;
  const ratio = a.known / b.known;
  if (a.symbols.join('\0') === b.symbols.join('\0')) return ratio;
  const remaining = [...a.symbols];
  for (const symbol of b.symbols) {
    const at = remaining.indexOf(symbol);
    if (at < 0) return null;
    remaining.splice(at, 1);
  }
  return remaining.length === 1 && ratio === 1 ? (remaining[0] ?? null) : null;
}

const flatten: ShapeRule = (context) => {
  const input = context.input(0)?.shape ?? null;
  if (!input) return [output(context, [null, null])];
  const axis = context.int('axis') ?? 1;
  const at = axis < 0 ? axis + input.length : axis;
  if (at < 0 || at > input.length) return [output(context, [null, null])];
  return [output(context, [product(input.slice(0, at)), product(input.slice(at))])];
};

const transpose: ShapeRule = (context) => {
  const input = context.input(0)?.shape ?? null;
  if (!input) return [output(context, null)];
  const perm = context.ints('perm') ?? input.map((_, i) => input.length - 1 - i);
  if (perm.length !== input.length) return [output(context, null)];
  return [
    output(
      context,
      perm.map((axis) => input[axis] ?? null),
    ),
  ];
};

const concat: ShapeRule = (context) => {
  const shapes = context.node.inputs.map((_, i) => context.input(i)?.shape ?? null);
  const first = shapes[0];
  if (!first || shapes.some((shape) => !shape || shape.length !== first.length))
    return [output(context, null)];
  const axis = axisOf(context.int('axis') ?? 0, first.length);
  if (axis === null) return [output(context, null)];
  const all = shapes as Dim[][];
  return [
    output(
      context,
      first.map((_, i) =>
        i === axis
          ? sum(all.map((shape) => shape[i] ?? null))
          : all.map((shape) => shape[i] ?? null).reduce(merge),
      ),
    ),
  ];
};

const squeeze: ShapeRule = (context) => {
  const input = context.input(0)?.shape ?? null;
  if (!input) return [output(context, null)];
  const given = parameter(context, 1, 'axes');
  if (context.hasInput(1) && !given) return [output(context, null)];
  if (!given || given.length === 0) {
    // Without axes every dim of size 1 goes, which needs every dim known.
    return [output(context, input.every(isKnown) ? input.filter((dim) => dim !== 1) : null)];
  }
  const axes = given.map((axis) => axisOf(axis, input.length));
  if (axes.some((axis) => axis === null)) return [output(context, null)];
  return [
    output(
      context,
      input.filter((_, i) => !axes.includes(i)),
    ),
  ];
};

const unsqueeze: ShapeRule = (context) => {
  const input = context.input(0)?.shape ?? null;
  const given = parameter(context, 1, 'axes');
  if (!input || !given) return [output(context, null)];
  const rank = input.length + given.length;
  const axes = given.map((axis) => axisOf(axis, rank));
  if (axes.some((axis) => axis === null)) return [output(context, null)];
  const rest = [...input];
  return [
    output(
      context,
      Array.from({ length: rank }, (_, i) => (axes.includes(i) ? 1 : (rest.shift() ?? null))),
    ),
  ];
};

const gather: ShapeRule = (context) => {
  const data = context.input(0)?.shape ?? null;
  const indices = context.input(1)?.shape ?? null;
  if (!data || !indices) return [output(context, null)];
  const axis = axisOf(context.int('axis') ?? 0, data.length);
  if (axis === null) return [output(context, null)];
  return [output(context, [...data.slice(0, axis), ...indices, ...data.slice(axis + 1)])];
};

const gatherElements: ShapeRule = (context) => [output(context, context.input(1)?.shape ?? null)];

/** Slice's length along one axis, clamping as the ONNX spec does. */
function sliceLength(dim: number, start: number, end: number, step: number): number {
  const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);
  const s = start < 0 ? start + dim : start;
  const e = end < 0 ? end + dim : end;
  const [from, to] =
    step > 0 ? [clamp(s, 0, dim), clamp(e, 0, dim)] : [clamp(s, 0, dim - 1), clamp(e, -1, dim - 1)];
  return Math.max(0, Math.ceil((to - from) / step));
}

const slice: ShapeRule = (context) => {
  const input = context.input(0)?.shape ?? null;
  if (!input) return [output(context, null)];
  const byInputs = context.opset >= 10;
  const starts = parameter(context, 1, 'starts');
  const ends = parameter(context, 2, 'ends');
  const axes = byInputs && !context.hasInput(3) ? null : parameter(context, 3, 'axes');
  const steps = byInputs && context.hasInput(4) ? context.constant(4)?.values : null;
  if ((byInputs && context.hasInput(3) && !axes) || (context.hasInput(4) && !steps)) {
    return [
      output(
        context,
        input.map(() => null),
      ),
    ];
  }
  const shape = [...input];
  const sliced = axes ?? starts?.map((_, i) => i) ?? input.map((_, i) => i);
  sliced.forEach((rawAxis, i) => {
    const axis = axisOf(rawAxis, input.length);
    if (axis === null) return;
    const dim = input[axis] ?? null;
    const [start, end, step] = [starts?.[i], ends?.[i], steps?.[i] ?? 1];
    shape[axis] =
      isKnown(dim) && start !== undefined && end !== undefined && step !== 0
        ? sliceLength(dim, start, end, step)
        : null;
  });
  return [output(context, shape)];
};

const split: ShapeRule = (context) => {
  const input = context.input(0)?.shape ?? null;
  const count = context.node.outputs.length;
  if (!input) return context.node.outputs.map(() => output(context, null));
  const axis = axisOf(context.int('axis') ?? 0, input.length);
  if (axis === null) return context.node.outputs.map(() => output(context, null));
  const dim = input[axis] ?? null;
  let sizes: Dim[] | null = parameter(context, 1, 'split');
  if (!sizes || sizes.length === 0) {
    if (context.hasInput(1)) sizes = null;
    else if (!isKnown(dim)) sizes = new Array<Dim>(count).fill(null);
    else if (context.int('num_outputs') !== undefined) {
      // Opset 18's num_outputs: equal chunks of ceil(dim / n), the last one smaller.
      const chunk = Math.ceil(dim / count);
      sizes = Array.from({ length: count }, (_, i) => Math.max(0, Math.min(chunk, dim - chunk * i)));
    } else sizes = dim % count === 0 ? new Array<Dim>(count).fill(dim / count) : null;
  }
  return context.node.outputs.map((_, i) =>
    output(
      context,
      input.map((d, j) => (j === axis ? (sizes?.[i] ?? null) : d)),
    ),
  );
};

const pad: ShapeRule = (context) => {
  const input = context.input(0)?.shape ?? null;
  // Opset 1 named the attribute `paddings`, opsets 2 to 10 `pads`; since 11 it is an input.
  const pads = parameter(context, 1, 'pads') ?? context.ints('paddings') ?? null;
  if (!input) return [output(context, null)];
  if (!pads)
    return [
      output(
        context,
        input.map(() => null),
      ),
    ];
  const axes = context.hasInput(3) ? context.constant(3)?.values : input.map((_, i) => i);
  if (!axes || pads.length !== axes.length * 2)
    return [
      output(
        context,
        input.map(() => null),
      ),
    ];
  const shape = [...input];
  axes.forEach((rawAxis, i) => {
    const axis = axisOf(rawAxis, input.length);
    if (axis === null) return;
    const dim = input[axis] ?? null;
    shape[axis] = isKnown(dim) ? dim + (pads[i] ?? 0) + (pads[i + axes.length] ?? 0) : null;
  });
  return [output(context, shape)];
};

const tile: ShapeRule = (context) => {
  const input = context.input(0)?.shape ?? null;
  const repeats = context.constant(1)?.values;
  if (!input) return [output(context, null)];
  if (!repeats || repeats.length !== input.length)
    return [
      output(
        context,
        input.map(() => null),
      ),
    ];
  return [
    output(
      context,
      input.map((dim, i) => (repeats[i] === 1 ? dim : isKnown(dim) ? dim * (repeats[i] ?? 1) : null)),
    ),
  ];
};

const expand: ShapeRule = (context) => {
  const input = context.input(0)?.shape ?? null;
  const shape = context.constant(1)?.values;
  return [output(context, input && shape ? broadcast(input, shape) : null)];
};

/** DepthToSpace and SpaceToDepth move blocksize² channels into (or out of) each spatial position. */
const blocks =
  (toSpace: boolean): ShapeRule =>
  (context) => {
    const input = context.input(0)?.shape ?? null;
    const size = context.int('blocksize');
    if (!input || input.length !== 4 || !size) return [output(context, null)];
    const [n, c, h, w] = input as [Dim, Dim, Dim, Dim];
    const scale = (dim: Dim, by: number) => (isKnown(dim) ? dim * by : null);
    const shrink = (dim: Dim, by: number) => (isKnown(dim) && dim % by === 0 ? dim / by : null);
    return [
      output(
        context,
        toSpace
          ? [n, shrink(c, size * size), scale(h, size), scale(w, size)]
          : [n, scale(c, size * size), shrink(h, size), shrink(w, size)],
      ),
    ];
  };

export const layoutRules: Record<string, ShapeRule> = {
  Reshape: reshape,
  Flatten: flatten,
  Transpose: transpose,
  Concat: concat,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Gather: gather,
  GatherElements: gatherElements,
  Slice: slice,
  Split: split,
  Pad: pad,
  Tile: tile,
  Expand: expand,
  DepthToSpace: blocks(true),
  SpaceToDepth: blocks(false),
};
