import { cancelledError } from '../../../../shared/contract/errors.js';
import { diffOptionsSchema, type DiffResult } from '../../../../shared/contract/modelLab.js';
import type { TypeSummary, ValueSummary } from '../../../../shared/contract/modelSummary.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import type { JobContext } from '../../jobs/index.js';
import type { ModelService } from '../modelService.js';
import { readOnnxModel } from '../onnx/index.js';
import { float16ToNumber, generateInputs, onnxElementTypeName } from '../tensors/index.js';
import { identify, latestBenchmark, type LabModel } from './identity.js';

export type DiffOptionsInput = Parameters<typeof diffOptionsSchema.parse>[0];
type Side = DiffResult['signature']['inputs'][number]['a'];

function side(type: TypeSummary | null | undefined): Side {
  if (!type) return { type: null, shape: null };
  if (type.kind === 'tensor' || type.kind === 'sparse_tensor')
    return { type: type.elementType, shape: type.shape };
  return { type: type.kind, shape: null };
}

function signatureDiff(a: ValueSummary[], b: ValueSummary[]) {
  const names = [...new Set([...a.map((v) => v.name), ...b.map((v) => v.name)])];
  return names.map((name) => {
    const x = a.find((v) => v.name === name);
    const y = b.find((v) => v.name === name);
    const sa = x ? side(x.type) : null;
    const sb = y ? side(y.type) : null;
    return {
      name,
      a: sa,
      b: sb,
      same: sa !== null && sb !== null && JSON.stringify(sa) === JSON.stringify(sb),
    };
  });
}

async function initializerList(path: string, signal: AbortSignal) {
  // The structure only: readOnnxModel never reads the weights' bytes.
  const model = await readOnnxModel(path, { signal });
  return new Map(
    model.graph.initializers.map((t) => [
      t.name,
      { name: t.name, type: onnxElementTypeName(t.dataType), shape: t.dims },
    ]),
  );
}

const numeric = (tensor: TensorValue): number[] | null => {
  if (tensor.type === 'string' || tensor.type === 'bool') return null;
  if (tensor.type === 'float16') return Array.from(tensor.data as Uint16Array, float16ToNumber);
  return Array.from(tensor.data as ArrayLike<number | bigint>, Number);
};

interface Agreement {
  maxAbs: number | null;
  maxRel: number | null;
  nanMismatches: number;
  classifier: 'scores' | 'labels' | null;
  sameLabels: number;
  items: number;
  problem?: string;
}

function classify(tensor: TensorValue): 'scores' | 'labels' | null {
  const floats = tensor.type === 'float32' || tensor.type === 'float64' || tensor.type === 'float16';
  if (floats && tensor.dims.length === 2 && (tensor.dims[1] ?? 0) > 1) return 'scores';
  const ints = tensor.type === 'int64' || tensor.type === 'int32';
  if (ints && (tensor.dims.length === 1 || (tensor.dims.length === 2 && tensor.dims[1] === 1)))
    return 'labels';
  return null;
}

function argmaxRows(values: number[], columns: number): number[] {
  const labels: number[] = [];
  for (let row = 0; row * columns < values.length; row += 1) {
    let best = 0;
    for (let c = 1; c < columns; c += 1)
      if ((values[row * columns + c] ?? -Infinity) > (values[row * columns + best] ?? -Infinity)) best = c;
    labels.push(best);
  }
  return labels;
}

