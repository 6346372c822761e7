import { dataTypeName, fixedByteLength } from '../dataTypes.js';
import type { OnnxAttribute, OnnxGraph, OnnxTensor, OnnxType, OnnxValueInfo } from '../model.js';
import type { AttributeSummary, TensorShapeSummary, TypeSummary, ValueSummary } from './summary.js';

/** Converters from the decoded model to the JSON summary's pieces. */

/** Longer attribute lists are cut: a node's summary is for reading, not for re-running the node. */
const LIST_LIMIT = 64;

export function typeSummary(type: OnnxType | null): TypeSummary | null {
  if (!type) return null;
  switch (type.kind) {
    case 'tensor':
    case 'sparse_tensor':
      return { kind: type.kind, elementType: dataTypeName(type.elementType), shape: type.shape };
    case 'sequence':
    case 'optional':
      return { kind: type.kind, element: typeSummary(type.element) };
    case 'map':
      return { kind: 'map', keyType: dataTypeName(type.keyType), value: typeSummary(type.value) };
  }
}

export function valueSummary(info: OnnxValueInfo): ValueSummary {
  return { name: info.name, type: typeSummary(info.type), docString: info.docString };
}

export function tensorShape(tensor: OnnxTensor): TensorShapeSummary {
  return { elementType: dataTypeName(tensor.dataType), shape: tensor.dims };
}

/** 0 for impossible (negative) dims, which the check reports: a count is never negative. */
export function tensorElements(tensor: OnnxTensor): number {
  if (tensor.dims.some((dim) => dim < 0)) return 0;
  return tensor.dims.reduce((product, dim) => product * dim, 1);
}

/** The bytes a tensor's values need; a string tensor's are its strings' lengths. */
export function tensorBytes(tensor: OnnxTensor): number {
  return fixedByteLength(tensor.dataType, tensorElements(tensor)) ?? tensor.stringBytes ?? 0;
}

const graphRef = (graph: OnnxGraph) => ({ graph: graph.name, nodes: graph.nodes.length });

export function attributeSummary(attribute: OnnxAttribute): AttributeSummary {
  const { name, type } = attribute;
  const list = <T>(values: T[]) =>
    values.length > LIST_LIMIT
      ? { value: values.slice(0, LIST_LIMIT), length: values.length }
      : { value: values };
  switch (attribute.type) {
    case 'FLOAT':
    case 'INT':
    case 'STRING':
    case 'REF':
    case 'UNDEFINED':
      return { name, type, value: attribute.value };
    case 'FLOATS':
    case 'INTS':
      return { name, type, ...list(attribute.value) };
    case 'STRINGS':
      return { name, type, ...list(attribute.value) };
    case 'TENSOR':
      return { name, type, value: tensorShape(attribute.value) };
    case 'TENSORS':
      return { name, type, ...list(attribute.value.map(tensorShape)) };
    case 'SPARSE_TENSOR':
      return { name, type, value: sparseShape(attribute.value) };
    case 'SPARSE_TENSORS':
      return { name, type, ...list(attribute.value.map(sparseShape)) };
    case 'GRAPH':
      return { name, type, value: graphRef(attribute.value) };
    case 'GRAPHS':
      return { name, type, value: attribute.value.map(graphRef) };
    case 'TYPE_PROTO':
      return { name, type, value: typeSummary(attribute.value) };
    case 'TYPE_PROTOS':
      return { name, type, value: attribute.value.map(typeSummary) };
  }
}

function sparseShape(sparse: { dims: number[]; values: OnnxTensor | null }): TensorShapeSummary {
  return { elementType: dataTypeName(sparse.values?.dataType ?? 0), shape: sparse.dims };
}
