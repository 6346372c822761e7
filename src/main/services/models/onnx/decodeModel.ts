import { DataType } from './dataTypes.js';
import type {
  Dim,
  OnnxAttribute,
  OnnxGraph,
  OnnxModel,
  OnnxNode,
  OnnxSparseTensor,
  OnnxTensor,
  OnnxType,
  OnnxValueInfo,
} from './model.js';
import { LazyModelProto, TensorHeaderProto } from './schema/onnxSchema.js';
import { typedValueCount } from './typedData.js';
import {
  has,
  toNumber,
  type WireAttribute,
  type WireGraph,
  type WireInt64,
  type WireModel,
  type WireNode,
  type WireSparseTensor,
  type WireTensorHeader,
  type WireTypeProto,
  type WireValueInfo,
} from './schema/wire.js';

/** Integer tensors up to this many elements keep their encoding so shape inference can read them. */
const KEEP_VALUES_MAX_ELEMENTS = 1024;

/**
 * Decodes a model's bytes through the lazy schema (schema/onnxSchema.ts). Throws protobufjs's errors
 * for bytes that are not protobuf and NotAModelError for protobuf that is not a model; readModel.ts
 * turns both into MODEL_INVALID naming the file. External data is resolved by the caller.
 */
export function decodeModel(bytes: Uint8Array, path: string): OnnxModel {
  const wire = LazyModelProto.decode(bytes) as unknown as WireModel;
  if (!wire.graph) throw new NotAModelError('it has no graph');
  return {
    path,
    fileBytes: bytes.length,
    irVersion: has(wire, 'ir_version') ? toNumber(wire.ir_version) : null,
    opsetImports: wire.opset_import.map((opset) => ({
      domain: opset.domain,
      version: toNumber(opset.version),
    })),
    producerName: wire.producer_name,
    producerVersion: wire.producer_version,
    domain: wire.domain,
    modelVersion: has(wire, 'model_version') ? toNumber(wire.model_version) : null,
    docString: wire.doc_string,
    metadataProps: wire.metadata_props.map(({ key, value }) => ({ key, value })),
    graph: graphOf(wire.graph),
    functions: wire.functions.map(({ domain, name, overload, node }) => ({
      domain,
      name,
      overload,
      nodes: node.map(nodeOf),
    })),
  };
}

export class NotAModelError extends Error {}

function graphOf(wire: WireGraph): OnnxGraph {
  return {
    name: wire.name,
    docString: wire.doc_string,
    inputs: wire.input.map(valueInfoOf),
    outputs: wire.output.map(valueInfoOf),
    valueInfo: wire.value_info.map(valueInfoOf),
    initializers: wire.initializer.map(tensorOf),
    sparseInitializers: wire.sparse_initializer.map(sparseOf),
    nodes: wire.node.map(nodeOf),
  };
}

function nodeOf(node: WireNode): OnnxNode {
  return {
    name: node.name,
    opType: node.op_type,
    domain: node.domain,
    inputs: [...node.input],
    outputs: [...node.output],
    attributes: node.attribute.map(attributeOf),
  };
}

function valueInfoOf(wire: WireValueInfo): OnnxValueInfo {
  return { name: wire.name, type: wire.type ? typeOf(wire.type) : null, docString: wire.doc_string };
}

function typeOf(wire: WireTypeProto): OnnxType | null {
  if (wire.tensor_type) {
    return {
      kind: 'tensor',
      elementType: wire.tensor_type.elem_type,
      shape: shapeOf(wire.tensor_type.shape),
    };
  }
  if (wire.sparse_tensor_type) {
    const { elem_type, shape } = wire.sparse_tensor_type;
    return { kind: 'sparse_tensor', elementType: elem_type, shape: shapeOf(shape) };
  }
  if (wire.sequence_type) {
    const element = wire.sequence_type.elem_type;
    return { kind: 'sequence', element: element ? typeOf(element) : null };
  }
  if (wire.optional_type) {
    const element = wire.optional_type.elem_type;
    return { kind: 'optional', element: element ? typeOf(element) : null };
  }
  if (wire.map_type) {
    const value = wire.map_type.value_type;
    return { kind: 'map', keyType: wire.map_type.key_type, value: value ? typeOf(value) : null };
  }
  return null;
}

/** An absent shape means unknown rank; a dimension with neither value nor name is unknown. */
function shapeOf(
  wire: { dim: { dim_value?: WireInt64; dim_param?: string }[] } | null | undefined,
): Dim[] | null {
  if (!wire) return null;
  return wire.dim.map((dim): Dim => {
    if (has(dim, 'dim_value') && dim.dim_value !== undefined) return sizeOf(dim.dim_value);
    if (has(dim, 'dim_param') && dim.dim_param) return dim.dim_param;
    return null;
  });
}

/** A declared size: a number when one holds it exactly, else its exact decimal text (see Dim). */
function sizeOf(value: WireInt64): Dim {
  const size = toNumber(value);
  return Number.isSafeInteger(size) ? size : String(value);
}

