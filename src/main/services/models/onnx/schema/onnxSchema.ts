import protobuf from 'protobufjs/light.js';
import { onnxProtoDescriptor } from './onnxProto.generated.js';

/**
 * The ONNX protobuf schema, twice.
 *
 * `exact` is onnx.proto as written: it decodes a whole TensorProto (a test tensor file, a small constant).
 *
 * `lazy` reads a model without touching its weights. Every TensorProto inside a model (initializers,
 * tensor attributes, sparse tensors' parts) is declared `bytes` there: an embedded message is always
 * length-delimited on the wire, so this is exact, and protobufjs hands back a Buffer slice of the file
 * (no copy) instead of decoding the tensor. Those slices are then read with `lazy`'s TensorProto, from
 * which the typed data fields are removed: protobufjs skips an unknown length-delimited field in O(1),
 * so packed float_data is never turned into a JS array. Values, when wanted, come from `exact`.
 */
function loadRoot(): protobuf.Root {
  return protobuf.Root.fromJSON(onnxProtoDescriptor);
}

const exact = loadRoot();
const lazy = loadRoot();

function redeclareAsBytes(root: protobuf.Root, typeName: string, fieldName: string): void {
  const type = root.lookupType(typeName);
  const field = type.fields[fieldName];
  if (!field) throw new Error(`onnx.proto has no ${typeName}.${fieldName}`);
  type.remove(field);
  type.add(new protobuf.Field(fieldName, field.id, 'bytes', field.repeated ? 'repeated' : 'optional'));
}

redeclareAsBytes(lazy, 'onnx.GraphProto', 'initializer');
redeclareAsBytes(lazy, 'onnx.AttributeProto', 't');
redeclareAsBytes(lazy, 'onnx.AttributeProto', 'tensors');
redeclareAsBytes(lazy, 'onnx.SparseTensorProto', 'values');
redeclareAsBytes(lazy, 'onnx.SparseTensorProto', 'indices');

const lazyTensor = lazy.lookupType('onnx.TensorProto');
for (const name of ['float_data', 'int32_data', 'int64_data', 'double_data', 'uint64_data']) {
  const field = lazyTensor.fields[name];
  if (field) lazyTensor.remove(field);
}
lazy.resolveAll();
exact.resolveAll();

/** ModelProto with its tensors left encoded (see above). */
export const LazyModelProto = lazy.lookupType('onnx.ModelProto');
/** TensorProto without its typed data fields: name, type, dims, raw_data slice, external data. */
export const TensorHeaderProto = lazyTensor;
/** TensorProto as ONNX defines it. */
export const TensorProto = exact.lookupType('onnx.TensorProto');
/** ModelProto as ONNX defines it; tests build models with it. */
export const ModelProto = exact.lookupType('onnx.ModelProto');
