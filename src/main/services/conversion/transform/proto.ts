import type { ProtoMessage } from '../../models/index.js';

/**
 * The parts of a decoded ModelProto (decodeModelProto) that the transforms read and write. Every other
 * field, known or not, rides along on the same objects untouched. int64 fields hold a Long or a number.
 */
export type Int64 = number | { toNumber(): number };

export interface ProtoTensor extends ProtoMessage {
  name?: string;
  data_type?: number;
  dims: Int64[];
  raw_data?: Uint8Array;
  float_data: number[];
  data_location?: number;
}

export interface ProtoAttribute extends ProtoMessage {
  name?: string;
  type?: number;
  f?: number;
  i?: Int64;
  t?: ProtoTensor;
  g?: ProtoGraph;
  ints: Int64[];
  graphs: ProtoGraph[];
}

export interface ProtoNode extends ProtoMessage {
  name?: string;
  op_type?: string;
  domain?: string;
  input: string[];
  output: string[];
  attribute: ProtoAttribute[];
}

export interface ProtoTensorType extends ProtoMessage {
  elem_type?: number;
}

export interface ProtoValueInfo extends ProtoMessage {
  name?: string;
  type?: ProtoMessage & { tensor_type?: ProtoTensorType };
}

export interface ProtoGraph extends ProtoMessage {
  name?: string;
  node: ProtoNode[];
  initializer: ProtoTensor[];
  input: ProtoValueInfo[];
  output: ProtoValueInfo[];
  value_info: ProtoValueInfo[];
}

export interface ProtoOpset extends ProtoMessage {
  domain?: string;
  version?: Int64;
}

export interface ProtoModel extends ProtoMessage {
  producer_name?: string;
  producer_version?: string;
  doc_string?: string;
  model_version?: Int64;
  opset_import: ProtoOpset[];
  metadata_props: { key?: string; value?: string }[];
  graph?: ProtoGraph;
  functions: ProtoMessage[];
}

export const FLOAT = 1;
export const UINT8 = 2;
export const INT8 = 3;
export const FLOAT16 = 10;

/** AttributeProto.AttributeType codes used here. */
export const ATTRIBUTE = { FLOAT: 1, INT: 2, TENSOR: 4, GRAPH: 5, GRAPHS: 10 } as const;

export function int64(value: Int64 | undefined): number {
  if (value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

/** The default-domain opset the model imports; ONNX treats "ai.onnx" as the same domain. */
export function defaultOpset(model: ProtoModel): number | null {
  const entry = model.opset_import.find((opset) => !opset.domain || opset.domain === 'ai.onnx');
  return entry ? int64(entry.version) : null;
}

export function attributeOf(node: ProtoNode, name: string): ProtoAttribute | undefined {
  return node.attribute.find((attribute) => attribute.name === name);
}

export function intAttribute(name: string, value: number): ProtoAttribute {
  return { name, type: ATTRIBUTE.INT, i: value, ints: [], graphs: [] };
}

export function makeNode(
  opType: string,
  inputs: string[],
  outputs: string[],
  name: string,
  attributes: ProtoAttribute[] = [],
): ProtoNode {
  return { op_type: opType, name, input: inputs, output: outputs, attribute: attributes };
}

/** An initializer with its values as little-endian raw_data. */
export function makeTensor(name: string, dataType: number, dims: number[], bytes: Uint8Array): ProtoTensor {
  return { name, data_type: dataType, dims, raw_data: bytes, float_data: [] };
}

export function float32Bytes(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** A FLOAT tensor's values, from raw_data (copied, so aligned) or float_data. */
export function floatValues(tensor: ProtoTensor): Float32Array {
  if (tensor.raw_data && tensor.raw_data.length > 0) {
    const copy = new Uint8Array(tensor.raw_data);
    return new Float32Array(copy.buffer, 0, copy.length / 4);
  }
  return Float32Array.from(tensor.float_data);
}

export function elementCount(tensor: ProtoTensor): number {
  return tensor.dims.reduce<number>((product, dim) => product * int64(dim), 1);
}

/** Every attribute graph of a graph's nodes (If/Loop/Scan bodies), not recursing further. */
export function subgraphsOf(graph: ProtoGraph): { node: ProtoNode; graph: ProtoGraph }[] {
  return graph.node.flatMap((node) =>
    node.attribute.flatMap((attribute) =>
      [...(attribute.g ? [attribute.g] : []), ...attribute.graphs].map((sub) => ({ node, graph: sub })),
    ),
  );
}

/** A name not yet used by any value, initializer or node of the graph. */
export function uniqueNames(graph: ProtoGraph): (base: string) => string {
  const taken = new Set<string>();
  for (const node of graph.node) {
    for (const name of [...node.input, ...node.output]) taken.add(name);
    if (node.name) taken.add(node.name);
  }
  for (const item of [...graph.initializer, ...graph.input, ...graph.output, ...graph.value_info]) {
    if (item.name) taken.add(item.name);
  }
  return (base) => {
    let name = base;
    for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    return name;
  };
}
