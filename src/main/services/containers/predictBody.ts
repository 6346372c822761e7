import { oipDatatype } from '../../../shared/tensors/elementTypes.js';
import { tensorLeaves } from '../../../shared/tensors/tensorJson.js';
import type { TensorValue } from '../../../shared/tensors/tensors.js';

/** The model server's /predict body: named tensors, each with its type, shape and flat data. */
export function predictBody(feeds: Record<string, TensorValue>): {
  inputs: Record<string, { type: string; shape: number[]; data: unknown[] }>;
} {
  return {
    inputs: Object.fromEntries(
      Object.entries(feeds).map(([name, t]) => [
        name,
        { type: t.type, shape: t.dims, data: tensorLeaves(t) },
      ]),
    ),
  };
}

/** An Open Inference Protocol (KServe v2) infer body for the same tensors. */
export function v2InferBody(feeds: Record<string, TensorValue>): {
  inputs: { name: string; shape: number[]; datatype: string | undefined; data: unknown[] }[];
} {
  return {
    inputs: Object.entries(feeds).map(([name, t]) => ({
      name,
      shape: t.dims,
      datatype: oipDatatype(t.type),
      data: tensorLeaves(t),
    })),
  };
}
