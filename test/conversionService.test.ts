import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conversionReportSchema,
  type ConversionRequestInput,
  conversionRequestSchema,
} from '../src/shared/contract/conversion.js';
import { modelAddResultSchema, modelCardSchema } from '../src/shared/contract/modelRegistry.js';
import {
  createConversionService,
  findConvertersDir,
  type ConversionService,
  type ResolvedConversion,
} from '../src/main/services/conversion/index.js';
import { createJobService, type JobService } from '../src/main/services/jobs/index.js';
import {
  createModelHost,
  createModelRegistry,
  createModelService,
  forkWorker,
  type ModelRegistry,
  type ModelService,
} from '../src/main/services/models/index.js';
import { buildModelWorker } from '../src/main/services/models/runtime/testing/buildWorker.js';
import { openWorkspace, type Workspace } from '../src/main/services/workspace/index.js';
import { PYTHON, pythonOnnxSkipReason } from './fixtures/numpy.js';

const skipReason = pythonOnnxSkipReason();
let dir: string;
let entry: string;
let workspace: Workspace;
let jobs: JobService;
let models: ModelService;
let registry: ModelRegistry;
let conversion: ConversionService;
const path = (name: string) => join(dir, 'src', name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-conversion-'));
  workspace = await openWorkspace(join(dir, 'ws'));
  jobs = createJobService();
  entry = await buildModelWorker();
  models = createModelService({ host: createModelHost({ spawn: forkWorker(entry) }), maxSessions: 4 });
  registry = createModelRegistry({
    workspace,
    jobs,
    inspect: (file, signal) => models.inspect(file, signal),
    tryLoad: (file, signal) => models.tryLoad(file, signal),
    userName: () => 'ada',
  });
  conversion = createConversionService({
    workspace,
    jobs,
    models,
    registry,
    convertersDir: () => findConvertersDir(),
  });
  if (skipReason) return;
  for (const script of [
    'test/fixtures/make_transform_models.py',
    'test/fixtures/conversion/make_sklearn_models.py',
  ]) {
    const made = spawnSync(PYTHON, [script, join(dir, 'src')], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`${script} failed: ${made.stderr}`);
  }
}, 180_000);
afterAll(async () => {
  await models.dispose();
  await jobs.dispose();
  await rm(dir, { recursive: true, force: true });
  await rm(entry, { force: true });
});

