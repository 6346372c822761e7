import { join } from 'node:path';
import type { ConversionRequest } from '../../../../shared/contract/conversion.js';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import type { JobContext } from '../../jobs/index.js';
import {
  convertSklearn,
  convertTensorflow,
  convertTorch,
  detectPythonEnvironments,
  pickEnvironment,
  type ConversionResult,
  type PythonEnvironment,
  type PythonPackages,
} from '../python/index.js';

export type PythonRequest = Exclude<ConversionRequest, { from: 'onnx' }>;

export interface PythonInput {
  request: PythonRequest;
  sourcePath: string;
  /** The user's model code, resolved to a readable path. */
  codePath?: string;
  /** A .npy of data set rows for a scikit-learn parity test. */
  parityDataPath?: string;
}

export interface PythonConverted {
  result: ConversionResult;
  environment: PythonEnvironment;
  log: string;
  converterMs: number;
}

const FRAMEWORK_MODULE: Record<PythonRequest['from'], keyof PythonPackages> = {
  torch: 'torch',
  sklearn: 'sklearn',
  tensorflow: 'tensorflow',
  tflite: 'tensorflow',
};

/**
 * Runs the converter script for the request's framework in the Python chosen (or the first detected
 * one that has the framework and onnx), writing model.onnx and the parity sets into `stage`.
 */
export async function convertWithPython(
  input: PythonInput,
  convertersDir: string,
  stage: string,
  ctx: JobContext,
): Promise<PythonConverted> {
  const { request } = input;
  ctx.progress(0.02, 'Finding Python');
  const environments = await detectPythonEnvironments({ chosen: request.python, convertersDir });
  const environment = chooseEnvironment(environments, request);
  ctx.log(`Python ${environment.python ?? '?'} at ${environment.executable ?? environment.command}`);
  const common = {
    python: environment.command,
    convertersDir,
    signal: ctx.signal,
    out: join(stage, 'model.onnx'),
    seed: request.seed,
    latencyRuns: request.latencyRuns,
    source: input.sourcePath,
    parityDir: join(stage, 'parity'),
    onProgress: (fraction: number, message: string) => ctx.progress(0.05 + 0.6 * fraction, message),
    onLog: (line: string) => ctx.log(line),
    ...(request.opset ? { opset: request.opset } : {}),
    ...(input.codePath ? { code: input.codePath } : {}),
  };
  const started = performance.now();
  let outcome;
  if (request.from === 'torch') {
    const { torch } = request;
    outcome = await convertTorch({
      ...common,
      inputShapes: torch.inputShapes,
      dynamicBatch: torch.dynamicBatch,
      ...(torch.className ? { className: torch.className } : {}),
      ...(torch.initArgs ? { initArgs: torch.initArgs } : {}),
      ...(torch.inputTypes ? { inputTypes: torch.inputTypes } : {}),
      ...(torch.inputNames ? { inputNames: torch.inputNames } : {}),
      ...(torch.outputNames ? { outputNames: torch.outputNames } : {}),
      ...(torch.dynamicAxes ? { dynamicAxes: torch.dynamicAxes } : {}),
      ...(request.parityBatch ? { parityBatch: request.parityBatch } : {}),
    });
  } else if (request.from === 'sklearn') {
    outcome = await convertSklearn({
      ...common,
      converter: request.sklearn.converter,
      ...(request.sklearn.nFeatures ? { nFeatures: request.sklearn.nFeatures } : {}),
      ...(input.parityDataPath ? { parityData: input.parityDataPath } : {}),
    });
  } else {
    outcome = await convertTensorflow({
      ...common,
      from:
        request.from === 'tflite'
          ? 'tflite'
          : /\.(keras|h5)$/i.test(input.sourcePath)
            ? 'keras'
            : 'saved_model',
      ...(request.inputShapes ? { inputShapes: request.inputShapes } : {}),
    });
  }
  return { result: outcome.result, environment, log: outcome.log, converterMs: performance.now() - started };
}

function chooseEnvironment(environments: PythonEnvironment[], request: PythonRequest): PythonEnvironment {
  const module = FRAMEWORK_MODULE[request.from];
  if (request.python) {
    const chosen = environments.find((environment) => environment.source === 'chosen');
    if (!chosen?.packages)
      throw new WorkbenchError({
        code: 'INVALID_INPUT',
        message: `The Python ${request.python} cannot be used: ${chosen?.problem ?? 'it did not run'}.`,
        hint: 'Name a Python 3 interpreter (e.g. /usr/bin/python3 or a virtualenv’s bin/python), or leave it out to use the one the workbench finds.',
      });
    return chosen;
  }
  const picked = pickEnvironment(environments, module);
  if (picked) return picked;
  // The converter script itself explains a missing framework best (framework_missing, with how to
  // install it), so a Python that runs is still used.
  const runs = environments.find((environment) => environment.packages);
  if (runs) return runs;
  throw new WorkbenchError({
    code: 'NOT_FOUND',
    message: `No Python 3 was found to convert with (tried ${environments.map((e) => e.command).join(', ') || 'none'}).`,
    hint: 'Install Python 3 with the framework (on Debian: apt-get install python3-torch python3-sklearn python3-onnx), or name one with --python.',
  });
}
