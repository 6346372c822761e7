/**
 * Builds ONNX models and tensors for tests, encoded by protobufjs with the same vendored schema the
 * reader decodes with. Specs use ONNX's field names; only what the tests need is covered.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelProto, TensorProto } from './schema/onnxSchema.js';

export type DimSpec = number | string | null;

export interface TensorSpec {
  name?: string;
  dataType: number;
  dims: number[];
  float_data?: number[];
  int32_data?: number[];
  int64_data?: (number | string)[];
  double_data?: number[];
  uint64_data?: (number | string)[];
  string_data?: Uint8Array[];
  raw_data?: Uint8Array;
  external?: { location: string; offset?: number; length?: number };
}

/** An attribute: an integer is INT, { f } FLOAT, a string STRING, an array of integers INTS. */
export type AttributeSpec =
  | number
  | number[]
  | string
  | { f: number }
  | { floats: number[] }
  | { tensor: TensorSpec }
  | { graph: GraphSpec };

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  domain?: string;
  attributes?: Record<string, AttributeSpec>;
}

export interface ValueSpec {
  name: string;
  elemType?: number;
  shape?: DimSpec[];
}

export interface GraphSpec {
  name?: string;
  nodes: NodeSpec[];
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  initializers?: TensorSpec[];
  valueInfo?: ValueSpec[];
}

export interface ModelSpec {
  graph: GraphSpec;
  /** ai.onnx opset, or the full opset_import list. */
  opset?: number | { domain: string; version: number }[];
  /** null leaves ir_version out. */
  irVersion?: number | null;
  producer?: { name: string; version: string };
  docString?: string;
  metadata?: Record<string, string>;
  functions?: { domain: string; name: string }[];
}

export function tensorObject(spec: TensorSpec): Record<string, unknown> {
  const { external, dataType, ...fields } = spec;
  return {
    ...fields,
    data_type: dataType,
    ...(external
      ? {
          data_location: 1,
          external_data: Object.entries(external).map(([key, value]) => ({ key, value: String(value) })),
        }
      : {}),
  };
}

function valueInfo(spec: ValueSpec): Record<string, unknown> {
  if (spec.elemType === undefined) return { name: spec.name };
  const shape =
    spec.shape &&
    spec.shape.map((dim) =>
      typeof dim === 'number' ? { dim_value: dim } : typeof dim === 'string' ? { dim_param: dim } : {},
    );
  return {
    name: spec.name,
    type: { tensor_type: { elem_type: spec.elemType, ...(shape ? { shape: { dim: shape } } : {}) } },
  };
}

function attribute(name: string, spec: AttributeSpec): Record<string, unknown> {
  if (typeof spec === 'number')
    return Number.isInteger(spec) ? { name, type: 2, i: spec } : { name, type: 1, f: spec };
  if (typeof spec === 'string') return { name, type: 3, s: new TextEncoder().encode(spec) };
  if (Array.isArray(spec)) return { name, type: 7, ints: spec };
  if ('f' in spec) return { name, type: 1, f: spec.f };
  if ('floats' in spec) return { name, type: 6, floats: spec.floats };
  if ('tensor' in spec) return { name, type: 4, t: tensorObject(spec.tensor) };
  return { name, type: 5, g: graphObject(spec.graph) };
}

function graphObject(spec: GraphSpec): Record<string, unknown> {
  return {
    name: spec.name ?? 'graph',
    node: spec.nodes.map((node, i) => ({
      name: node.name ?? `${node.op.toLowerCase()}_${i}`,
      op_type: node.op,
      domain: node.domain ?? '',
      input: node.inputs,
      output: node.outputs,
      attribute: Object.entries(node.attributes ?? {}).map(([name, value]) => attribute(name, value)),
    })),
    input: spec.inputs.map(valueInfo),
    output: spec.outputs.map(valueInfo),
    initializer: (spec.initializers ?? []).map(tensorObject),
    value_info: (spec.valueInfo ?? []).map(valueInfo),
  };
}

export function encodeModel(spec: ModelSpec): Uint8Array {
  const opset = spec.opset ?? 17;
  const object = {
    ...(spec.irVersion === null ? {} : { ir_version: spec.irVersion ?? 8 }),
    opset_import: typeof opset === 'number' ? [{ domain: '', version: opset }] : opset,
    producer_name: spec.producer?.name ?? 'mlw-tests',
    producer_version: spec.producer?.version ?? '1',
    doc_string: spec.docString ?? '',
    metadata_props: Object.entries(spec.metadata ?? {}).map(([key, value]) => ({ key, value })),
    graph: graphObject(spec.graph),
    functions: (spec.functions ?? []).map((fn) => ({ ...fn, input: [], output: [], node: [] })),
  };
  return ModelProto.encode(ModelProto.fromObject(object)).finish();
}

export function encodeTensor(spec: TensorSpec): Uint8Array {
  return TensorProto.encode(TensorProto.fromObject(tensorObject(spec))).finish();
}

export async function writeModel(dir: string, name: string, spec: ModelSpec): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, encodeModel(spec));
  return path;
}
