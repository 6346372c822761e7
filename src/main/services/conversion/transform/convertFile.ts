import { writeFileAtomic } from '../../workspace/index.js';
import { convertToFloat16, type Float16Options, type Float16Report } from './float16.js';
import { editMetadata, type MetadataEdit } from './metadata.js';
import { encodeModel, readModelForTransform } from './modelFile.js';
import { quantizeDynamic, type QuantizeOptions, type QuantizeReport } from './quantizeDynamic.js';

export type TransformRequest =
  | ({ to: 'float16' } & Float16Options)
  | ({ to: 'int8' } & QuantizeOptions)
  | { to: 'metadata'; edit: MetadataEdit };

export type TransformResult =
  | { to: 'float16'; report: Float16Report; bytes: number }
  | { to: 'int8'; report: QuantizeReport; bytes: number }
  | { to: 'metadata'; bytes: number };

/** Reads an .onnx file, applies one transform and writes the result atomically to `outputPath`. */
export async function transformModelFile(
  inputPath: string,
  outputPath: string,
  request: TransformRequest,
  signal?: AbortSignal,
): Promise<TransformResult> {
  const model = await readModelForTransform(inputPath, signal);
  let result: TransformResult;
  if (request.to === 'float16')
    result = { to: 'float16', report: convertToFloat16(model, request), bytes: 0 };
  else if (request.to === 'int8') result = { to: 'int8', report: quantizeDynamic(model, request), bytes: 0 };
  else {
    editMetadata(model, request.edit);
    result = { to: 'metadata', bytes: 0 };
  }
  const bytes = encodeModel(model);
  await writeFileAtomic(outputPath, bytes);
  result.bytes = bytes.length;
  return result;
}
