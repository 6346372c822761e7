import { cancelledError } from '../../../../shared/contract/errors.js';
import { decodeModel, NotAModelError } from './decodeModel.js';
import { invalidFile } from './errors.js';
import { resolveExternalData } from './externalData.js';
import type { OnnxModel } from './model.js';
import { readRegularFile } from './regularFile.js';
import { decodeTensorProto } from './tensorProto.js';

/** A protobuf message, and so an .onnx file, cannot exceed 2 GiB; bigger models use external data. */
const PROTOBUF_LIMIT = 2 ** 31 - 1;

const HINT = 'Check that the file is a complete .onnx model: not truncated, not another format.';

/**
 * Reads an .onnx file's structure without its weights: initializers' data stays unread (see
 * schema/onnxSchema.ts), and the file's buffer is not kept, so a model of any size costs about its
 * file read. External data files are looked up, not read.
 */
export async function readOnnxModel(
  path: string,
  options: { signal?: AbortSignal } = {},
): Promise<OnnxModel> {
  const { signal } = options;
  const bytes = await readRegularFile(path, 'an ONNX model', {
    signal,
    tooLarge: {
      maxBytes: PROTOBUF_LIMIT,
      error: (size) =>
        invalidFile(
          path,
          `is ${size} bytes, more than the 2 GiB a protobuf file can hold, so it is not a valid .onnx file.`,
          'Models this large keep their weights in external data files beside the .onnx file; export it that way.',
        ),
    },
  });
  if (bytes.length === 0) {
    throw invalidFile(
      path,
      'is empty (0 bytes).',
      'The file was not written completely: export or copy it again.',
    );
  }
  if (signal?.aborted) throw cancelledError(`Reading ${path}`);
  let model: OnnxModel;
  try {
    model = decodeModel(bytes, path);
  } catch (error) {
    throw notAModel(path, bytes, error);
  }
  await resolveExternalData(model, signal);
  return model;
}

function notAModel(path: string, bytes: Uint8Array, error: unknown) {
  const tensor = asTensor(bytes);
  if (tensor) {
    return invalidFile(
      path,
      `is a serialized tensor (TensorProto ${tensor}), not an ONNX model.`,
      'Open the model (.onnx) itself; tensor files like this hold a model’s test inputs and outputs.',
    );
  }
  const reason =
    error instanceof NotAModelError
      ? error.message
      : `protobuf decoding failed (${(error as Error).message})`;
  return invalidFile(path, `is not an ONNX model, or is cut short: ${reason}.`, HINT, error);
}

/** Describes the bytes when they are a whole, self-consistent TensorProto, to say what the file is instead. */
function asTensor(bytes: Uint8Array): string | null {
  try {
    const { name, dataTypeName, dims } = decodeTensorProto(bytes);
    return `${name ? `'${name}', ` : ''}${dataTypeName} [${dims.join(', ')}]`;
  } catch {
    return null;
  }
}
