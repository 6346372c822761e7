import type { Dim, OnnxNode, OnnxTensor } from '../model.js';

/** What inference knows of a tensor value; either part may be unknown. */
export interface TensorType {
  elementType: number | null;
  shape: Dim[] | null;
}

/** A small integer tensor whose values are known before running the model (a shape, axes, pads). */
export interface IntConstant {
  dims: number[];
  values: number[];
}

/** What a shape rule sees of one node: its attributes and what is known of its inputs. */
export interface NodeContext {
  node: OnnxNode;
  /** The ai.onnx opset the model imports; attributes moved to inputs across versions. */
  opset: number;
  input(index: number): TensorType | null;
  /** The input's values, when it is a known integer constant. */
  constant(index: number): IntConstant | null;
  /** Whether the node has a non-empty input at this position. */
  hasInput(index: number): boolean;
  int(name: string): number | undefined;
  ints(name: string): number[] | undefined;
  float(name: string): number | undefined;
  string(name: string): string | undefined;
  tensor(name: string): OnnxTensor | undefined;
}

/** A shape rule: the output types, by output position; null where unknown. */
export type ShapeRule = (context: NodeContext) => (TensorType | null)[];

export function tensorType(elementType: number | null, shape: Dim[] | null): TensorType {
  return { elementType, shape };
}
