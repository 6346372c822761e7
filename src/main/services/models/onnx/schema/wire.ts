/**
 * The shapes protobufjs decodes the ONNX messages into, limited to the fields this module reads.
 * protobufjs builds its decoders at run time, so these are declared by hand from onnx.proto; field
 * names keep ONNX's spelling (the descriptor is generated with keepCase). Absent scalars read as their
 * default from the prototype; `has` tells presence apart where ONNX gives absence a meaning.
 */

/** An int64 as protobufjs returns it: a `Long` (the long package is installed), or a number. */
export type WireInt64 = number | { toNumber(): number; toString(): string };

export interface WireEntry {
  key: string;
  value: string;
}

export interface WireOpset {
  domain: string;
  version: WireInt64;
}

export interface WireDimension {
  dim_value?: WireInt64;
  dim_param?: string;
}

export interface WireTypeProto {
  tensor_type?: { elem_type: number; shape?: { dim: WireDimension[] } | null } | null;
  sparse_tensor_type?: { elem_type: number; shape?: { dim: WireDimension[] } | null } | null;
  sequence_type?: { elem_type?: WireTypeProto | null } | null;
  optional_type?: { elem_type?: WireTypeProto | null } | null;
  map_type?: { key_type: number; value_type?: WireTypeProto | null } | null;
}

export interface WireValueInfo {
  name: string;
  type?: WireTypeProto | null;
  doc_string: string;
}

/** A TensorProto read through the lazy schema: no typed data fields. */
export interface WireTensorHeader {
  dims: WireInt64[];
  data_type: number;
  name: string;
  raw_data: Uint8Array;
  string_data: Uint8Array[];
  external_data: WireEntry[];
  data_location: number;
}

/** A TensorProto read through the exact schema. */
export interface WireTensor extends WireTensorHeader {
  float_data: number[];
  int32_data: number[];
  int64_data: WireInt64[];
  double_data: number[];
  uint64_data: WireInt64[];
}

export interface WireSparseTensor {
  values?: Uint8Array | null;
  indices?: Uint8Array | null;
  dims: WireInt64[];
}

export interface WireAttribute {
  name: string;
  ref_attr_name: string;
  type: number;
  f: number;
  i: WireInt64;
  s: Uint8Array;
  t?: Uint8Array | null;
  g?: WireGraph | null;
  sparse_tensor?: WireSparseTensor | null;
  tp?: WireTypeProto | null;
  floats: number[];
  ints: WireInt64[];
  strings: Uint8Array[];
  tensors: Uint8Array[];
  graphs: WireGraph[];
  sparse_tensors: WireSparseTensor[];
  type_protos: WireTypeProto[];
}

export interface WireNode {
  input: string[];
  output: string[];
  name: string;
  op_type: string;
  domain: string;
  attribute: WireAttribute[];
}

export interface WireGraph {
  node: WireNode[];
  name: string;
  initializer: Uint8Array[];
  sparse_initializer: WireSparseTensor[];
  doc_string: string;
  input: WireValueInfo[];
  output: WireValueInfo[];
  value_info: WireValueInfo[];
}

export interface WireFunction {
  name: string;
  domain: string;
  overload: string;
  node: WireNode[];
}

export interface WireModel {
  ir_version: WireInt64;
  opset_import: WireOpset[];
  producer_name: string;
  producer_version: string;
  domain: string;
  model_version: WireInt64;
  doc_string: string;
  graph?: WireGraph | null;
  metadata_props: WireEntry[];
  functions: WireFunction[];
}

/** Whether a field was on the wire (protobufjs sets only present fields on the message itself). */
export function has(message: object, field: string): boolean {
  return Object.prototype.hasOwnProperty.call(message, field);
}

export function toNumber(value: WireInt64): number {
  return typeof value === 'number' ? value : value.toNumber();
}

/** Exact for every int64 and uint64: a Long prints itself with its own signedness. */
export function toBigInt(value: WireInt64): bigint {
  return typeof value === 'number' ? BigInt(value) : BigInt(value.toString());
}
