import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  ConversionReport,
  ConversionRequest,
  ConversionSummary,
  OpsetReportInfo,
  PythonEnvironmentInfo,
} from '../../../../shared/contract/conversion.js';
import type { ParityReport, ParityTolerance } from '../../../../shared/contract/conversionParity.js';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import type { Job } from '../../../../shared/contract/jobs.js';
import type { ValueInfo } from '../../../../shared/contract/models.js';
import type { ModelAddResult } from '../../../../shared/contract/modelRegistry.js';
import { sha256File } from '../../datasets/index.js';
import type { JobContext, JobService } from '../../jobs/index.js';
import { regularFileFacts, type ModelRegistry, type ModelService } from '../../models/index.js';
import type { Workspace } from '../../workspace/index.js';
import { checkParity } from '../proof/index.js';
import { opsetReport, readModelForTransform } from '../transform/index.js';
import { detectPythonEnvironments, type ParitySet } from '../python/index.js';
import { conversionIdFor, createConversionStore, MODEL_FILE } from './conversionStore.js';
import { convertOnnx, type OnnxRequest } from './onnxConversion.js';
import { convertWithPython, type PythonRequest } from './pythonConversion.js';
import { latencyOf } from './latency.js';
import { converterVersion, convertedFrom, provenanceOf, settingsOf } from './provenance.js';

/** A request whose files the host has already resolved (and confined, for a window). */
export type ResolvedConversion = ResolvedPython | ResolvedOnnx;
interface ResolvedPython {
  request: PythonRequest;
  sourcePath: string;
  /** The file name the user knows it by (an upload's own name). */
  sourceName: string;
  codePath?: string;
  parityDataPath?: string;
}
interface ResolvedOnnx {
  request: OnnxRequest;
  sourcePath: string;
  sourceName: string;
  /** The registry version transformed; null for an .onnx file. */
  sourceModel: { name: string; version: number } | null;
}

const isOnnx = (resolved: ResolvedConversion): resolved is ResolvedOnnx => resolved.request.from === 'onnx';

export interface ConversionService {
  environments(python?: string): Promise<PythonEnvironmentInfo[]>;
  /** Converts and proves as a job; its result is the ConversionReport, saved under conversions/<id>/. */
  run(resolved: ResolvedConversion): Job;
  /** The opset report of an .onnx file. */
  opsets(path: string, signal?: AbortSignal): Promise<OpsetReportInfo>;
  list(): Promise<ConversionSummary[]>;
  get(id: string): Promise<ConversionReport>;
  log(id: string): Promise<string>;
  /** The absolute path of a saved conversion's model.onnx (for `--out`). */
  modelPath(id: string): Promise<string>;
  /** Registers a saved conversion's model; a failed parity only when forced. Result: ModelAddResult. */
  register(id: string, target: { name: string; description?: string; force: boolean }): Job;
  remove(id: string): Promise<{ trashedTo: string }>;
}

export interface ConversionServiceDeps {
  workspace: Workspace;
  jobs: JobService;
  models: ModelService;
  registry: Pick<ModelRegistry, 'addWithin'>;
  /** resources/converters, found where the app is installed; undefined when it is missing. */
  convertersDir: () => string | undefined;
  now?: () => Date;
}

