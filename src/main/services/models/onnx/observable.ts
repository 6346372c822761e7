import { subgraphsOf } from './graphWalk.js';
import type { OnnxGraph, OnnxModel } from './model.js';
import { ModelProto } from './schema/onnxSchema.js';

export interface ObservationPlan {
  /** Main-graph values a node computes that are not graph outputs yet: the ones to add as outputs. */
  added: string[];
  /** Values that a run cannot show, and why. */
  unobservable: { name: string; reason: string }[];
}

/**
 * Which intermediate values of a model a run can show. ONNX Runtime returns graph outputs only, so
 * every value a main-graph node computes becomes one. Values computed inside an If, Loop or Scan
 * body live only while that node runs and cannot be graph outputs.
 */
export function observationPlan(model: OnnxModel): ObservationPlan {
  const { graph } = model;
  const outputs = new Set(graph.outputs.map((output) => output.name));
  const added: string[] = [];
  const seen = new Set<string>();
  // Sibling bodies (an If's two branches) may use the same names: one entry names every place.
  const inside = new Map<string, string[]>();
  for (const node of graph.nodes) {
    for (const name of node.outputs) {
      if (!name || outputs.has(name) || seen.has(name)) continue;
      seen.add(name);
      added.push(name);
    }
    for (const { attribute, graph: body } of subgraphsOf(node)) {
      const place = node.name
        ? `${node.name}'s ${attribute} (${node.opType})`
        : `the ${node.opType} node's ${attribute}`;
      for (const name of valuesInside(body)) inside.set(name, [...(inside.get(name) ?? []), place]);
    }
  }
  const unobservable = [...inside].map(([name, places]) => ({
    name,
    reason: `computed inside ${[...new Set(places)].join(' and ')}; ONNX Runtime returns only main-graph values`,
  }));
  return { added, unobservable };
}

function valuesInside(graph: OnnxGraph): string[] {
  return graph.nodes.flatMap((node) => [
    ...node.outputs.filter(Boolean),
    ...subgraphsOf(node).flatMap(({ graph: body }) => valuesInside(body)),
  ]);
}

/**
 * Bytes that, appended to an encoded model, add `names` to its graph's outputs. Protobuf merges a
 * message field that occurs twice and concatenates repeated fields, so the model's own bytes (and
 * weights) are never decoded or re-encoded. The outputs carry no type: ONNX Runtime infers it.
 */
export function outputsSuffix(names: readonly string[]): Uint8Array {
  const graph = { output: names.map((name) => ({ name })) };
  return ModelProto.encode(ModelProto.fromObject({ graph })).finish();
}
