import type { DimSummary, GraphSummary } from '../../../../shared/contract/modelSummary.js';
import type { ShapeRow, ShapeVerdict } from '../../../../shared/models/shapeRows.js';
import { formatElementType, formatShape } from '../format.js';

/** A box to draw: an operator node, or a graph input or output. */
export interface GraphNode {
  id: string;
  kind: 'op' | 'input' | 'output';
  /** What the box says: the operator type, or the input's or output's name. */
  label: string;
  /** The ONNX node name (may be empty), or the value name for inputs and outputs. */
  name: string;
  opType: string;
  /** Index into `graph.nodes` for an operator node; -1 otherwise. */
  index: number;
  width: number;
  height: number;
}

/** A tensor flowing from one box to another. */
export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  value: string;
  /** `float32 [N, 64, 56, 56]`, or '' when nothing is known about the value; observed when it was. */
  label: string;
  /** The inferred shape's label, whether or not a run observed the value. */
  inferred: string;
  /** How the observed shape compares with the inferred one; null when the value was not observed. */
  observed: ShapeVerdict | null;
}

export interface GraphModel {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export const NODE_HEIGHT = 26;
const CHAR_WIDTH = 7;
const MAX_LABEL_CHARS = 40;

function boxWidth(label: string, min: number): number {
  return Math.max(min, Math.min(label.length, MAX_LABEL_CHARS) * CHAR_WIDTH + 20);
}

export function valueLabel(type: { elementType: string | null; shape: DimSummary[] | null } | undefined) {
  if (!type || (type.elementType === null && type.shape === null)) return '';
  return `${formatElementType(type.elementType)} ${formatShape(type.shape)}`;
}

/**
 * Turns a graph summary into boxes and edges: one box per operator node, per graph input that is
 * fed (initializers are weights and are shown in the node's details, as Netron does) and per graph
 * output; an edge per consumed value whose producer is on the graph.
 */
export function buildGraphModel(graph: GraphSummary): GraphModel {
  const types = new Map(graph.values.map((value) => [value.name, value]));
  const nodes: GraphNode[] = [];
  const producer = new Map<string, string>();

  for (const input of graph.inputs) {
    const id = `in:${input.name}`;
    producer.set(input.name, id);
    nodes.push({
      id,
      kind: 'input',
      label: input.name,
      name: input.name,
      opType: 'Input',
      index: -1,
      width: boxWidth(input.name, 60),
      height: NODE_HEIGHT,
    });
  }
  graph.nodes.forEach((node, index) => {
    const id = `n${index}`;
    for (const output of node.outputs) if (output) producer.set(output, id);
    nodes.push({
      id,
      kind: 'op',
      label: node.opType,
      name: node.name,
      opType: node.opType,
      index,
      width: boxWidth(node.opType, 56),
      height: NODE_HEIGHT,
    });
  });

  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const connect = (value: string, to: string): void => {
    const from = producer.get(value);
    if (from === undefined || from === to) return;
    const id = `${from}>${to}:${value}`;
    if (seen.has(id)) return;
    seen.add(id);
    const label = valueLabel(types.get(value));
    edges.push({ id, from, to, value, label, inferred: label, observed: null });
  };
  graph.nodes.forEach((node, index) => {
    for (const input of node.inputs) if (input) connect(input, `n${index}`);
  });
  for (const output of graph.outputs) {
    const id = `out:${output.name}`;
    nodes.push({
      id,
      kind: 'output',
      label: output.name,
      name: output.name,
      opType: 'Output',
      index: -1,
      width: boxWidth(output.name, 60),
      height: NODE_HEIGHT,
    });
    connect(output.name, id);
  }
  return { nodes, edges };
}

/** The observed shape of a value as a label: `float32 [3, 8]`. */
export function observedLabel(row: ShapeRow): string {
  return row.observed ? `${row.observed.type} [${row.observed.dims.join(', ')}]` : '';
}

/**
 * The same boxes and edges with the shapes a run observed on the edges. The layout does not depend
 * on labels, so a graph keeps its layout (and the user's view) when shapes are observed.
 */
export function withObservedShapes(
  model: GraphModel,
  rows: ReadonlyMap<string, ShapeRow> | null,
): GraphModel {
  if (!rows) return model;
  return {
    nodes: model.nodes,
    edges: model.edges.map((edge) => {
      const row = rows.get(edge.value);
      if (!row?.observed) return edge;
      return { ...edge, label: observedLabel(row), observed: row.verdict };
    }),
  };
}