export function createConversionService(deps: ConversionServiceDeps): ConversionService {
  const { workspace, jobs, models } = deps;
  const store = createConversionStore(workspace);
  const now = deps.now ?? (() => new Date());
  const convertersDir = (): string => {
    const dir = deps.convertersDir();
    if (dir) return dir;
    throw new WorkbenchError({
      code: 'NOT_FOUND',
      message: 'The converter scripts (resources/converters) are missing from this installation.',
      hint: 'Reinstall the workbench; ONNX-to-ONNX conversions (float16, int8, metadata) still work without them.',
    });
  };

  const registerSaved = async (
    report: ConversionReport,
    target: { name: string; description?: string; force: boolean },
    ctx: JobContext,
  ): Promise<ModelAddResult> => {
    if (!report.parity.pass && !target.force)
      throw new WorkbenchError({
        code: 'INVALID_INPUT',
        message: `The conversion ${report.id} failed its parity test, so it was not registered.`,
        hint: 'Look at which outputs differ (mlw convert show), loosen the tolerance if the difference is acceptable, or register it anyway with --force.',
        details: { parity: report.parity },
      });
    const result = await deps.registry.addWithin(ctx, {
      source: { path: store.modelPath(report.id), label: `${target.name}.onnx`, temporary: false },
      name: target.name,
      ...(target.description ? { description: target.description } : {}),
      convertedFrom: convertedFrom(report),
      conversion: provenanceOf(report, !report.parity.pass),
    });
    await store.update({
      ...report,
      registered: { name: result.name, version: result.version },
      registerRefused: null,
    });
    return result;
  };

  const convert = async (resolved: ResolvedConversion, ctx: JobContext): Promise<ConversionReport> => {
    const began = performance.now();
    const { request } = resolved;
    const { sourceName } = resolved;
    const createdAt = now();
    const id = conversionIdFor(
      sourceName,
      request.from === 'onnx' ? request.transform.to : request.from,
      createdAt,
    );
    await refuseUnreadableSource(resolved);
    const stage = workspace.scratch('conversions', id);
    await mkdir(stage, { recursive: true });
    try {
      const sourceHash = sha256File(resolved.sourcePath, ctx.signal);
      sourceHash.catch(() => undefined);
      let paritySets: ParitySet[];
      let converterMs: number;
      let log = '';
      let facts: Pick<
        ConversionReport,
        'converter' | 'libraries' | 'opset' | 'inputs' | 'outputs' | 'warnings'
      >;
      let sourceMs: number | null = null;
      if (isOnnx(resolved)) {
        const done = await convertOnnx(models, resolved.request, resolved.sourcePath, stage, ctx);
        paritySets = done.paritySets;
        converterMs = done.converterMs;
        facts = {
          converter: { name: `mlw ${done.transform.to}`, version: null },
          libraries: {},
          opset: done.opset,
          inputs: done.inputs.map(toReportInput),
          outputs: done.outputs,
          warnings: done.warnings,
        };
      } else {
        const done = await convertWithPython(resolved, convertersDir(), stage, ctx);
        paritySets = done.result.parity;
        converterMs = done.converterMs;
        log = done.log;
        sourceMs = done.result.sourceLatencyMs ?? null;
        const packages = done.environment.packages ?? {};
        facts = {
          converter: {
            name: done.result.converter,
            version: converterVersion(done.result.converter, packages),
          },
          libraries: { python: done.environment.python ?? null, ...packages },
          opset: done.result.opset,
          inputs: done.result.inputs,
          outputs: done.result.outputs,
          warnings: done.result.warnings,
        };
      }
      const out = join(stage, MODEL_FILE);
      ctx.progress(0.7, 'Checking the model');
      const inspection = await models.inspect(out, ctx.signal);
      const errors = inspection.findings.filter((finding) => finding.severity === 'error');
      ctx.progress(0.75, 'Testing parity in ONNX Runtime');
      const parity = await checkParity(models, out, paritySets, {
        ...defaultTolerance(request),
        ...request.tolerance,
      });
      logParity(parity, ctx);
      ctx.progress(0.85, 'Measuring latency');
      const latency = await latencyOf(models, out, resolved, paritySets[0], request.latencyRuns, ctx.signal);
      const [sourceSha, outSha, sourceBytes, outBytes] = await Promise.all([
        sourceHash,
        sha256File(out, ctx.signal),
        stat(resolved.sourcePath).then((s) => (s.isDirectory() ? 0 : s.size)),
        stat(out).then((s) => s.size),
      ]);
      const report: ConversionReport = {
        id,
        createdAt: createdAt.toISOString(),
        from: request.from,
        to: request.from === 'onnx' ? request.transform.to : null,
        source: {
          fileName: sourceName,
          bytes: sourceBytes,
          sha256: sourceSha,
          model: isOnnx(resolved) ? resolved.sourceModel : null,
        },
        output: {
          fileName: MODEL_FILE,
          bytes: outBytes,
          sha256: outSha,
          path: `conversions/${id}/${MODEL_FILE}`,
        },
        ...facts,
        settings: settingsOf(request),
        check: {
          errors: errors.length,
          warnings: inspection.findings.length - errors.length,
          messages: inspection.findings.map((finding) => `${finding.severity}: ${finding.message}`),
        },
        parity,
        latency: {
          sourceMs: sourceMs ?? latency.sourceMs,
          convertedMs: latency.convertedMs,
          batch: latency.batch,
        },
        timings: { converterMs, overheadMs: 0 },
        registered: null,
        registerRefused: null,
      };
      ctx.progress(0.95, 'Saving');
      await rm(join(stage, 'parity'), { recursive: true, force: true });
      report.timings.overheadMs = Math.max(0, performance.now() - began - converterMs);
      await store.save(report, stage, log);
      if (!request.register) return report;
      if (!parity.pass && !request.register.force) {
        const refused = {
          ...report,
          registerRefused: `The parity test failed, so ${request.register.name} was not registered; register it anyway with force.`,
        };
        await store.update(refused);
        return refused;
      }
      ctx.progress(0.97, `Registering ${request.register.name}`);
      const added = await registerSaved(report, request.register, ctx);
      return { ...report, registered: { name: added.name, version: added.version } };
    } catch (error) {
      await rm(stage, { recursive: true, force: true });
      throw error;
    }
  };

  return {
    environments: (python) => detectPythonEnvironments({ chosen: python, convertersDir: convertersDir() }),
    run: (resolved) =>
      jobs.start({ kind: 'conversion.run', title: titleOf(resolved) }, (ctx) => convert(resolved, ctx)),
    opsets: async (path, signal) => opsetReport(await readModelForTransform(path, signal)),
    list: () => store.list(),
    get: (id) => store.get(id),
    log: (id) => store.log(id),
    modelPath: async (id) => {
      await store.get(id);
      return store.modelPath(id);
    },
    register: (id, target) =>
      jobs.start({ kind: 'conversion.register', title: `Register ${target.name}` }, async (ctx) =>
        registerSaved(await store.get(id), target, ctx),
      ),
    remove: (id) => store.remove(id),
  };
}

