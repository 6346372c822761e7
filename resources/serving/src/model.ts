import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { cleanRuntimeMessage } from '../../../src/shared/models/runtimeMessage.js';
import { HttpError } from './httpError.js';

export interface TensorInfo {
  name: string;
  /** onnxruntime-node's element type name (float32, int64, string…). */
  type: string;
  /**
   * Declared dims: a size, a symbolic name, or null for a dim the model leaves unnamed. Empty both
   * for a scalar and for a value with no declared shape: onnxruntime-node reports them alike.
   */
  shape: (number | string | null)[];
}

export interface LoadedModel {
  inputs: TensorInfo[];
  /** The tensor outputs: the only ones onnxruntime-node can return. */
  outputs: TensorInfo[];
  /** Sequence or map outputs (a scikit-learn classifier's ZipMap), which are never fetched. */
  unsupportedOutputs: string[];
  sha256: string;
  sizeBytes: number;
  run(feeds: Record<string, ort.Tensor>, fetches: readonly string[]): Promise<Record<string, ort.Tensor>>;
  release(): Promise<void>;
}

/** Why the model could not be served; the server exits with it rather than run half-ready. */
export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

export interface LoadOptions {
  /** ONNX Runtime's threads for one run; undefined leaves it to ONNX Runtime (one per physical core). */
  intraOpThreads?: number;
}

export async function loadModel(
  path: string,
  expectedSha256: string | undefined,
  options: LoadOptions = {},
): Promise<LoadedModel> {
  const facts = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new ModelLoadError(
      `The model file ${path} cannot be read (${error.code ?? error.message}); set MODEL_PATH.`,
    );
  });
  // ONNX Runtime would block on a pipe or read a device until memory ran out.
  if (!facts.isFile())
    throw new ModelLoadError(`The model path ${path} is not a regular file; set MODEL_PATH.`);
  const sha256 = await fileSha256(path);
  if (expectedSha256 !== undefined && sha256 !== expectedSha256)
    throw new ModelLoadError(
      `The model file ${path} has SHA-256 ${sha256}, not ${expectedSha256} as MODEL_SHA256 says: the image holds another model than the one it was built for.`,
    );
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(path, {
      graphOptimizationLevel: 'all',
      ...(options.intraOpThreads === undefined ? {} : { intraOpNumThreads: options.intraOpThreads }),
    });
  } catch (error) {
    throw new ModelLoadError(`ONNX Runtime cannot load ${path}: ${runtimeMessage(error)}`);
  }
  const info = (meta: ort.InferenceSession.ValueMetadata): TensorInfo | undefined =>
    meta.isTensor
      ? {
          name: meta.name,
          type: meta.type,
          shape: meta.shape.map((dim) =>
            typeof dim === 'number' && dim >= 0 ? dim : dim === '' ? null : dim,
          ),
        }
      : undefined;
  const inputs = session.inputMetadata.map(info).filter((value) => value !== undefined);
  if (inputs.length !== session.inputMetadata.length)
    throw new ModelLoadError(`${path} takes a sequence or map input, which onnxruntime-node cannot feed.`);
  const outputs = session.outputMetadata.map(info).filter((value) => value !== undefined);
  if (outputs.length === 0)
    throw new ModelLoadError(
      `${path} has no tensor outputs: onnxruntime-node cannot return its sequence or map outputs.`,
    );
  return {
    inputs,
    outputs,
    unsupportedOutputs: session.outputMetadata.filter((meta) => !meta.isTensor).map((meta) => meta.name),
    sha256,
    sizeBytes: facts.size,
    async run(feeds, fetches) {
      try {
        return await session.run(feeds, [...fetches]);
      } catch (error) {
        throw runError(error);
      }
    },
    release: () => session.release(),
  };
}

function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', (error) =>
        reject(new ModelLoadError(`The model file ${path} cannot be read: ${error.message}`)),
      );
  });
}

function runtimeMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return cleanRuntimeMessage(text.split('\n')[0] ?? text);
}

// ONNX Runtime's own checks of the feeds, which the server's checks leave to it (a declared scalar,
// a dim shared between inputs), are the client's to fix; anything else failed inside the model.
const ABOUT_INPUTS =
  /invalid rank for input|invalid dimensions for input|unexpected input data type|input .* is missing|invalid input name/i;

function runError(error: unknown): HttpError {
  const message = runtimeMessage(error);
  return ABOUT_INPUTS.test(message)
    ? new HttpError(400, `The model refused the inputs: ${message}`)
    : new HttpError(500, `ONNX Runtime failed to run the model: ${message}`);
}
