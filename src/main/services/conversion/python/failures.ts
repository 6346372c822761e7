import { WorkbenchError, type ErrorCode } from '../../../../shared/contract/errors.js';

/** The `{"error": ...}` line a converter script prints for a failure it recognized itself. */
export interface ScriptError {
  kind: string;
  message: string;
  hint?: string;
}

export interface FailedRun {
  log: string;
  scriptError: ScriptError | undefined;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  python: string;
  subject?: string | undefined;
}

/** Packages conversion needs, by the module name Python reports, with how to get them on Debian. */
const FRAMEWORKS: Record<string, { name: string; install: string }> = {
  torch: { name: 'PyTorch', install: 'apt-get install python3-torch' },
  sklearn: { name: 'scikit-learn', install: 'apt-get install python3-sklearn' },
  onnx: { name: 'onnx', install: 'apt-get install python3-onnx' },
  numpy: { name: 'NumPy', install: 'apt-get install python3-numpy' },
  joblib: { name: 'joblib', install: 'apt-get install python3-joblib' },
  tensorflow: { name: 'TensorFlow', install: 'pip install tensorflow' },
  tf2onnx: { name: 'tf2onnx', install: 'pip install tf2onnx' },
  skl2onnx: { name: 'skl2onnx', install: 'pip install skl2onnx' },
};

/** Codes for the failures the scripts recognize: the user's input or model, or the environment. */
const KIND_CODES: Record<string, ErrorCode> = {
  framework_missing: 'NOT_FOUND',
  source_missing: 'NOT_FOUND',
  code_missing: 'NOT_FOUND',
  pickle_code_missing: 'MODEL_INVALID',
  checkpoint_unreadable: 'MODEL_INVALID',
  pickle_unreadable: 'MODEL_INVALID',
  model_code_needed: 'INVALID_INPUT',
  state_dict_mismatch: 'MODEL_INVALID',
  unknown_estimator: 'MODEL_INVALID',
  unsupported_setting: 'MODEL_INVALID',
  data_dependent_control_flow: 'MODEL_INVALID',
  dynamic_batch_unsupported: 'MODEL_INVALID',
};

interface Recognizer {
  kind: string;
  pattern: RegExp;
  explain(match: RegExpMatchArray, run: FailedRun): { code: ErrorCode; message: string; hint: string };
}

/** Failures read from a traceback, for the ones the converters do not catch themselves. */
const RECOGNIZERS: Recognizer[] = [
  {
    kind: 'unsupported_operator',
    pattern: /Exporting the operator '?([\w:.]+)'? to ONNX opset version (\d+) is not supported/,
    explain: ([, operator, opset]) => ({
      code: 'MODEL_INVALID',
      message: `The model uses ${operator}, which PyTorch cannot export to ONNX opset ${opset}.`,
      hint: 'Try a higher --opset (this PyTorch may support it there), replace the operation with ones ONNX has, or register a custom symbolic function (torch.onnx.register_custom_op_symbolic).',
    }),
  },
  {
    kind: 'unsupported_opset',
    pattern: /Unsupported ONNX opset version: (\d+)/,
    explain: ([, opset]) => ({
      code: 'INVALID_INPUT',
      message: `This PyTorch cannot export ONNX opset ${opset}.`,
      hint: 'Pick an --opset this PyTorch exports (PyTorch 1.13: opsets 7 to 17), or use a newer PyTorch for a newer opset.',
    }),
  },
  {
    kind: 'input_count',
    pattern: /forward\(\) missing (\d+) required positional arguments?: ([^\n]+)/,
    explain: ([, count, names]) => ({
      code: 'INVALID_INPUT',
      message: `The model's forward() needs ${count} more input(s): ${(names ?? '').trim()}.`,
      hint: 'Give one --input-shape (and --input-type) per forward() argument, in order, and name them with --input-names.',
    }),
  },
  {
    kind: 'pickle_code_missing',
    pattern: /Can't get attribute '([^']+)' on <module '([^']+)'/,
    explain: ([, attribute, module]) => ({
      code: 'MODEL_INVALID',
      message: `The model file was saved with a class ${module}.${attribute} that this Python cannot find.`,
      hint: 'Pass the Python file that defines it (--code FILE), or run the conversion where the model was saved.',
    }),
  },
  {
    kind: 'module_missing',
    pattern: /ModuleNotFoundError: No module named '([^']+)'/,
    explain: ([, module], run) => {
      const top = (module ?? '').split('.')[0] ?? '';
      const framework = FRAMEWORKS[top];
      if (framework) {
        return {
          code: 'NOT_FOUND',
          message: `This Python (${run.python}) has no ${framework.name}.`,
          hint: `Pick a Python environment that has it, or install it there (${framework.install}).`,
        };
      }
      return {
        code: 'MODEL_INVALID',
        message: `The model needs the module ${module ?? top}, which this Python cannot import.`,
        hint: 'Pass the Python file that defines it (--code FILE), or run the conversion in the environment the model was saved from.',
      };
    },
  },
  {
    kind: 'data_dependent_control_flow',
    pattern: /Converting a tensor to a Python (boolean|number|index)/,
    explain: () => ({
      code: 'MODEL_INVALID',
      message: 'The model has control flow that depends on tensor values, which tracing cannot record.',
      hint: 'Script the model (torch.jit.script) and convert the TorchScript file, or rewrite the branch with tensor operations (torch.where).',
    }),
  },
];

/** Turns a failed converter run into a WorkbenchError: a plain message, what to change, and the raw log. */
export function explainFailure(run: FailedRun): WorkbenchError {
  const details = { log: run.log, exitCode: run.exitCode, signal: run.signal };
  if (run.scriptError) {
    return new WorkbenchError({
      code: KIND_CODES[run.scriptError.kind] ?? 'MODEL_INVALID',
      message: run.scriptError.message,
      ...(run.scriptError.hint ? { hint: run.scriptError.hint } : {}),
      details: { ...details, kind: run.scriptError.kind },
    });
  }
  for (const recognizer of RECOGNIZERS) {
    const match = run.log.match(recognizer.pattern);
    if (match)
      return new WorkbenchError({
        ...recognizer.explain(match, run),
        details: { ...details, kind: recognizer.kind },
      });
  }
  const subject = run.subject ? ` of ${run.subject}` : '';
  const ending = run.signal ? `was killed by ${run.signal}` : `failed (exit code ${String(run.exitCode)})`;
  return new WorkbenchError({
    code: 'MODEL_RUN_FAILED',
    message: `The conversion${subject} ${ending}: ${lastErrorLine(run.log) ?? 'it printed no error.'}`,
    hint: 'Open the log for the whole output of the converter.',
    details: { ...details, kind: 'unrecognized' },
  });
}

/** The exception line at the end of a Python traceback ("ValueError: ..."). */
function lastErrorLine(log: string): string | undefined {
  const lines = log.trimEnd().split('\n').reverse();
  return (
    lines.find((line) => /^[\w.]+(Error|Exception|Exit)\b.*:/.test(line)) ??
    lines.find((line) => line.trim() !== '')
  );
}
