import { subgraphsOf } from '../graphWalk.js';
import type { Dim, OnnxGraph, OnnxModel, OnnxNode, OnnxType } from '../model.js';
import type { IntConstant, NodeContext, ShapeRule, TensorType } from './context.js';
import { elementCount } from './dims.js';
import { foldNode, integerValues } from './folding.js';
import { convPoolRules } from './rules/convPool.js';
import { elementwiseRules } from './rules/elementwise.js';
import { layoutRules } from './rules/layout.js';
import { matmulRules } from './rules/matmul.js';
import { otherRules } from './rules/other.js';
import { reduceRules } from './rules/reduce.js';

/** A value's type as inference ends up knowing it, and whether the model itself declared it. */
export interface ValueType extends TensorType {
  declared: boolean;
}

/** Per graph (the main graph and each subgraph), the type of every tensor value it defines. */
export type ShapeInference = Map<OnnxGraph, Map<string, ValueType>>;

const rules: Record<string, ShapeRule> = {
  ...elementwiseRules,
  ...convPoolRules,
  ...matmulRules,
  ...layoutRules,
  ...reduceRules,
  ...otherRules,
};

interface Scope {
  type(name: string): ValueType | undefined;
  constant(name: string): IntConstant | undefined;
}

const emptyScope: Scope = { type: () => undefined, constant: () => undefined };

/**
 * Static shape inference for the common ai.onnx operators. The model's own declarations (graph
 * inputs and outputs, value_info) come first; inference fills what they leave open. `dimensions`
 * binds symbolic sizes (dim_param), e.g. { batch: 1 }, before inferring. Nodes are visited in
 * dependency order, so an unsorted graph infers the same; what cannot be told stays null.
 */
export function inferShapes(model: OnnxModel, dimensions: Record<string, number> = {}): ShapeInference {
  const opset = model.opsetImports.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version ?? 1;
  const result: ShapeInference = new Map();
  inferGraph(model.graph, emptyScope, opset, dimensions, result);
  return result;
}

function inferGraph(
  graph: OnnxGraph,
  outer: Scope,
  opset: number,
  dimensions: Record<string, number>,
  result: ShapeInference,
): void {
  const types = new Map<string, ValueType>();
  const constants = new Map<string, IntConstant>();
  result.set(graph, types);
  const bind = (shape: Dim[] | null) =>
    shape?.map((dim) => (typeof dim === 'string' ? (dimensions[dim] ?? dim) : dim)) ?? null;
  const declared = new Map<string, TensorType>();
  for (const info of [...graph.valueInfo, ...graph.outputs, ...graph.inputs]) {
    const type = tensorOf(info.type);
    if (type) declared.set(info.name, { elementType: type.elementType, shape: bind(type.shape) });
  }
  for (const tensor of graph.initializers) {
    types.set(tensor.name, { elementType: tensor.dataType, shape: tensor.dims, declared: true });
    const values = integerValues(tensor);
    if (values) constants.set(tensor.name, { dims: tensor.dims, values });
  }
  for (const input of graph.inputs) {
    const type = declared.get(input.name);
    if (type && !types.has(input.name)) types.set(input.name, { ...type, declared: true });
  }
  const scope: Scope = {
    type: (name) => types.get(name) ?? outer.type(name),
    constant: (name) => constants.get(name) ?? outer.constant(name),
  };
  for (const node of dependencyOrder(graph)) {
    const context = contextOf(node, scope, opset);
    const isDefaultDomain = node.domain === '' || node.domain === 'ai.onnx';
    for (const { graph: subgraph } of subgraphsOf(node))
      inferGraph(subgraph, scope, opset, dimensions, result);
    const inferred = isDefaultDomain ? outputTypes(node, context, result) : [];
    const folded = isDefaultDomain ? safely(() => foldNode(context), []) : [];
    node.outputs.forEach((name, i) => {
      if (!name) return;
      const type = combine(declared.get(name), inferred[i] ?? null);
      types.set(name, type);
      const values = folded[i];
      const shape = type.shape;
      if (values && shape && elementCount(shape) === values.length) {
        constants.set(name, { dims: shape as number[], values });
      }
    });
  }
}

function outputTypes(node: OnnxNode, context: NodeContext, result: ShapeInference): (TensorType | null)[] {
  if (node.opType === 'If') return ifOutputs(node, result);
  const rule = rules[node.opType];
  return rule ? safely(() => rule(context).map(sanitize), []) : [];
}

