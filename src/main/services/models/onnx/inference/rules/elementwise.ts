import { DataType } from '../../dataTypes.js';
import type { Dim } from '../../model.js';
import { type ShapeRule, tensorType } from '../context.js';
import { broadcast } from '../dims.js';

/** Element-wise operators: the output has the input's shape, or the inputs' broadcast shape. */

/** Output 0 is input 0's type and shape (activations, normalizations, Identity, Softmax...). */
const sameAsInput: ShapeRule = (context) => [context.input(0)];

/** Input 0's shape with another element type. */
const shapeWithType =
  (elementType: number): ShapeRule =>
  (context) => [tensorType(elementType, context.input(0)?.shape ?? null)];

/** The numpy broadcast of every non-empty input, with the element type of input `typeFrom`. */
const broadcasting =
  (typeFrom: number | 'bool'): ShapeRule =>
  (context) => {
    let shape: Dim[] | null = [];
    for (let i = 0; i < context.node.inputs.length; i++) {
      if (!context.hasInput(i)) continue;
      const inputShape = context.input(i)?.shape ?? null;
      shape = shape && inputShape ? broadcast(shape, inputShape) : null;
    }
    const elementType = typeFrom === 'bool' ? DataType.BOOL : (context.input(typeFrom)?.elementType ?? null);
    return [tensorType(elementType, shape)];
  };

const unary = (
  'Abs Acos Acosh Asin Asinh Atan Atanh BitwiseNot Ceil Celu Clip Cos Cosh CumProd CumSum Elu Erf ' +
  'Exp Floor Gelu GroupNormalization HardSigmoid HardSwish Hardmax Identity InstanceNormalization ' +
  'LRN LayerNormalization LeakyRelu Log LogSoftmax LpNormalization MeanVarianceNormalization Mish ' +
  'Neg Not RMSNormalization Reciprocal Relu Round Selu Shrink Sigmoid Sign Sin Sinh Softmax ' +
  'Softplus Softsign Sqrt Swish Tan Tanh ThresholdedRelu Trilu'
).split(' ');

const binary = (
  'Add And BitShift BitwiseAnd BitwiseOr BitwiseXor Div Max Mean Min ' + 'Mod Mul Or PRelu Pow Sub Sum Xor'
).split(' ');

const comparisons = 'Equal Greater GreaterOrEqual Less LessOrEqual'.split(' ');

export const elementwiseRules: Record<string, ShapeRule> = {
  ...Object.fromEntries(unary.map((op) => [op, sameAsInput])),
  ...Object.fromEntries(binary.map((op) => [op, broadcasting(0)])),
  ...Object.fromEntries(comparisons.map((op) => [op, broadcasting('bool')])),
  IsInf: shapeWithType(DataType.BOOL),
  IsNaN: shapeWithType(DataType.BOOL),
  Where: broadcasting(1),
  Cast: (context) => [tensorType(context.int('to') ?? null, context.input(0)?.shape ?? null)],
  CastLike: (context) => [tensorType(context.input(1)?.elementType ?? null, context.input(0)?.shape ?? null)],
  // Dropout's optional mask, BatchNormalization in inference mode: the first output is the input's.
  Dropout: (context) => [context.input(0), tensorType(DataType.BOOL, context.input(0)?.shape ?? null)],
  BatchNormalization: sameAsInput,
};
