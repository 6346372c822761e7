import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import * as ort from 'onnxruntime-node';
import { WorkbenchError } from '../../../shared/contract/errors.js';

export type TensorData = ort.Tensor['data'];

export interface TensorValue {
  type: ort.Tensor.Type;
  dims: readonly number[];
  data: TensorData;
}

export interface LoadedModel {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, TensorValue>): Promise<Record<string, TensorValue>>;
  release(): Promise<void>;
}

export function onnxRuntimeVersion(): string {
  return `ONNX Runtime ${ort.env.versions.common ?? 'unknown'}`;
}

/**
 * Opens an ONNX model with onnxruntime-node. This is the in-process seam; the models issue moves
 * sessions into an isolated worker process and builds the registry on top of it.
 */
export async function loadModel(path: string): Promise<LoadedModel> {
  const fileName = basename(path);
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new WorkbenchError({
      code: 'NOT_FOUND',
      message: `Cannot read ${fileName}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`,
      details: { path },
    });
  });
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes);
  } catch (error) {
    throw new WorkbenchError(
      {
        code: 'MODEL_INVALID',
        message: `${fileName} is not a model ONNX Runtime can load: ${firstLine(error)}`,
        hint: 'Check that the file is a complete .onnx model (not truncated, not another format) and that its opset is supported.',
        details: { path },
      },
      { cause: error },
    );
  }
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds) {
      const tensors = Object.fromEntries(
        Object.entries(feeds).map(([name, value]) => [
          name,
          new ort.Tensor(value.type, value.data, value.dims),
        ]),
      );
      let results: ort.InferenceSession.ReturnType;
      try {
        results = await session.run(tensors);
      } catch (error) {
        throw new WorkbenchError(
          {
            code: 'TENSOR_SHAPE',
            message: `${fileName} refused its inputs: ${firstLine(error)}`,
            hint: `The model expects ${session.inputNames.join(', ')}; check each input's element type and shape.`,
          },
          { cause: error },
        );
      }
      return Object.fromEntries(
        Object.entries(results).map(([name, tensor]) => [
          name,
          { type: tensor.type, dims: tensor.dims, data: tensor.data },
        ]),
      );
    },
    release: () => session.release(),
  };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).trim();
}
