import { describe, expect, it } from 'vitest';
import { cleanRuntimeMessage } from './runtimeMessage.js';

// Messages exactly as onnxruntime-node 1.30 gives them (error.message) for models of each kind that
// the checker agreement corpus builds, and for a failed run; the paths are ONNX Runtime's build tree.
const realMessages: [string, string, string][] = [
  [
    'arity_few.onnx',
    'Load model from arity_few.onnx failed:This is an invalid model. In Node, ("add1", Add, "", -1) : ("x": tensor(float),) -> ("y": tensor(float),) , Error Node(add1) with schema(::Add:14) has input size 1 not in range [min=2, max=2].',
    'node add1 (Add): Node(add1) with schema(::Add:14) has input size 1 not in range [min=2, max=2].',
  ],
  [
    'attr_type.onnx',
    'Load model from attr_type.onnx failed:This is an invalid model. In Node, ("sm", Softmax, "", -1) : ("x": tensor(float),) -> ("y": tensor(float),) , Error Mismatched attribute type in \'sm : axis\'. Expected: \'INT\', actual: \'FLOAT\'',
    "node sm (Softmax): Mismatched attribute type in 'sm : axis'. Expected: 'INT', actual: 'FLOAT'",
  ],
  [
    'attr_unknown.onnx',
    'Load model from attr_unknown.onnx failed:This is an invalid model. In Node, ("relu1", Relu, "", -1) : ("x": tensor(float),) -> ("y": tensor(float),) , Error Unrecognized attribute: foo for operator Relu',
    'node relu1 (Relu): Unrecognized attribute: foo for operator Relu',
  ],
  [
    'empty.onnx',
    'Exception during initialization: /onnxruntime_src/onnxruntime/core/framework/session_state_utils.cc:264 onnxruntime::common::Status onnxruntime::session_state_utils::SaveInitializedTensors(const onnxruntime::Env&, const std::__cxx11::basic_string<char>&, const onnxruntime::GraphViewer&, const onnxruntime::AllocatorPtr&, const onnxruntime::OrtValueNameIdxMap&, const std::vector<int>&, onnxruntime::ITensorAllocator&, const SaveTensorFunction&, const onnxruntime::logging::Logger&, const onnxruntime::DataTransferManager&, const onnxruntime::ExternalDataLoaderManager&, const onnxruntime::ExecutionPlanBase&, const onnxruntime::SessionOptions&, const MemoryProfileFunction&, onnxruntime::PrepackedWeightsForGraph&) ort_value_name_idx_map.MaxIdx() > -1 was false. OrtValue indexes should have been populated.\n',
    'OrtValue indexes should have been populated.',
  ],
  [
    'ext_neg_len.onnx',
    'parse_string.h:116 ParseStringWithClassicLocale Failed to parse value: "0"',
    'Failed to parse value: "0"',
  ],
  [
    'ext_neg_off.onnx',
    'Exception during initialization: /onnxruntime_src/onnxruntime/core/optimizer/initializer.cc:51 onnxruntime::Initializer::Initializer(const onnx::TensorProto&, const std::filesystem::__cxx11::path&) [ONNXRuntimeError] : 1 : FAIL : tensorprotoutils.cc:1763 GetExtDataFromTensorProto External initializer: w offset: -4 size to read: 8 given file_length: 32 are out of bounds or can not be read in full.\n',
    'External initializer: w offset: -4 size to read: 8 given file_length: 32 are out of bounds or can not be read in full.',
  ],
  [
    'ext_past.onnx',
    'Exception during initialization: /onnxruntime_src/onnxruntime/core/optimizer/initializer.cc:51 onnxruntime::Initializer::Initializer(const onnx::TensorProto&, const std::filesystem::__cxx11::path&) [ONNXRuntimeError] : 1 : FAIL : tensorprotoutils.cc:594 GetExternalDataInfo TensorProto: w external data size mismatch. Computed size: 8, external_data.length: 32\n',
    'TensorProto: w external data size mismatch. Computed size: 8, external_data.length: 32',
  ],
  [
    'locale.onnx',
    'Exception during initialization: /onnxruntime_src/onnxruntime/core/providers/cpu/text/string_normalizer.cc:235 onnxruntime::StringNormalizer::Locale::Locale(const std::string&)::<lambda()> Failed to construct locale with name:fr_FR:locale::facet::_S_create_c_locale name not valid:Please, install necessary language-pack-XX and configure locales\n',
    'Failed to construct locale with name:fr_FR:locale::facet::_S_create_c_locale name not valid:Please, install necessary language-pack-XX and configure locales',
  ],
  [
    'no_data.onnx',
    "tensorprotoutils.cc:1540 ValidateEmbeddedTensorProtoDataSizeAndShape Initializer 'w': data field count (0) does not match expected count from shape (1000000)",
    "Initializer 'w': data field count (0) does not match expected count from shape (1000000)",
  ],
  [
    'recursive2.onnx',
    'Load model from recursive2.onnx failed:/onnxruntime_src/onnxruntime/core/graph/model.cc:284 onnxruntime::Model::Model(onnx::ModelProto&&, const onnxruntime::PathString&, const onnxruntime::IOnnxRuntimeOpSchemaRegistryList*, const onnxruntime::logging::Logger&, const onnxruntime::ModelOptions&) [ONNXRuntimeError] : 10 : INVALID_GRAPH : Model local function definitions must not be recursive. Cycle detected: local:B -> local:A -> local:B\n',
    'Model local function definitions must not be recursive. Cycle detected: local:B -> local:A -> local:B',
  ],
  [
    'type_relu_str.onnx',
    "Load model from type_relu_str.onnx failed:This is an invalid model. Type Error: Type 'tensor(string)' of input parameter (x) of operator (Relu) in node (relu1) is invalid.",
    "Type Error: Type 'tensor(string)' of input parameter (x) of operator (Relu) in node (relu1) is invalid.",
  ],
  [
    'reshape run',
    "Non-zero status code returned while running Reshape node. Name:'r' Status Message: /onnxruntime_src/onnxruntime/core/providers/cpu/tensor/reshape_helper.h:91 onnxruntime::ReshapeHelper::ReshapeHelper(const onnxruntime::TensorShape&, onnxruntime::TensorShapeVector&, bool) input_shape_size == requested_shape_size was false. The input tensor cannot be reshaped to the requested shape. Input shape:{2}, requested shape:{3}\n",
    'node r (Reshape): The input tensor cannot be reshaped to the requested shape. Input shape:{2}, requested shape:{3}',
  ],
];

describe('ONNX Runtime messages without their C++', () => {
  it.each(realMessages)('%s', (_, raw, cleaned) => {
    const message = cleanRuntimeMessage(raw);
    expect(message).toBe(cleaned);
    expect(message).not.toMatch(/onnxruntime::|\.cc:|\.h:\d|\[ONNXRuntimeError\]|Load model from/);
  });

  it('drops a stack trace after the message', () => {
    expect(
      cleanRuntimeMessage(
        "tensorprotoutils.cc:1540 ValidateEmbeddedTensorProtoDataSizeAndShape Initializer 'w': bad\nStacktrace:\n  at onnxruntime::Foo()",
      ),
    ).toBe("Initializer 'w': bad");
  });

  it('leaves a message without C++ as it is', () => {
    expect(cleanRuntimeMessage("input 'x' is missing in 'feeds'.")).toBe("input 'x' is missing in 'feeds'.");
  });
});