/** If's outputs are its branches' outputs; their types are known where both branches agree. */
function ifOutputs(node: OnnxNode, result: ShapeInference): (TensorType | null)[] {
  const branches = subgraphsOf(node).map(({ graph }) =>
    graph.outputs.map((output) => result.get(graph)?.get(output.name) ?? null),
  );
  const [then, otherwise] = branches;
  if (!then || !otherwise) return [];
  return then.map((a, i) => {
    const b = otherwise[i];
    if (!a || !b || a.elementType !== b.elementType) return null;
    const [x, y] = [a.shape, b.shape];
    const shape = x && y && x.length === y.length ? x.map((dim, j) => (dim === y[j] ? dim : null)) : null;
    return { elementType: a.elementType, shape };
  });
}

/** The model's declaration wins; inference fills the dims it leaves unknown. */
function combine(declared: TensorType | undefined, inferred: TensorType | null): ValueType {
  if (!declared)
    return { elementType: inferred?.elementType ?? null, shape: inferred?.shape ?? null, declared: false };
  const [mine, theirs] = [declared.shape, inferred?.shape ?? null];
  const shape =
    mine && theirs && mine.length === theirs.length
      ? mine.map((dim, i) => dim ?? theirs[i] ?? null)
      : (mine ?? theirs);
  return { elementType: declared.elementType ?? inferred?.elementType ?? null, shape, declared: true };
}

/** A rule's arithmetic on a malformed model can yield nonsense sizes: those become unknown. */
function sanitize(type: TensorType | null): TensorType | null {
  if (!type?.shape) return type;
  return {
    elementType: type.elementType,
    shape: type.shape.map((dim) =>
      typeof dim === 'number' && !(Number.isSafeInteger(dim) && dim >= 0) ? null : dim,
    ),
  };
}

/** A rule that trips over a malformed node must not stop the summary: that node's outputs stay unknown. */
function safely<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}

function tensorOf(type: OnnxType | null): TensorType | null {
  return type?.kind === 'tensor' ? { elementType: type.elementType || null, shape: type.shape } : null;
}

/** The nodes with producers before consumers (Kahn's algorithm); nodes on a cycle come last, as listed. */
function dependencyOrder(graph: OnnxGraph): OnnxNode[] {
  const producer = new Map<string, number>();
  graph.nodes.forEach((node, i) => node.outputs.forEach((name) => name && producer.set(name, i)));
  const consumers = graph.nodes.map((): number[] => []);
  const waiting = graph.nodes.map((node, i) => {
    const from = new Set(
      node.inputs.map((name) => producer.get(name)).filter((index) => index !== undefined),
    );
    for (const index of from) consumers[index]?.push(i);
    return from.size;
  });
  const order = waiting.flatMap((count, i) => (count === 0 ? [i] : []));
  for (let next = 0; next < order.length; next++) {
    for (const consumer of consumers[order[next] ?? 0] ?? []) {
      waiting[consumer] = (waiting[consumer] ?? 0) - 1;
      if (waiting[consumer] === 0) order.push(consumer);
    }
  }
  const placed = new Set(order);
  const rest = graph.nodes.flatMap((_, i) => (placed.has(i) ? [] : [i]));
  return [...order, ...rest].map((i) => graph.nodes[i] as OnnxNode);
}

function contextOf(node: OnnxNode, scope: Scope, opset: number): NodeContext {
  const attribute = (name: string) => node.attributes.find((a) => a.name === name);
  return {
    node,
    opset,
    input: (index) => {
      const name = node.inputs[index];
      return name ? (scope.type(name) ?? null) : null;
    },
    constant: (index) => {
      const name = node.inputs[index];
      return name ? (scope.constant(name) ?? null) : null;
    },
    hasInput: (index) => Boolean(node.inputs[index]),
    int: (name) => {
      const a = attribute(name);
      return a?.type === 'INT' ? a.value : undefined;
    },
    ints: (name) => {
      const a = attribute(name);
      return a?.type === 'INTS' ? a.value : undefined;
    },
    float: (name) => {
      const a = attribute(name);
      return a?.type === 'FLOAT' ? a.value : undefined;
    },
    string: (name) => {
      const a = attribute(name);
      return a?.type === 'STRING' ? a.value : undefined;
    },
    tensor: (name) => {
      const a = attribute(name);
      return a?.type === 'TENSOR' ? a.value : undefined;
    },
  };
}
