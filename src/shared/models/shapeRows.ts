import type { DimSummary, GraphSummary, ValueTypeSummary } from '../contract/modelSummary.js';
import type { ObservedShape, ObservedShapes } from '../contract/modelShapes.js';
import { ortElementName } from '../tensors/onnxElementTypes.js';

/**
 * How a run's shape compares with the one shape inference gave: `same`; `refined` when inference
 * left a size (or the rank, or the type) open and the run filled it in; `mismatch` when they
 * disagree, which means inference (or the model's declared shapes) is wrong for this input.
 */
export type ShapeVerdict = 'same' | 'refined' | 'mismatch';

export function compareShape(
  inferred: Pick<ValueTypeSummary, 'elementType' | 'shape'> | undefined,
  observed: ObservedShape,
  dims: Record<string, number>,
): ShapeVerdict {
  if (!inferred) return 'refined';
  let verdict: ShapeVerdict = 'same';
  if (inferred.elementType === null) verdict = 'refined';
  else if (ortElementName(inferred.elementType) !== observed.type) return 'mismatch';
  if (inferred.shape === null) return 'refined';
  if (inferred.shape.length !== observed.dims.length) return 'mismatch';
  for (const [index, dim] of inferred.shape.entries()) {
    const size = observed.dims[index];
    const expected = typeof dim === 'string' ? dims[dim] : dim;
    if (expected === undefined || expected === null) verdict = 'refined';
    else if (expected !== size) return 'mismatch';
  }
  return verdict;
}

/** Every value's inferred type, those inside If/Loop/Scan bodies included (they are not observed). */
function valuesOf(graph: GraphSummary): ValueTypeSummary[] {
  return [
    ...graph.values,
    ...graph.nodes.flatMap((node) => node.subgraphs.flatMap((sub) => valuesOf(sub.graph))),
  ];
}

/** One value of the graph with both shapes side by side. */
export interface ShapeRow {
  name: string;
  inferred: { elementType: string | null; shape: DimSummary[] | null } | null;
  observed: ObservedShape | null;
  verdict: ShapeVerdict | null;
  /** Why there is no observed shape. */
  reason: string | null;
}

/** Every value of the main graph in graph order (inputs, then each node's outputs), compared. */
export function shapeRows(graph: GraphSummary, observed: ObservedShapes): ShapeRow[] {
  const inferred = new Map(valuesOf(graph).map((value) => [value.name, value]));
  const reasons = new Map(observed.unobserved.map((u) => [u.name, u.reason]));
  const names = [
    ...graph.inputs.map((input) => input.name),
    ...graph.nodes.flatMap((node) => node.outputs.filter(Boolean)),
    ...observed.unobserved.map((u) => u.name),
  ];
  return [...new Set(names)].map((name) => {
    const type = inferred.get(name);
    const seen = observed.values[name] ?? null;
    return {
      name,
      inferred: type ? { elementType: type.elementType, shape: type.shape } : null,
      observed: seen,
      verdict: seen ? compareShape(type, seen, observed.dims) : null,
      reason: seen ? null : (reasons.get(name) ?? 'not returned by the run'),
    };
  });
}
