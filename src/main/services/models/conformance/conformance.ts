import { readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { isWorkbenchError } from '../../../../shared/contract/errors.js';
import type { TensorType, TensorValue } from '../../../../shared/tensors/tensors.js';
import type { ModelService } from '../modelService.js';
import { readOnnxModel, readTensorProto, type DecodedTensor, type OnnxModel } from '../onnx/index.js';
import { onnxElementTypeName } from '../tensors/index.js';
import { tensorDifference } from './compareTensors.js';
import { tensorTypeOfOnnx } from '../../../../shared/tensors/onnxElementTypes.js';

/**
 * Runs the ONNX backend test models (libonnx-testdata) through the workbench's run path and
 * compares every output with the reference; whatever fails is checked against a bare in-process
 * ONNX Runtime session, so a failure is either ONNX Runtime's own (classified with its error) or
 * ours (a conformance failure).
 */
export type ConformanceOutcome =
  | { model: string; status: 'passed'; sets: number }
  /** Bare ONNX Runtime cannot load the model either: its own error. */
  | { model: string; status: 'ort-cannot-load'; reason: string }
  /** Bare ONNX Runtime loads it but fails to run the reference inputs too. */
  | { model: string; status: 'ort-cannot-run'; reason: string }
  /** Bare ONNX Runtime gives the same outputs as our path, and both differ from the reference. */
  | { model: string; status: 'ort-differs-from-reference'; reason: string }
  /** Inputs or outputs our tensors cannot carry (sequences, optionals, maps, bfloat16, ...). */
  | { model: string; status: 'skipped-by-decoder'; reason: string }
  /** Bare ONNX Runtime gives different outputs on two runs of the same inputs (unseeded random ops). */
  | { model: string; status: 'ort-nondeterministic'; reason: string }
  /** Ours fails or differs where bare ONNX Runtime passes: a bug in the workbench. */
  | { model: string; status: 'failed'; reason: string };

export interface ConformanceSummary {
  root: string;
  ortVersion: string;
  models: number;
  passed: number;
  ortCannotLoad: number;
  ortCannotRun: number;
  ortDiffersFromReference: number;
  ortNondeterministic: number;
  skippedByDecoder: number;
  failed: number;
  /** Reasons with the models they hold, most common first (numbers and names in reasons generalised). */
  ortReasons: { reason: string; count: number; models: string[] }[];
  decoderReasons: { reason: string; count: number; models: string[] }[];
  failures: { model: string; reason: string }[];
  /** Tensors fed and compared in passing models, by element type. */
  tensorsByType: Partial<Record<TensorType, { inputs: number; outputs: number }>>;
  testDataSets: number;
  elapsedMs: number;
}

export function findTestModels(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.name === 'model.onnx' ? [path] : [];
    });
  return walk(root).sort();
}

function tensorFiles(set: string, kind: 'input' | 'output'): string[] {
  const files: string[] = [];
  while (existsSync(join(set, `${kind}_${files.length}.pb`)))
    files.push(join(set, `${kind}_${files.length}.pb`));
  return files;
}

function feedInputs(model: OnnxModel) {
  const initializers = new Set(model.graph.initializers.map((tensor) => tensor.name));
  return model.graph.inputs.filter((input) => !initializers.has(input.name));
}

/** Why a declared value cannot cross as a workbench tensor, or undefined. */
function unsupported(value: { name: string; type: OnnxModel['graph']['inputs'][number]['type'] }) {
  const type = value.type;
  if (!type) return undefined;
  if (type.kind !== 'tensor') return `${type.kind} value`;
  const name = onnxElementTypeName(type.elementType);
  return tensorTypeOfOnnx(name) ? undefined : `${name} tensor`;
}

function toTensor(decoded: DecodedTensor): TensorValue {
  const type = tensorTypeOfOnnx(decoded.dataTypeName);
  if (!type) throw new Error(`${decoded.dataTypeName} is not a workbench tensor type`);
  return { type, dims: decoded.dims, data: decoded.data };
}

interface TestSet {
  feeds: Record<string, TensorValue>;
  expected: Record<string, TensorValue>;
}

async function readSets(path: string, model: OnnxModel): Promise<TestSet[]> {
  const inputs = feedInputs(model);
  const sets = readdirSync(dirname(path))
    .filter((name) => name.startsWith('test_data_set_'))
    .sort();
  const result: TestSet[] = [];
  for (const set of sets) {
    const dir = join(dirname(path), set);
    const feeds: Record<string, TensorValue> = {};
    for (const [index, file] of tensorFiles(dir, 'input').entries()) {
      const name = inputs[index]?.name;
      if (name !== undefined) feeds[name] = toTensor(await readTensorProto(file));
    }
    const expected: Record<string, TensorValue> = {};
    for (const [index, file] of tensorFiles(dir, 'output').entries()) {
      const name = model.graph.outputs[index]?.name;
      if (name !== undefined) expected[name] = toTensor(await readTensorProto(file));
    }
    result.push({ feeds, expected });
  }
  return result;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).trim();
}

