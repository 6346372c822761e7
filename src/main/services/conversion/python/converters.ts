import { basename, join } from 'node:path';
import { runConverterScript, type ScriptOutcome, type ScriptRun } from './runScript.js';

/** One set of inputs and the source framework's outputs on them, saved as .npy for a parity check. */
export interface ParitySet {
  label: string;
  batch: number;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
}

/** The final `{"result": ...}` line of every converter script. */
export interface ConversionResult {
  out: string;
  converter: string;
  opset: number | Record<string, number>;
  inputs: { name: string; dtype: string; shape: (number | string)[] }[];
  outputs: string[];
  dynamicAxes: Record<string, Record<string, string>>;
  warnings: string[];
  parity: ParitySet[];
  /** torch: torchscript | module | state_dict; tensorflow: saved_model | keras | tflite. */
  sourceKind?: string;
  /** scikit-learn: the estimator's class and its classes_. */
  estimator?: string;
  classes?: (string | number)[] | null;
  /** Median ms of the source model in its framework on the first parity set's inputs. */
  sourceLatencyMs?: number | null;
}

type RunOptions = Pick<ScriptRun, 'python' | 'signal' | 'onProgress' | 'onLog' | 'logLimit'> & {
  convertersDir: string;
  /** Seed of the random parity inputs. */
  seed?: number;
  /** Timed runs of the source model in its framework (0 skips timing). */
  latencyRuns?: number;
};

export interface TorchConversion extends RunOptions {
  source: string;
  out: string;
  /** The user's model code (a .py file) and, for a state_dict, the class to build. */
  code?: string;
  className?: string;
  initArgs?: Record<string, unknown>;
  /** One per forward() argument, e.g. [[1, 3, 224, 224]]. */
  inputShapes: number[][];
  /** One per input, or one for all; float32 when left out. */
  inputTypes?: string[];
  inputNames?: string[];
  outputNames?: string[];
  dynamicBatch?: boolean;
  /** Further dynamic axes by input or output name, e.g. { tokens: { 1: 'sequence' } }. */
  dynamicAxes?: Record<string, Record<number, string>>;
  opset?: number;
  parityDir?: string;
  parityBatch?: number;
}

export interface SklearnConversion extends RunOptions {
  source: string;
  out: string;
  code?: string;
  nFeatures?: number;
  converter?: 'auto' | 'skl2onnx' | 'mlw';
  opset?: number;
  parityDir?: string;
  /** A .npy of rows [N, features] (a data set's rows); random rows otherwise. */
  parityData?: string;
}

export interface TensorflowConversion extends RunOptions {
  source: string;
  from: 'saved_model' | 'keras' | 'tflite';
  out: string;
  opset?: number;
  inputShapes?: number[][];
  parityDir?: string;
}

export function convertTorch(request: TorchConversion): Promise<ScriptOutcome<ConversionResult>> {
  const args = ['--source', request.source, '--out', request.out];
  optional(args, '--code', request.code);
  optional(args, '--class-name', request.className);
  if (request.initArgs) args.push('--init-args', JSON.stringify(request.initArgs));
  for (const shape of request.inputShapes) args.push('--input-shape', shape.join(','));
  for (const type of request.inputTypes ?? []) args.push('--input-type', type);
  if (request.inputNames) args.push('--input-names', request.inputNames.join(','));
  if (request.outputNames) args.push('--output-names', request.outputNames.join(','));
  if (request.dynamicBatch) args.push('--dynamic-batch');
  if (request.dynamicAxes) args.push('--dynamic-axes', JSON.stringify(request.dynamicAxes));
  optional(args, '--opset', request.opset);
  optional(args, '--parity-dir', request.parityDir);
  optional(args, '--parity-batch', request.parityBatch);
  optional(args, '--seed', request.seed);
  optional(args, '--latency-runs', request.latencyRuns);
  return run('torch_to_onnx.py', args, request);
}

export function convertSklearn(request: SklearnConversion): Promise<ScriptOutcome<ConversionResult>> {
  const args = ['--source', request.source, '--out', request.out];
  optional(args, '--code', request.code);
  optional(args, '--n-features', request.nFeatures);
  optional(args, '--converter', request.converter);
  optional(args, '--opset', request.opset);
  optional(args, '--parity-dir', request.parityDir);
  optional(args, '--parity-data', request.parityData);
  optional(args, '--seed', request.seed);
  optional(args, '--latency-runs', request.latencyRuns);
  return run('sklearn_to_onnx.py', args, request);
}

export function convertTensorflow(request: TensorflowConversion): Promise<ScriptOutcome<ConversionResult>> {
  const args = ['--source', request.source, '--from', request.from, '--out', request.out];
  optional(args, '--opset', request.opset);
  for (const shape of request.inputShapes ?? []) args.push('--input-shape', shape.join(','));
  optional(args, '--parity-dir', request.parityDir);
  return run('tf_to_onnx.py', args, request);
}

function optional(args: string[], flag: string, value: string | number | undefined): void {
  if (value !== undefined) args.push(flag, String(value));
}

function run(
  script: string,
  args: string[],
  request: RunOptions & { source: string },
): Promise<ScriptOutcome<ConversionResult>> {
  return runConverterScript<ConversionResult>({
    python: request.python,
    script: join(request.convertersDir, script),
    args,
    subject: basename(request.source),
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    ...(request.onLog ? { onLog: request.onLog } : {}),
    ...(request.logLimit ? { logLimit: request.logLimit } : {}),
  });
}
