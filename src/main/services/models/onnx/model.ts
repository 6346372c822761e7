/**
 * A decoded ONNX model without its weights: what readOnnxModel returns and inspect/checkModel read.
 * Element types are TensorProto.DataType codes (dataTypes.ts names them); int64 fields are numbers,
 * exact below 2^53, which covers every dimension and attribute a real model holds.
 */

/**
 * A dimension: a size, a named symbolic size (dim_param), or unknown. A declared size no number can
 * hold exactly (past 2^53 - 1, such as 2^63 - 1) is kept as its exact decimal text, so it prints as
 * the file says; shape inference treats it as a symbol and the check reports it (see unrepresentableDim).
 */
export type Dim = number | string | null;

/** Whether a dim is a declared size past what a number holds exactly, kept as its decimal text. */
export function unrepresentableDim(dim: Dim): dim is string {
  return typeof dim === 'string' && /^-?\d+$/.test(dim) && !Number.isSafeInteger(Number(dim));
}

/** A value's type; a null shape means the rank is unknown. */
export type OnnxType =
  | { kind: 'tensor'; elementType: number; shape: Dim[] | null }
  | { kind: 'sparse_tensor'; elementType: number; shape: Dim[] | null }
  | { kind: 'sequence'; element: OnnxType | null }
  | { kind: 'optional'; element: OnnxType | null }
  | { kind: 'map'; keyType: number; value: OnnxType | null };

export interface OnnxValueInfo {
  name: string;
  type: OnnxType | null;
  docString: string;
}

/** Where a tensor stored outside the .onnx file lives, as resolved when the model was read. */
export interface ExternalData {
  /** The `location` entry as written in the model. */
  location: string;
  /** The `offset` entry, 0 when absent; NaN when it is not a number (problem says so). */
  offset: number;
  /** The `length` entry; null when absent (the data runs to the end of the file). */
  length: number | null;
  /** The file, inside the model's folder; null when the location is refused. */
  path: string | null;
  /** The file's size; null when it could not be read. */
  fileBytes: number | null;
  problem:
    | 'no-location'
    | 'invalid-offset'
    | 'invalid-length'
    | 'outside-model-folder'
    | 'missing'
    | 'not-a-file'
    | 'short'
    | null;
}

/** A tensor (initializer or attribute) with its metadata only. */
export interface OnnxTensor {
  name: string;
  dataType: number;
  dims: number[];
  storage: 'raw' | 'typed' | 'external';
  /** raw_data's length, to compare with what the dims need. */
  rawBytes: number | null;
  /** How many values the typed fields (float_data, int32_data, …) hold; null with raw or external data. */
  typedValues: number | null;
  /** Total length of string_data's strings (STRING tensors only). */
  stringBytes: number | null;
  external: ExternalData | null;
  /**
   * The encoded TensorProto, copied out of the file, for small integer tensors only: shape inference
   * reads their values (a Reshape's target shape, Unsqueeze axes). Large weights are never kept.
   */
  encoded: Uint8Array | null;
}

export interface OnnxSparseTensor {
  dims: number[];
  values: OnnxTensor | null;
  indices: OnnxTensor | null;
}

export type OnnxAttributeValue =
  | { type: 'FLOAT'; value: number }
  | { type: 'INT'; value: number }
  | { type: 'STRING'; value: string }
  | { type: 'TENSOR'; value: OnnxTensor }
  | { type: 'GRAPH'; value: OnnxGraph }
  | { type: 'SPARSE_TENSOR'; value: OnnxSparseTensor }
  | { type: 'TYPE_PROTO'; value: OnnxType | null }
  | { type: 'FLOATS'; value: number[] }
  | { type: 'INTS'; value: number[] }
  | { type: 'STRINGS'; value: string[] }
  | { type: 'TENSORS'; value: OnnxTensor[] }
  | { type: 'GRAPHS'; value: OnnxGraph[] }
  | { type: 'SPARSE_TENSORS'; value: OnnxSparseTensor[] }
  | { type: 'TYPE_PROTOS'; value: (OnnxType | null)[] }
  /** A reference to an attribute of the enclosing function (ref_attr_name). */
  | { type: 'REF'; value: string }
  | { type: 'UNDEFINED'; value: null };

export type OnnxAttribute = OnnxAttributeValue & { name: string };

export interface OnnxNode {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: OnnxAttribute[];
}

export interface OnnxGraph {
  name: string;
  docString: string;
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  valueInfo: OnnxValueInfo[];
  initializers: OnnxTensor[];
  sparseInitializers: OnnxSparseTensor[];
  nodes: OnnxNode[];
}

export interface OnnxOpset {
  domain: string;
  version: number;
}

export interface OnnxFunction {
  domain: string;
  name: string;
  overload: string;
  nodes: OnnxNode[];
}

export interface OnnxModel {
  /** The file it was read from. */
  path: string;
  fileBytes: number;
  /** Null when the model does not say (ONNX requires it). */
  irVersion: number | null;
  opsetImports: OnnxOpset[];
  producerName: string;
  producerVersion: string;
  domain: string;
  modelVersion: number | null;
  docString: string;
  metadataProps: { key: string; value: string }[];
  graph: OnnxGraph;
  /** Model-local functions, which nodes may call like operators, with the nodes of their bodies. */
  functions: OnnxFunction[];
}