function compare(outputs: Record<string, TensorValue>, expected: Record<string, TensorValue>) {
  const problems: string[] = [];
  for (const [name, reference] of Object.entries(expected)) {
    const got = outputs[name];
    if (!got) problems.push(`output ${name} missing`);
    else {
      const difference = tensorDifference(got, reference);
      if (difference) problems.push(`${name}: ${difference}`);
    }
  }
  return problems.length ? problems.join('; ') : undefined;
}

/** A bare ONNX Runtime session in this process: the same settings our worker uses by default. */
async function bareRun(
  path: string,
  sets: TestSet[],
): Promise<
  | { stage: 'load' | 'run'; error: string }
  | { stage: 'done'; outputs: Record<string, TensorValue>[]; again: Record<string, TensorValue>[] }
> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(path, { graphOptimizationLevel: 'all' });
  } catch (error) {
    return { stage: 'load', error: firstLine(error) };
  }
  try {
    const outputs: Record<string, TensorValue>[] = [];
    const again: Record<string, TensorValue>[] = [];
    for (const set of [...sets, ...sets]) {
      const feeds = Object.fromEntries(
        Object.entries(set.feeds).map(([name, v]) => [name, new ort.Tensor(v.type, v.data, v.dims)]),
      );
      const results = await session.run(feeds);
      (outputs.length < sets.length ? outputs : again).push(
        Object.fromEntries(
          Object.entries(results).map(([name, t]) => [
            name,
            { type: t.type as TensorType, dims: [...t.dims], data: t.data },
          ]),
        ),
      );
    }
    return { stage: 'done', outputs, again };
  } catch (error) {
    return { stage: 'run', error: firstLine(error) };
  } finally {
    await session.release();
  }
}

/** Same values, same types, same dims: our path against bare ONNX Runtime (bitwise for floats). */
function sameOutputs(a: Record<string, TensorValue>, b: Record<string, TensorValue>): string | undefined {
  return compare(a, b) ?? compareExact(a, b);
}

function compareExact(a: Record<string, TensorValue>, b: Record<string, TensorValue>) {
  for (const [name, x] of Object.entries(b)) {
    const y = a[name];
    if (!y) return `output ${name} missing`;
    const d = tensorDifference(y, x, { rtol: 0, atol: 0 });
    if (d) return `${name}: ${d} (against bare ONNX Runtime)`;
  }
  return undefined;
}

export async function checkModelConformance(
  models: ModelService,
  path: string,
  label: string,
): Promise<{ outcome: ConformanceOutcome; sets?: TestSet[] }> {
  const model = await readOnnxModel(path);
  const values = [...feedInputs(model), ...model.graph.outputs];
  const skip = values.map((value) => unsupported(value)).filter((why) => why !== undefined);
  if (skip.length)
    return {
      outcome: { model: label, status: 'skipped-by-decoder', reason: [...new Set(skip)].sort().join(', ') },
    };
  const sets = await readSets(path, model);
  let ours: string | undefined;
  const ourOutputs: Record<string, TensorValue>[] = [];
  try {
    for (const set of sets) {
      const { outputs } = await models.run(path, set.feeds);
      ourOutputs.push(outputs);
      ours ??= compare(outputs, set.expected);
    }
  } catch (error) {
    ours = `${isWorkbenchError(error) ? `${error.code}: ` : ''}${firstLine(error)}`;
    ourOutputs.length = 0;
  }
  if (ours === undefined) return { outcome: { model: label, status: 'passed', sets: sets.length }, sets };
  // Only here does bare ONNX Runtime run: is the failure ONNX Runtime's own?
  if (/MODEL_CRASHED/.test(ours))
    return { outcome: { model: label, status: 'failed', reason: `ours: ${ours} (not retried in-process)` } };
  const bare = await bareRun(path, sets);
  if (bare.stage !== 'done') {
    const status = bare.stage === 'load' ? 'ort-cannot-load' : 'ort-cannot-run';
    return { outcome: { model: label, status, reason: bare.error } };
  }
  if (ourOutputs.length !== sets.length)
    return {
      outcome: { model: label, status: 'failed', reason: `ours: ${ours}; bare ONNX Runtime runs it` },
    };
  for (const [index, set] of sets.entries()) {
    const bareDiff = compare(bare.outputs[index] ?? {}, set.expected);
    const agree = sameOutputs(ourOutputs[index] ?? {}, bare.outputs[index] ?? {});
    if (agree !== undefined) {
      // A random operator without a seed draws new values in every process, so the worker cannot
      // match a bare session. Judged by the graph, not by two bare runs: those can agree by chance
      // (a 10-value Bernoulli did in CI), which made the suite flaky.
      const random = unseededRandomOperator(model);
      if (random !== undefined)
        return {
          outcome: {
            model: label,
            status: 'ort-nondeterministic',
            reason: `${random} without a seed draws new values in every process: ${agree}`,
          },
        };
      // Any other nondeterminism shows as two runs of one bare session that differ.
      const self = sameOutputs(bare.again[index] ?? {}, bare.outputs[index] ?? {});
      if (self !== undefined)
        return {
          outcome: { model: label, status: 'ort-nondeterministic', reason: `two bare runs differ: ${self}` },
        };
      return {
        outcome: { model: label, status: 'failed', reason: `ours differs from bare ONNX Runtime: ${agree}` },
      };
    }
    if (bareDiff === undefined)
      return {
        outcome: { model: label, status: 'failed', reason: `ours: ${ours}; bare ONNX Runtime matches` },
      };
  }
  return { outcome: { model: label, status: 'ort-differs-from-reference', reason: ours } };
}