function accumulate(agreement: Agreement, x: TensorValue, y: TensorValue): void {
  if (x.type !== y.type || x.dims.join(',') !== y.dims.join(',')) {
    agreement.problem = `${x.type} [${x.dims.join(', ')}] against ${y.type} [${y.dims.join(', ')}]`;
    return;
  }
  const a = numeric(x);
  const b = numeric(y);
  if (!a || !b) {
    // Strings and booleans: only identical or not.
    const same =
      (x.data as ArrayLike<unknown>).length === (y.data as ArrayLike<unknown>).length &&
      Array.from(x.data as ArrayLike<unknown>).every((v, i) => v === (y.data as ArrayLike<unknown>)[i]);
    agreement.maxAbs = Math.max(agreement.maxAbs ?? 0, same ? 0 : 1);
    return;
  }
  for (let i = 0; i < a.length; i += 1) {
    const p = a[i] ?? 0;
    const q = b[i] ?? 0;
    if (Number.isNaN(p) || Number.isNaN(q)) {
      if (Number.isNaN(p) !== Number.isNaN(q)) agreement.nanMismatches += 1;
      continue;
    }
    const diff = p === q ? 0 : Math.abs(p - q);
    const scale = Math.max(Math.abs(p), Math.abs(q));
    agreement.maxAbs = Math.max(agreement.maxAbs ?? 0, diff);
    agreement.maxRel = Math.max(agreement.maxRel ?? 0, scale === 0 ? 0 : diff / scale);
  }
  agreement.classifier = classify(x);
  if (agreement.classifier === 'scores') {
    const columns = x.dims[1] ?? 1;
    const la = argmaxRows(a, columns);
    const lb = argmaxRows(b, columns);
    agreement.items += la.length;
    agreement.sameLabels += la.filter((label, i) => label === lb[i]).length;
  } else if (agreement.classifier === 'labels') {
    agreement.items += a.length;
    agreement.sameLabels += a.filter((label, i) => label === b[i]).length;
  }
}

/**
 * Compares two models: signatures, opsets, operator counts, size and initializers, their latest
 * saved benchmarks, and how far their outputs agree on the same generated inputs.
 */
