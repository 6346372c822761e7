/**
 * Builds ONNX models and tensors for tests, encoded by protobufjs with the same vendored schema the
 * reader decodes with. Specs use ONNX's field names; only what the tests need is covered.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelProto, TensorProto } from './schema/onnxSchema.js';
import { DataType } from './dataTypes.js';

/** A size (a bigint for sizes past 2^53), a named symbolic size, or unknown. */
export type DimSpec = number | bigint | string | null;

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
  /** Model-local functions, importing the model's opsets; without nodes, an empty body. */
  functions?: { domain: string; name: string; inputs?: string[]; outputs?: string[]; nodes?: NodeSpec[] }[];
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
      typeof dim === 'number'
        ? { dim_value: dim }
        : typeof dim === 'bigint'
          ? { dim_value: dim.toString() }
          : typeof dim === 'string'
            ? { dim_param: dim }
            : {},
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

function nodeObject(node: NodeSpec, index: number): Record<string, unknown> {
  return {
    name: node.name ?? `${node.op.toLowerCase()}_${index}`,
    op_type: node.op,
    domain: node.domain ?? '',
    input: node.inputs,
    output: node.outputs,
    attribute: Object.entries(node.attributes ?? {}).map(([name, value]) => attribute(name, value)),
  };
}

function graphObject(spec: GraphSpec): Record<string, unknown> {
  return {
    name: spec.name ?? 'graph',
    node: spec.nodes.map(nodeObject),
    input: spec.inputs.map(valueInfo),
    output: spec.outputs.map(valueInfo),
    initializer: (spec.initializers ?? []).map(tensorObject),
    value_info: (spec.valueInfo ?? []).map(valueInfo),
  };
}

export function encodeModel(spec: ModelSpec): Uint8Array {
  const opset = spec.opset ?? 17;
  const opsetImport = typeof opset === 'number' ? [{ domain: '', version: opset }] : opset;
  const object = {
    ...(spec.irVersion === null ? {} : { ir_version: spec.irVersion ?? 8 }),
    opset_import: opsetImport,
    producer_name: spec.producer?.name ?? 'mlw-tests',
    producer_version: spec.producer?.version ?? '1',
    doc_string: spec.docString ?? '',
    metadata_props: Object.entries(spec.metadata ?? {}).map(([key, value]) => ({ key, value })),
    graph: graphObject(spec.graph),
    functions: (spec.functions ?? []).map(({ domain, name, inputs, outputs, nodes }) => ({
      domain,
      name,
      input: inputs ?? [],
      output: outputs ?? [],
      node: (nodes ?? []).map(nodeObject),
      opset_import: opsetImport,
    })),
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

/**
 * A model of about `megabytes` MiB for timing the reader: one big weight, and 500 small ones
 * (32 KiB each) feeding a chain of 500 Add nodes, then ReduceSum; `big` is passed through.
 */
export function largeModelSpec(megabytes: number): ModelSpec {
  const small = 500;
  const smallFloats = 8 * 1024;
  const bigFloats = Math.floor((megabytes * 1024 * 1024 - small * smallFloats * 4) / 4);
  const initializers: TensorSpec[] = [
    { name: 'big', dataType: DataType.FLOAT, dims: [bigFloats], raw_data: new Uint8Array(bigFloats * 4) },
    ...Array.from({ length: small }, (_, i) => ({
      name: `w${i}`,
      dataType: DataType.FLOAT,
      dims: [smallFloats],
      raw_data: new Uint8Array(smallFloats * 4),
    })),
  ];
  const nodes: NodeSpec[] = Array.from({ length: small }, (_, i) => ({
    op: 'Add',
    inputs: [i === 0 ? 'x' : `h${i - 1}`, `w${i}`],
    outputs: [`h${i}`],
  }));
  nodes.push({ op: 'ReduceSum', inputs: [`h${small - 1}`], outputs: ['y'], attributes: { keepdims: 0 } });
  nodes.push({ op: 'Identity', inputs: ['big'], outputs: ['big_out'] });
  return {
    graph: {
      nodes,
      inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: ['batch', smallFloats] }],
      outputs: [
        { name: 'y', elemType: DataType.FLOAT, shape: [] },
        { name: 'big_out', elemType: DataType.FLOAT, shape: [bigFloats] },
      ],
      initializers,
    },
  };
}
