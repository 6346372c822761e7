import { dataTypeName } from '../dataTypes.js';
import { estimateFlops } from '../flops.js';
import { subgraphsOf } from '../graphWalk.js';
import { inferShapes, type ShapeInference, type ValueType } from '../inference/index.js';
import type { OnnxGraph, OnnxModel, OnnxTensor } from '../model.js';
import { attributeSummary, tensorBytes, tensorElements, tensorShape, valueSummary } from './describe.js';
import type { GraphSummary, InitializerSummary, ModelSummary } from './summary.js';

const LARGEST_INITIALIZERS = 10;

const FLOPS_CONVENTION =
  'Estimates: a multiply-add counts 2 FLOPs; element-wise operators and activations 1 per output element; ' +
  'Softmax 3 and BatchNormalization 2 per element; pooling 1 per window element; RNN, GRU and LSTM their ' +
  'gate products and biases; operators that only move data 0.';

export interface InspectOptions {
  /** Sizes for symbolic dims (dim_param), e.g. { batch: 1 }, so shapes and FLOPs can be computed. */
  dimensions?: Record<string, number>;
}

/** What a model is, as Netron shows it, as JSON: metadata, inputs and outputs, operators, weights, graph, FLOPs. */
export function inspect(model: OnnxModel, options: InspectOptions = {}): ModelSummary {
  const inference = inferShapes(model, options.dimensions);
  const graph = graphSummary(model.graph, inference);
  const initializers = model.graph.initializers;
  const sparseParts = model.graph.sparseInitializers.flatMap((sparse) =>
    [sparse.values, sparse.indices].filter((part) => part !== null),
  );
  const stored = [...initializers, ...sparseParts];
  const external = stored.filter((tensor) => tensor.external);
  const operators = new Map<string, { opType: string; domain: string; count: number }>();
  let total = 0;
  let unestimatedNodes = 0;
  let subgraphCount = 0;
  walkSummaries(graph, (node) => {
    const key = `${node.domain}\0${node.opType}`;
    const entry = operators.get(key) ?? { opType: node.opType, domain: node.domain, count: 0 };
    entry.count++;
    operators.set(key, entry);
    if (node.flops === null) unestimatedNodes++;
    else total += node.flops;
    subgraphCount += node.subgraphs.length;
  });
  return {
    file: { path: model.path, bytes: model.fileBytes },
    producer: { name: model.producerName, version: model.producerVersion },
    irVersion: model.irVersion,
    domain: model.domain,
    modelVersion: model.modelVersion,
    docString: model.docString,
    metadata: model.metadataProps,
    opsets: model.opsetImports.map(({ domain, version }) => ({ domain: domain || 'ai.onnx', version })),
    inputs: graph.inputs,
    outputs: graph.outputs,
    operators: [...operators.values()].sort((a, b) => b.count - a.count || a.opType.localeCompare(b.opType)),
    initializers: {
      count: initializers.length + model.graph.sparseInitializers.length,
      bytes: sum(stored.map(tensorBytes)),
      parameters:
        sum(initializers.map(tensorElements)) + sum(model.graph.sparseInitializers.map(sparseElements)),
      external: { count: external.length, bytes: sum(external.map(tensorBytes)) },
      largest: largest(initializers),
    },
    flops: { total, unestimatedNodes, convention: FLOPS_CONVENTION },
    subgraphCount,
    graph,
  };
}

function graphSummary(graph: OnnxGraph, inference: ShapeInference): GraphSummary {
  const types = inference.get(graph) ?? new Map<string, ValueType>();
  const initializers = new Set(graph.initializers.map((tensor) => tensor.name));
  const lookup = (name: string | undefined) => (name ? (types.get(name) ?? null) : null);
  return {
    name: graph.name,
    inputs: graph.inputs.filter((input) => !initializers.has(input.name)).map(valueSummary),
    outputs: graph.outputs.map(valueSummary),
    nodes: graph.nodes.map((node) => ({
      name: node.name,
      opType: node.opType,
      domain: node.domain || 'ai.onnx',
      inputs: node.inputs,
      outputs: node.outputs,
      attributes: node.attributes.map(attributeSummary),
      flops: estimateFlops(
        node,
        (i) => lookup(node.inputs[i]),
        (i) => lookup(node.outputs[i]),
      ),
      subgraphs: subgraphsOf(node).map(({ attribute, graph: subgraph }) => ({
        attribute,
        graph: graphSummary(subgraph, inference),
      })),
    })),
    values: [...types.entries()].map(([name, type]) => ({
      name,
      elementType: type.elementType === null ? null : dataTypeName(type.elementType),
      shape: type.shape,
      declared: type.declared,
    })),
  };
}

function walkSummaries(graph: GraphSummary, visit: (node: GraphSummary['nodes'][number]) => void): void {
  for (const node of graph.nodes) {
    visit(node);
    for (const { graph: subgraph } of node.subgraphs) walkSummaries(subgraph, visit);
  }
}

function largest(initializers: OnnxTensor[]): InitializerSummary[] {
  return initializers
    .map((tensor) => ({
      name: tensor.name,
      ...tensorShape(tensor),
      bytes: tensorBytes(tensor),
      external: Boolean(tensor.external),
    }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, LARGEST_INITIALIZERS);
}

function sparseElements(sparse: { values: OnnxTensor | null }): number {
  return sparse.values ? tensorElements(sparse.values) : 0;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