export async function diffModels(
  models: ModelService,
  a: LabModel,
  b: LabModel,
  input: DiffOptionsInput,
  context: Pick<JobContext, 'signal' | 'progress' | 'log'>,
): Promise<DiffResult> {
  const options = diffOptionsSchema.parse(input);
  const { signal } = context;
  const started = performance.now();
  const createdAt = new Date().toISOString();
  context.progress(0, 'Reading both models');
  const [idA, idB] = [await identify(a, signal), await identify(b, signal)];
  const [inspA, inspB] = [await models.inspect(a.path, signal), await models.inspect(b.path, signal)];
  const [initA, initB] = [await initializerList(a.path, signal), await initializerList(b.path, signal)];
  const sa = inspA.summary;
  const sb = inspB.summary;

  const domains = [...new Set([...sa.opsets, ...sb.opsets].map((o) => o.domain))].sort();
  const opsets = domains.map((domain) => ({
    domain,
    a: sa.opsets.find((o) => o.domain === domain)?.version ?? null,
    b: sb.opsets.find((o) => o.domain === domain)?.version ?? null,
  }));
  const opKey = (o: { opType: string; domain: string }) => `${o.domain}\u0000${o.opType}`;
  const ops = new Map<string, { opType: string; domain: string; a: number; b: number }>();
  for (const o of sa.operators) ops.set(opKey(o), { opType: o.opType, domain: o.domain, a: o.count, b: 0 });
  for (const o of sb.operators) {
    const found = ops.get(opKey(o)) ?? { opType: o.opType, domain: o.domain, a: 0, b: 0 };
    ops.set(opKey(o), { ...found, b: o.count });
  }
  const operators = [...ops.values()]
    .filter((o) => o.a !== o.b)
    .sort((x, y) => x.opType.localeCompare(y.opType));
  const totals = (s: typeof sa) => ({
    count: s.initializers.count,
    bytes: s.initializers.bytes,
    parameters: s.initializers.parameters,
  });

  const inputs = signatureDiff(sa.inputs, sb.inputs);
  const outputs = signatureDiff(sa.outputs, sb.outputs);

  // Output agreement: the same generated inputs through both.
  context.progress(0.1, 'Opening both models');
  const openA = await models.open(a.path, undefined, signal);
  const openB = await models.open(b.path, undefined, signal);
  const sameInputs =
    openA.inputs.length === openB.inputs.length &&
    openA.inputs.every((x) => {
      const y = openB.inputs.find((v) => v.name === x.name);
      return y !== undefined && y.type === x.type && (y.shape?.length ?? -1) === (x.shape?.length ?? -1);
    });
  // Tensor outputs only: a sequence or map output (a ZipMap) never comes back from a run.
  const common = openA.outputs
    .filter((o) => o.type !== null)
    .map((o) => o.name)
    .filter((name) => openB.outputs.some((o) => o.name === name && o.type !== null));
  const agreements = new Map<string, Agreement>(
    common.map((name) => [
      name,
      { maxAbs: null, maxRel: null, nanMismatches: 0, classifier: null, sameLabels: 0, items: 0 },
    ]),
  );
  let reason: string | undefined;
  if (!sameInputs)
    reason = 'The models take different inputs (names, element types or ranks), so no input feeds both.';
  else if (common.length === 0) reason = 'The models have no output name in common.';
  else {
    for (let sample = 0; sample < options.samples; sample += 1) {
      if (signal.aborted) throw cancelledError('The comparison');
      context.progress(0.1 + (0.9 * sample) / options.samples, `Sample ${sample + 1} of ${options.samples}`);
      const feeds = generateInputs(openA.inputs, {
        batch: options.batch,
        dims: options.dims,
        seed: options.seed + sample,
        model: a.label,
      });
      const [ra, rb] = [
        await models.run(a.path, feeds, undefined, signal),
        await models.run(b.path, feeds, undefined, signal),
      ];
      for (const name of common) {
        const x = ra.outputs[name];
        const y = rb.outputs[name];
        const agreement = agreements.get(name);
        if (x && y && agreement && !agreement.problem) accumulate(agreement, x, y);
      }
    }
  }
  const problems = [...agreements.entries()]
    .filter(([, g]) => g.problem)
    .map(([name, g]) => `${name}: ${g.problem ?? ''}`);
  if (problems.length) reason = `Outputs differ in type or shape: ${problems.join('; ')}.`;
  context.progress(1, 'Done');
  return {
    schemaVersion: 1,
    a: idA,
    b: idB,
    signature: { inputs, outputs, same: [...inputs, ...outputs].every((entry) => entry.same) },
    opsets,
    operators,
    nodes: {
      a: sa.operators.reduce((sum, o) => sum + o.count, 0),
      b: sb.operators.reduce((sum, o) => sum + o.count, 0),
    },
    size: {
      fileBytes: { a: idA.sizeBytes, b: idB.sizeBytes },
      initializers: { a: totals(sa), b: totals(sb) },
      added: [...initB.values()].filter((t) => !initA.has(t.name)),
      removed: [...initA.values()].filter((t) => !initB.has(t.name)),
      changedShape: [...initA.values()].flatMap((t) => {
        const other = initB.get(t.name);
        return other && (other.type !== t.type || other.shape.join(',') !== t.shape.join(','))
          ? [{ name: t.name, a: t, b: other }]
          : [];
      }),
    },
    benchmarks: { a: await latestBenchmark(a.benchmarksDir), b: await latestBenchmark(b.benchmarksDir) },
    agreement: {
      samples: sameInputs && common.length ? options.samples : 0,
      compared: reason === undefined,
      ...(reason ? { reason } : {}),
      outputs: [...agreements.entries()].map(([name, g]) => ({
        name,
        maxAbsError: g.problem ? null : g.maxAbs,
        maxRelError: g.problem ? null : g.maxRel,
        nanMismatches: g.nanMismatches,
        classifier: g.classifier,
        labelAgreement: g.classifier && g.items > 0 ? g.sameLabels / g.items : null,
      })),
    },
    createdAt,
    elapsedMs: Math.round(performance.now() - started),
  };
}