/** Groups reasons whose text differs only in numbers, names in quotes, or paths. */
function reasonKey(reason: string): string {
  return reason
    .replace(/\/[^\s:]+/g, '<path>')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\[[^\]]*\]/g, '[…]')
    .replace(/\b\d+(\.\d+)?(e-?\d+)?\b/g, 'N')
    .replace(/\s+/g, ' ')
    .slice(0, 240);
}

function group(outcomes: { model: string; reason: string }[]) {
  const groups = new Map<string, string[]>();
  for (const { model, reason } of outcomes) {
    const key = reasonKey(reason);
    groups.set(key, [...(groups.get(key) ?? []), model]);
  }
  return [...groups.entries()]
    .map(([reason, models]) => ({ reason, count: models.length, models }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

export async function runConformance(
  models: ModelService,
  root: string,
  onModel?: (outcome: ConformanceOutcome, index: number, total: number) => void,
): Promise<{ summary: ConformanceSummary; outcomes: ConformanceOutcome[] }> {
  const started = performance.now();
  const paths = findTestModels(root);
  const outcomes: ConformanceOutcome[] = [];
  const tensorsByType: ConformanceSummary['tensorsByType'] = {};
  let testDataSets = 0;
  for (const [index, path] of paths.entries()) {
    const label = path.slice(root.length + 1, -'/model.onnx'.length);
    let result: Awaited<ReturnType<typeof checkModelConformance>>;
    try {
      result = await checkModelConformance(models, path, label);
    } catch (error) {
      result = { outcome: { model: label, status: 'failed', reason: `harness: ${firstLine(error)}` } };
    }
    outcomes.push(result.outcome);
    if (result.outcome.status === 'passed' && result.sets) {
      testDataSets += result.sets.length;
      for (const set of result.sets) {
        for (const t of Object.values(set.feeds))
          (tensorsByType[t.type] ??= { inputs: 0, outputs: 0 }).inputs++;
        for (const t of Object.values(set.expected))
          (tensorsByType[t.type] ??= { inputs: 0, outputs: 0 }).outputs++;
      }
    }
    onModel?.(result.outcome, index, paths.length);
  }
  const count = (status: ConformanceOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  const withReason = (statuses: ConformanceOutcome['status'][]) =>
    outcomes
      .filter((o) => statuses.includes(o.status))
      .map((o) => ({ model: o.model, reason: `${o.status}: ${'reason' in o ? o.reason : ''}` }));
  const summary: ConformanceSummary = {
    root,
    ortVersion: ort.env.versions.common ?? 'unknown',
    models: paths.length,
    passed: count('passed'),
    ortCannotLoad: count('ort-cannot-load'),
    ortCannotRun: count('ort-cannot-run'),
    ortDiffersFromReference: count('ort-differs-from-reference'),
    ortNondeterministic: count('ort-nondeterministic'),
    skippedByDecoder: count('skipped-by-decoder'),
    failed: count('failed'),
    ortReasons: group(
      withReason(['ort-cannot-load', 'ort-cannot-run', 'ort-differs-from-reference', 'ort-nondeterministic']),
    ),
    decoderReasons: group(
      outcomes
        .filter((o) => o.status === 'skipped-by-decoder')
        .map((o) => ({ model: o.model, reason: 'reason' in o ? o.reason : '' })),
    ),
    failures: outcomes
      .filter((o) => o.status === 'failed')
      .map((o) => ({ model: o.model, reason: 'reason' in o ? o.reason : '' })),
    tensorsByType,
    testDataSets,
    elapsedMs: Math.round(performance.now() - started),
  };
  return { summary, outcomes };
}

const RANDOM_OPERATORS = new Set([
  'Bernoulli',
  'Multinomial',
  'RandomNormal',
  'RandomNormalLike',
  'RandomUniform',
  'RandomUniformLike',
]);

/** The first random operator in the graph that has no `seed` attribute, if any. */
function unseededRandomOperator(model: OnnxModel): string | undefined {
  return model.graph.nodes.find(
    (node) => RANDOM_OPERATORS.has(node.opType) && !node.attributes.some((a) => a.name === 'seed'),
  )?.opType;
}