function resolvedFor(input: ConversionRequestInput): ResolvedConversion {
  const request = conversionRequestSchema.parse(input);
  if (request.from === 'onnx') {
    const file = request.model.kind === 'path' ? request.model.path : '';
    return { request, sourcePath: file, sourceName: file.replace(/^.*\//, ''), sourceModel: null };
  }
  const file = request.source.kind === 'path' ? request.source.path : '';
  return { request, sourcePath: file, sourceName: file.replace(/^.*\//, '') };
}

async function finished(resolved: ResolvedConversion) {
  const job = await jobs.wait(conversion.run(resolved).id);
  return job;
}

describe.skipIf(skipReason)('conversion service (real Python, ONNX Runtime, registry)', () => {
  it('converts a scikit-learn pipeline with the workbench converter, proves it and registers it with its provenance', async () => {
    const job = await finished(
      resolvedFor({
        from: 'sklearn',
        source: { kind: 'path', path: path('iris_logistic.joblib') },
        sklearn: { converter: 'mlw', parityData: { kind: 'path', path: path('iris_logistic.npy') } },
        register: { name: 'iris-classifier' },
        latencyRuns: 5,
      }),
    );
    expect(job.error).toBeUndefined();
    const report = conversionReportSchema.parse(job.result);
    expect(report.parity.pass).toBe(true);
    const labels = report.parity.sets.flatMap((set) => set.outputs).find((output) => output.name === 'label');
    expect(labels?.labelAgreement).toBe(1);
    expect(report.libraries.sklearn).toMatch(/^1\./);
    expect(report.converter.name).toMatch(/mlw/);
    expect(report.source.sha256).toMatch(/^[a-f0-9]{64}$/);
    expect(report.latency.convertedMs).toBeGreaterThan(0);
    expect(report.latency.sourceMs).toBeGreaterThan(0);
    expect(report.registered).toEqual({ name: 'iris-classifier', version: 1 });
    const { card } = await registry.resolve('iris-classifier');
    const provenance = modelCardSchema.parse(card).provenance;
    expect(provenance.convertedFrom).toMatchObject({ framework: 'scikit-learn' });
    expect(provenance.conversion).toMatchObject({
      conversionId: report.id,
      from: 'sklearn',
      source: { sha256: report.source.sha256, fileName: 'iris_logistic.joblib' },
      parity: { pass: true, labelAgreement: 1 },
      forced: false,
    });
    expect((await conversion.list()).map((summary) => summary.id)).toContain(report.id);
    expect(await conversion.log(report.id)).toMatch(/progress|result/);
    expect(await readdir(workspace.scratch('conversions')).catch(() => [])).toEqual([]);
  }, 120_000);

  it('quantizes an ONNX model to int8, proves it at two batch sizes, and refuses to register a failed parity unless forced', async () => {
    const strict = resolvedFor({
      from: 'onnx',
      model: { kind: 'path', path: path('mlp.onnx') },
      transform: { to: 'int8' },
      tolerance: { rtol: 0, atol: 0 },
      register: { name: 'mlp-int8' },
      latencyRuns: 5,
    });
    const refused = conversionReportSchema.parse((await finished(strict)).result);
    expect(refused.parity.pass).toBe(false);
    expect(refused.parity.sets.map((set) => set.batch)).toEqual([1, 7]);
    expect(refused.registered).toBeNull();
    expect(refused.registerRefused).toMatch(/parity test failed/);
    expect(refused.output.bytes / refused.source.bytes).toBeLessThan(0.3);
    expect(refused.latency.sourceMs).toBeGreaterThan(0);

    const registering = await jobs.wait(
      conversion.register(refused.id, { name: 'mlp-int8', force: false }).id,
    );
    expect(registering.error?.message).toMatch(/failed its parity test, so it was not registered/);
    expect(registering.error?.hint).toMatch(/--force/);
    const forced = await jobs.wait(conversion.register(refused.id, { name: 'mlp-int8', force: true }).id);
    const added = modelAddResultSchema.parse(forced.result);
    expect(added.card.provenance.conversion).toMatchObject({
      forced: true,
      to: 'int8',
      parity: { pass: false },
    });
    expect((await conversion.get(refused.id)).registered).toEqual({ name: 'mlp-int8', version: 1 });

    const lenient = conversionReportSchema.parse(
      (await finished(resolvedFor({ ...strict.request, tolerance: undefined, register: undefined }))).result,
    );
    expect(lenient.parity.tolerance).toMatchObject({ rtol: 0.1, atol: 0.1 });
    expect(lenient.parity.pass).toBe(true);
    expect((await stat(join(workspace.root, lenient.output.path))).size).toBe(lenient.output.bytes);
  }, 120_000);

  it('fails a conversion with the converter’s explanation and leaves nothing behind', async () => {
    const job = await finished(
      resolvedFor({
        from: 'sklearn',
        source: { kind: 'path', path: path('iris_svc.pkl') },
        sklearn: { converter: 'mlw' },
      }),
    );
    expect(job.status).toBe('failed');
    expect(job.error?.message).toMatch(/SVC/);
    expect(await readdir(workspace.scratch('conversions')).catch(() => [])).toEqual([]);
  }, 60_000);

  it('cancels a running conversion', async () => {
    const job = conversion.run(
      resolvedFor({
        from: 'sklearn',
        source: { kind: 'path', path: path('wine_forest.pkl') },
        sklearn: { converter: 'mlw' },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    jobs.cancel(job.id);
    const done = await jobs.wait(job.id);
    expect(done.status).toBe('cancelled');
    expect(await readdir(workspace.scratch('conversions')).catch(() => [])).toEqual([]);
  }, 60_000);
});
