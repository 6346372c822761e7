import { DataType } from '../../dataTypes.js';
import type { Dim } from '../../model.js';
import { type NodeContext, type ShapeRule, tensorType } from '../context.js';
import { broadcast } from '../dims.js';

/** Matrix products: MatMul follows numpy.matmul, Gemm is a plain 2-D product. */

/** numpy.matmul's output shape: a 1-D operand gains and then loses a unit dim; batch dims broadcast. */
export function matmulShape(a: Dim[] | null, b: Dim[] | null): Dim[] | null {
  if (!a || !b || a.length === 0 || b.length === 0) return null;
  const left = a.length === 1 ? [1, ...a] : a;
  const right = b.length === 1 ? [...b, 1] : b;
  const batch = broadcast(left.slice(0, -2), right.slice(0, -2));
  if (!batch) return null;
  const rows = a.length === 1 ? [] : [left[left.length - 2] ?? null];
  const columns = b.length === 1 ? [] : [right[right.length - 1] ?? null];
  return [...batch, ...rows, ...columns];
}

const matmul =
  (a: number, b: number, elementType: (context: NodeContext) => number | null): ShapeRule =>
  (context) => [
    tensorType(
      elementType(context),
      matmulShape(context.input(a)?.shape ?? null, context.input(b)?.shape ?? null),
    ),
  ];

/** Gemm's [M, N], with M and N read from the (possibly transposed) operands. */
const gemm: ShapeRule = (context) => {
  const a = context.input(0)?.shape ?? null;
  const b = context.input(1)?.shape ?? null;
  const elementType = context.input(0)?.elementType ?? null;
  if (!a || !b || a.length !== 2 || b.length !== 2) return [tensorType(elementType, null)];
  const m = (context.int('transA') ?? 0) ? a[1] : a[0];
  const n = (context.int('transB') ?? 0) ? b[0] : b[1];
  return [tensorType(elementType, [m ?? null, n ?? null])];
};

export const matmulRules: Record<string, ShapeRule> = {
  MatMul: matmul(0, 1, (context) => context.input(0)?.elementType ?? null),
  MatMulInteger: matmul(0, 1, () => DataType.INT32),
  // QLinearMatMul: a, a_scale, a_zero_point, b, b_scale, b_zero_point, y_scale, y_zero_point.
  QLinearMatMul: matmul(0, 3, (context) => context.input(7)?.elementType ?? null),
  Gemm: gemm,
};