function titleOf(resolved: ResolvedConversion): string {
  const name = resolved.sourceName;
  return resolved.request.from === 'onnx'
    ? `Convert ${name} to ${resolved.request.transform.to}`
    : `Convert ${name} to ONNX`;
}

function logParity(parity: ParityReport, ctx: JobContext): void {
  for (const set of parity.sets)
    for (const output of set.outputs)
      ctx.log(
        `parity ${set.label} (batch ${set.batch}) ${output.name}: ${
          output.labelAgreement === null
            ? `max abs error ${output.maxAbsError.toExponential(2)}, max rel error ${output.maxRelError.toExponential(2)}, ${output.outside} of ${output.elements} outside`
            : `labels agree ${(output.labelAgreement * 100).toFixed(1)}%`
        }`,
        set.pass ? 'info' : 'warn',
      );
  ctx.log(parity.pass ? 'Parity test passed' : 'Parity test FAILED', parity.pass ? 'info' : 'error');
}

function toReportInput(input: ValueInfo): ConversionReport['inputs'][number] {
  return {
    name: input.name,
    dtype: input.type ?? 'unknown',
    shape: (input.shape ?? []).map((dim) => dim ?? '?'),
  };
}

/**
 * What "answers the same" means by default: a float32 export should match its framework to float32
 * rounding; float16 keeps about three decimal digits; int8 weights move outputs by a few percent.
 * The user's tolerance overrides any of it.
 */
function defaultTolerance(request: ConversionRequest): Partial<ParityTolerance> {
  if (request.from !== 'onnx') return {};
  if (request.transform.to === 'float16') return { rtol: 1e-2, atol: 1e-3 };
  if (request.transform.to === 'int8') return { rtol: 0.1, atol: 0.1 };
  return { rtol: 0, atol: 0 };
}

/**
 * A FIFO, a device or a missing file would hang or confuse the converter and the hashing: refused
 * with the file's name before anything runs. A TensorFlow SavedModel is a folder.
 */
async function refuseUnreadableSource(resolved: ResolvedConversion): Promise<void> {
  const folder = await stat(resolved.sourcePath).then(
    (facts) => facts.isDirectory(),
    () => false,
  );
  if (folder && resolved.request.from === 'tensorflow') return;
  await regularFileFacts(resolved.sourcePath, 'a model');
}
