import { DataType } from '../../dataTypes.js';
import type { Dim } from '../../model.js';
import { type NodeContext, type ShapeRule, tensorType } from '../context.js';
import { isKnown } from '../dims.js';

/**
 * Convolution and pooling output shapes, following ONNX's own shape inference (onnx/defs/nn/defs.cc,
 * convPoolShapeInference and convTransposeShapeInference) including its auto_pad and ceil_mode rules.
 */

interface Window {
  kernel: number[];
  strides: number[];
  dilations: number[];
  pads: number[];
}

/** The sliding window of a Conv or pool over `spatial`; null if the kernel size is not known. */
function windowOf(context: NodeContext, spatial: Dim[], kernelFromWeights: Dim[] | null, transpose: boolean) {
  const rank = spatial.length;
  const kernelDims = context.ints('kernel_shape') ?? kernelFromWeights;
  if (!kernelDims || kernelDims.length !== rank || !kernelDims.every(isKnown)) return null;
  const kernel = kernelDims;
  const strides = context.ints('strides') ?? kernel.map(() => 1);
  const dilations = context.ints('dilations') ?? kernel.map(() => 1);
  if (strides.length !== rank || dilations.length !== rank) return null;
  const effective = kernel.map((size, i) => (size - 1) * (dilations[i] ?? 1) + 1);
  let pads = context.ints('pads');
  if (!pads) {
    pads = new Array<number>(rank * 2).fill(0);
    const autoPad = context.string('auto_pad') ?? 'NOTSET';
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
      for (let i = 0; i < rank; i++) {
        const stride = strides[i] ?? 1;
        const size = spatial[i] ?? null;
        let total: number;
        if (transpose) total = (effective[i] ?? 1) - stride;
        else if (stride > 1 && !isKnown(size)) continue;
        else {
          const residual = stride > 1 && isKnown(size) ? size % stride : 0;
          total = residual === 0 ? (effective[i] ?? 1) - stride : (effective[i] ?? 1) - residual;
        }
        total = Math.max(total, 0);
        const small = total >> 1;
        const big = total - small;
        pads[i] = autoPad === 'SAME_UPPER' ? small : big;
        pads[i + rank] = autoPad === 'SAME_UPPER' ? big : small;
      }
    }
  }
  if (pads.length !== rank * 2) return null;
  return { kernel, strides, dilations, pads } satisfies Window;
}

/** Output spatial dims of a Conv or pool: floor (or ceil) of the strided window positions, plus one. */
function slide(spatial: Dim[], window: Window, ceilMode: boolean): Dim[] {
  const rank = spatial.length;
  return spatial.map((size, i) => {
    if (!isKnown(size)) return null;
    const stride = window.strides[i] ?? 1;
    const padBegin = window.pads[i] ?? 0;
    const effectiveKernel = ((window.kernel[i] ?? 1) - 1) * (window.dilations[i] ?? 1) + 1;
    const padded = size + padBegin + (window.pads[i + rank] ?? 0);
    let out = Math.trunc((padded - effectiveKernel + (ceilMode ? stride - 1 : 0)) / stride) + 1;
    // A last window that would start in the end padding is dropped, as in PyTorch and ONNX.
    if (ceilMode && (out - 1) * stride >= size + padBegin) out--;
    return out > 0 ? out : null;
  });
}

function split(shape: Dim[] | null): { batch: Dim; channels: Dim; spatial: Dim[] } | null {
  if (!shape || shape.length < 3) return null;
  return { batch: shape[0] ?? null, channels: shape[1] ?? null, spatial: shape.slice(2) };
}

/** Conv, ConvInteger and QLinearConv differ only in where X and W are and the output type. */
function conv(
  xIndex: number,
  wIndex: number,
  elementType: (context: NodeContext) => number | null,
): ShapeRule {
  return (context) => {
    const x = split(context.input(xIndex)?.shape ?? null);
    const w = context.input(wIndex)?.shape ?? null;
    const type = elementType(context);
    if (!x || !w || w.length !== x.spatial.length + 2) return [tensorType(type, null)];
    const window = windowOf(context, x.spatial, w.slice(2), false);
    if (!window) return [tensorType(type, [x.batch, w[0] ?? null, ...x.spatial.map(() => null)])];
    return [tensorType(type, [x.batch, w[0] ?? null, ...slide(x.spatial, window, false)])];
  };
}

const convTranspose: ShapeRule = (context) => {
  const type = context.input(0)?.elementType ?? null;
  const x = split(context.input(0)?.shape ?? null);
  const w = context.input(1)?.shape ?? null;
  if (!x || !w || w.length !== x.spatial.length + 2) return [tensorType(type, null)];
  const group = context.int('group') ?? 1;
  const channels = w[1] ?? null;
  const outChannels = isKnown(channels) ? channels * group : null;
  const explicit = context.ints('output_shape');
  if (explicit && explicit.length === x.spatial.length) {
    return [tensorType(type, [x.batch, outChannels, ...explicit])];
  }
  const window = windowOf(context, x.spatial, w.slice(2), true);
  if (!window) return [tensorType(type, [x.batch, outChannels, ...x.spatial.map(() => null)])];
  const rank = x.spatial.length;
  const outputPadding = context.ints('output_padding') ?? new Array<number>(rank).fill(0);
  const spatial = x.spatial.map((size, i) => {
    if (!isKnown(size)) return null;
    const effectiveKernel = ((window.kernel[i] ?? 1) - 1) * (window.dilations[i] ?? 1) + 1;
    return (
      (window.strides[i] ?? 1) * (size - 1) +
      (outputPadding[i] ?? 0) +
      effectiveKernel -
      (window.pads[i] ?? 0) -
      (window.pads[i + rank] ?? 0)
    );
  });
  return [tensorType(type, [x.batch, outChannels, ...spatial])];
};

const pool: ShapeRule = (context) => {
  const input = context.input(0);
  const type = input?.elementType ?? null;
  const x = split(input?.shape ?? null);
  if (!x) return [tensorType(type, null), tensorType(DataType.INT64, null)];
  const window = windowOf(context, x.spatial, null, false);
  const spatial = window
    ? slide(x.spatial, window, (context.int('ceil_mode') ?? 0) === 1)
    : x.spatial.map(() => null);
  const shape = [x.batch, x.channels, ...spatial];
  // MaxPool's optional second output holds the indices of the maxima.
  return [tensorType(type, shape), tensorType(DataType.INT64, shape)];
};

const globalPool: ShapeRule = (context) => {
  const input = context.input(0);
  const x = split(input?.shape ?? null);
  return [
    tensorType(input?.elementType ?? null, x ? [x.batch, x.channels, ...x.spatial.map(() => 1)] : null),
  ];
};

const inputType = (index: number) => (context: NodeContext) => context.input(index)?.elementType ?? null;

export const convPoolRules: Record<string, ShapeRule> = {
  Conv: conv(0, 1, inputType(0)),
  ConvInteger: conv(0, 1, () => DataType.INT32),
  // QLinearConv: x, x_scale, x_zero_point, w, w_scale, w_zero_point, y_scale, y_zero_point.
  QLinearConv: conv(0, 3, inputType(7)),
  ConvTranspose: convTranspose,
  MaxPool: pool,
  AveragePool: pool,
  LpPool: pool,
  GlobalAveragePool: globalPool,
  GlobalMaxPool: globalPool,
  GlobalLpPool: globalPool,
};