function tensorOf(encoded: Uint8Array): OnnxTensor {
  const wire = TensorHeaderProto.decode(encoded) as unknown as WireTensorHeader;
  const dims = wire.dims.map(toNumber);
  const external = wire.data_location === 1;
  const elements = dims.reduce((product, dim) => product * dim, 1);
  const smallInteger =
    (wire.data_type === DataType.INT64 || wire.data_type === DataType.INT32) &&
    !external &&
    elements <= KEEP_VALUES_MAX_ELEMENTS;
  return {
    name: wire.name,
    dataType: wire.data_type,
    dims,
    storage: external ? 'external' : has(wire, 'raw_data') ? 'raw' : 'typed',
    rawBytes: has(wire, 'raw_data') ? wire.raw_data.length : null,
    typedValues: external || has(wire, 'raw_data') ? null : typedValueCount(encoded),
    stringBytes:
      wire.data_type === DataType.STRING
        ? wire.string_data.reduce((sum, item) => sum + item.length, 0)
        : null,
    external: external ? externalOf(wire) : null,
    // A copy: a slice would keep the whole file's buffer alive as long as the model.
    encoded: smallInteger ? new Uint8Array(encoded) : null,
  };
}

function externalOf(wire: WireTensorHeader): OnnxTensor['external'] {
  const entries = new Map(wire.external_data.map(({ key, value }) => [key, value]));
  // A signed number is kept as written, so a negative offset is reported rather than read as 0.
  const integer = (key: string): number | null => {
    const text = entries.get(key)?.trim();
    if (text === undefined) return null;
    return /^-?\d+$/.test(text) ? Number(text) : NaN;
  };
  const location = entries.get('location') ?? '';
  const offset = integer('offset') ?? 0;
  const length = integer('length');
  const invalid = (value: number | null) => value !== null && !(value >= 0 && Number.isSafeInteger(value));
  return {
    location,
    offset,
    length,
    path: null,
    fileBytes: null,
    problem: !location
      ? 'no-location'
      : invalid(offset)
        ? 'invalid-offset'
        : invalid(length)
          ? 'invalid-length'
          : null,
  };
}

function sparseOf(wire: WireSparseTensor): OnnxSparseTensor {
  return {
    dims: wire.dims.map(toNumber),
    values: wire.values ? tensorOf(wire.values) : null,
    indices: wire.indices ? tensorOf(wire.indices) : null,
  };
}

const utf8 = new TextDecoder();

/** ONNX AttributeProto.AttributeType codes, in onnx.proto's order. */
const attributeTypes = [
  'UNDEFINED',
  'FLOAT',
  'INT',
  'STRING',
  'TENSOR',
  'GRAPH',
  'FLOATS',
  'INTS',
  'STRINGS',
  'TENSORS',
  'GRAPHS',
  'SPARSE_TENSOR',
  'SPARSE_TENSORS',
  'TYPE_PROTO',
  'TYPE_PROTOS',
] as const;

function attributeOf(wire: WireAttribute): OnnxAttribute {
  const name = wire.name;
  if (wire.ref_attr_name) return { name, type: 'REF', value: wire.ref_attr_name };
  const type = attributeTypes[wire.type] ?? 'UNDEFINED';
  switch (type === 'UNDEFINED' ? impliedType(wire) : type) {
    case 'FLOAT':
      return { name, type: 'FLOAT', value: wire.f };
    case 'INT':
      return { name, type: 'INT', value: toNumber(wire.i) };
    case 'STRING':
      return { name, type: 'STRING', value: utf8.decode(wire.s) };
    case 'TENSOR':
      return wire.t
        ? { name, type: 'TENSOR', value: tensorOf(wire.t) }
        : { name, type: 'UNDEFINED', value: null };
    case 'GRAPH':
      return wire.g
        ? { name, type: 'GRAPH', value: graphOf(wire.g) }
        : { name, type: 'UNDEFINED', value: null };
    case 'SPARSE_TENSOR':
      return wire.sparse_tensor
        ? { name, type: 'SPARSE_TENSOR', value: sparseOf(wire.sparse_tensor) }
        : { name, type: 'UNDEFINED', value: null };
    case 'TYPE_PROTO':
      return { name, type: 'TYPE_PROTO', value: wire.tp ? typeOf(wire.tp) : null };
    case 'FLOATS':
      return { name, type: 'FLOATS', value: [...wire.floats] };
    case 'INTS':
      return { name, type: 'INTS', value: wire.ints.map(toNumber) };
    case 'STRINGS':
      return { name, type: 'STRINGS', value: wire.strings.map((item) => utf8.decode(item)) };
    case 'TENSORS':
      return { name, type: 'TENSORS', value: wire.tensors.map(tensorOf) };
    case 'GRAPHS':
      return { name, type: 'GRAPHS', value: wire.graphs.map(graphOf) };
    case 'SPARSE_TENSORS':
      return { name, type: 'SPARSE_TENSORS', value: wire.sparse_tensors.map(sparseOf) };
    case 'TYPE_PROTOS':
      return { name, type: 'TYPE_PROTOS', value: wire.type_protos.map(typeOf) };
    case 'UNDEFINED':
      return { name, type: 'UNDEFINED', value: null };
  }
}

/** Models from before IR 0.0.2 carry no attribute type: the field that is set says it. */
function impliedType(wire: WireAttribute): (typeof attributeTypes)[number] {
  if (wire.floats.length) return 'FLOATS';
  if (wire.ints.length) return 'INTS';
  if (wire.strings.length) return 'STRINGS';
  if (wire.tensors.length) return 'TENSORS';
  if (wire.graphs.length) return 'GRAPHS';
  if (has(wire, 'f')) return 'FLOAT';
  if (has(wire, 'i')) return 'INT';
  if (has(wire, 's')) return 'STRING';
  if (wire.t) return 'TENSOR';
  if (wire.g) return 'GRAPH';
  return 'UNDEFINED';
}
