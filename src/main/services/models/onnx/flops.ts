import { elementCount, isKnown } from './inference/dims.js';
import type { TensorType } from './inference/context.js';
import type { Dim, OnnxNode } from './model.js';

/**
 * Estimated floating-point operations of one node, from its input and output shapes. Conventions
 * (stated in the summary): a multiply-add counts 2; element-wise operators and activations 1 per output
 * element; Softmax 3 (exp, sum, divide); BatchNormalization 2 (folded scale and shift); pooling one per
 * window element; recurrent layers their gate products and biases, not the activations. Operators that
 * only move data count 0. Null: the shapes needed are not known, or the operator has no formula here.
 */
export function estimateFlops(
  node: OnnxNode,
  input: (index: number) => TensorType | null,
  output: (index: number) => TensorType | null,
): number | null {
  if (node.domain !== '' && node.domain !== 'ai.onnx') return null;
  const op = node.opType;
  const out = elementCount(output(0)?.shape ?? null);
  if (dataMovement.has(op)) return 0;
  if (perElement[op] !== undefined) return out === null ? null : out * perElement[op];
  if (variadic.has(op))
    return out === null ? null : out * Math.max(1, node.inputs.filter(Boolean).length - 1);
  switch (op) {
    case 'Conv':
    case 'ConvInteger':
      return conv(input(1)?.shape ?? null, out, Boolean(node.inputs[2]));
    case 'QLinearConv':
      return conv(input(3)?.shape ?? null, out, Boolean(node.inputs[8]));
    case 'ConvTranspose':
      return convTranspose(input(0)?.shape ?? null, input(1)?.shape ?? null, out, Boolean(node.inputs[2]));
    case 'Gemm':
      return gemm(node, input(0)?.shape ?? null, out);
    case 'MatMul':
    case 'MatMulInteger':
    case 'QLinearMatMul':
      return matmul(input(0)?.shape ?? null, out);
    case 'MaxPool':
    case 'AveragePool':
    case 'LpPool': {
      const kernel = node.attributes.find((a) => a.name === 'kernel_shape');
      return out === null || kernel?.type !== 'INTS' ? null : out * kernel.value.reduce((a, b) => a * b, 1);
    }
    case 'GlobalAveragePool':
    case 'GlobalMaxPool':
    case 'GlobalLpPool':
      return elementCount(input(0)?.shape ?? null);
    case 'RNN':
    case 'GRU':
    case 'LSTM':
      return recurrent(node, input(0)?.shape ?? null);
    default:
      return null;
  }
}

const dataMovement = new Set(
  (
    'Cast CastLike Concat Constant ConstantOfShape DepthToSpace Dropout Expand Flatten Gather GatherElements ' +
    'GatherND Identity Pad Reshape Shape Size Slice SpaceToDepth Split Squeeze Tile Transpose Unsqueeze'
  ).split(' '),
);

const perElement: Record<string, number> = {
  ...Object.fromEntries(
    (
      'Abs Add And BitShift Ceil Celu Clip Div Elu Equal Erf Exp Floor Gelu Greater GreaterOrEqual HardSigmoid ' +
      'HardSwish LeakyRelu Less LessOrEqual Log Mish Mod Mul Neg Not Or PRelu Pow Reciprocal Relu Round Selu ' +
      'Sigmoid Sign Sqrt Sub Softplus Softsign Swish Tanh ThresholdedRelu Where Xor'
    )
      .split(' ')
      .map((op) => [op, 1]),
  ),
  Softmax: 3,
  LogSoftmax: 3,
  BatchNormalization: 2,
};

/** Sum, Max, Min, Mean: one operation per output element for each input after the first. */
const variadic = new Set(['Sum', 'Max', 'Min', 'Mean']);

/** Each output element is a dot product over (input channels / group) × kernel, plus the bias. */
function conv(weights: Dim[] | null, outputs: number | null, bias: boolean): number | null {
  if (!weights || outputs === null || !weights.slice(1).every(isKnown)) return null;
  const perOutput = (weights.slice(1) as number[]).reduce((a, b) => a * b, 1);
  return 2 * outputs * perOutput + (bias ? outputs : 0);
}

/** Each input element is scattered over (output channels / group) × kernel positions. */
function convTranspose(
  x: Dim[] | null,
  weights: Dim[] | null,
  outputs: number | null,
  bias: boolean,
): number | null {
  const inputs = elementCount(x);
  if (inputs === null || outputs === null || !weights || !weights.slice(1).every(isKnown)) return null;
  const perInput = (weights.slice(1) as number[]).reduce((a, b) => a * b, 1);
  return 2 * inputs * perInput + (bias ? outputs : 0);
}

function gemm(node: OnnxNode, a: Dim[] | null, outputs: number | null): number | null {
  if (!a || a.length !== 2 || outputs === null) return null;
  const transA = node.attributes.find((attribute) => attribute.name === 'transA');
  const k = transA?.type === 'INT' && transA.value ? a[0] : a[1];
  if (!isKnown(k ?? null)) return null;
  return 2 * outputs * (k as number) + (node.inputs[2] ? outputs : 0);
}

/** Every output element of a matrix product is a dot product over A's last dim. */
function matmul(a: Dim[] | null, outputs: number | null): number | null {
  const k = a?.[a.length - 1] ?? null;
  return outputs === null || !isKnown(k) ? null : 2 * outputs * k;
}

/** Per step, batch item and direction: the gate products 2·G·H·(I + H) and both gate biases 2·G·H. */
function recurrent(node: OnnxNode, x: Dim[] | null): number | null {
  const attribute = (name: string) => node.attributes.find((a) => a.name === name);
  const hidden = attribute('hidden_size');
  const layout = attribute('layout');
  const direction = attribute('direction');
  if (!x || x.length !== 3 || hidden?.type !== 'INT' || !x.every(isKnown)) return null;
  const [seq, batch, size] =
    layout?.type === 'INT' && layout.value === 1 ? [x[1], x[0], x[2]] : [x[0], x[1], x[2]];
  const gates = node.opType === 'LSTM' ? 4 : node.opType === 'GRU' ? 3 : 1;
  const directions = direction?.type === 'STRING' && direction.value === 'bidirectional' ? 2 : 1;
  const h = hidden.value;
  return (
    (seq as number) *
    (batch as number) *
    directions *
    (2 * gates * h * ((size as number) + h) + 2 * gates * h)
  );
}
