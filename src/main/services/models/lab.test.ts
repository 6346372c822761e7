import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONNX_TESTDATA, onnxTestDataSkipReason } from '../../../../test/fixtures/onnxTestData.js';
import { python, pythonOnnxSkipReason } from '../../../../test/fixtures/numpy.js';
import { benchResultSchema, diffResultSchema } from '../../../shared/contract/modelLab.js';
import { createJobService, type JobService } from '../jobs/index.js';
import { benchModel, createModelLab, diffModels, latestBenchmark, type ModelLab } from './lab/index.js';
import { createModelService, type ModelService } from './modelService.js';
import { createModelHost } from './runtime/modelHost.js';
import { buildModelWorker } from './runtime/testing/buildWorker.js';
import { forkWorker } from '../workerHost/index.js';

const skipReason = onnxTestDataSkipReason() ?? pythonOnnxSkipReason();
const repo = resolve(import.meta.dirname, '../../../..');
let dir: string;
let entry: string;
let models: ModelService;
let jobs: JobService;
let lab: ModelLab;
let add: string;
const cnn = (seed: number) => join(dir, `cnn-${seed}.onnx`);
const context = () => ({
  signal: new AbortController().signal,
  progress: () => undefined,
  log: () => undefined,
});

/** bench/make_cnn_model.py with its weights seeded by `seed` (the script itself always uses 7). */
function makeCnn(out: string, seed: number, size: 'small' | 'medium' = 'small') {
  const script = join(repo, 'bench', 'make_cnn_model.py');
  python(
    `import sys, pathlib\nsrc = pathlib.Path(sys.argv[1]).read_text().replace('default_rng(7)', 'default_rng(${seed})')\nsys.argv = [sys.argv[1], sys.argv[2], sys.argv[3]]\nexec(compile(src, 'make_cnn_model.py', 'exec'))`,
    [script, out, size],
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-lab-'));
  if (skipReason !== undefined) return;
  add = join(dir, 'add', '1', 'model.onnx');
  await mkdir(join(dir, 'add', '1'), { recursive: true });
  await copyFile(join(ONNX_TESTDATA, 'node', 'test_add', 'model.onnx'), add);
  makeCnn(cnn(1), 1);
  makeCnn(cnn(2), 2);
  makeCnn(join(dir, 'cnn-medium.onnx'), 1, 'medium');
  for (const seed of [1, 3])
    python(`import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')`, [
      join(repo, 'test', 'fixtures', 'make_zipmap_classifier.py'),
      join(dir, `clf-${seed}.onnx`),
      String(seed),
    ]);
  entry = await buildModelWorker();
  models = createModelService({ host: createModelHost({ spawn: forkWorker(entry) }) });
  jobs = createJobService();
  lab = createModelLab({ models, jobs, workspaceRoot: dir });
}, 120_000);
afterAll(async () => {
  await jobs?.dispose();
  await models?.dispose();
  await rm(dir, { recursive: true, force: true });
  if (entry) await rm(entry, { force: true });
});

describe.skipIf(skipReason !== undefined)('benchmarks timed in the model worker', () => {
  it('times test_add per cell, skips batches a fixed shape cannot take, and saves beside a registry version', async () => {
    const benchmarksDir = join(dir, 'add', '1', 'benchmarks');
    const job = lab.bench(
      { path: add, label: 'add@1', benchmarksDir },
      { batches: [1, 4], threads: [1, 2], runs: 30, warmup: 3 },
    );
    const done = await jobs.wait(job.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    const result = benchResultSchema.parse(done.result);
    expect(result.model).toMatchObject({ ref: 'add@1', path: add, sizeBytes: expect.any(Number) as unknown });
    expect(result.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.inputs).toEqual([
      { name: 'x', type: 'float32', dims: [3, 4, 5] },
      { name: 'y', type: 'float32', dims: [3, 4, 5] },
    ]);
    const ok = result.cells.filter((cell) => cell.status === 'ok');
    expect(ok.map((c) => [c.batch, c.intraOpThreads])).toEqual([
      [1, 1],
      [1, 2],
    ]);
    const feeds = Object.fromEntries(
      ['x', 'y'].map((name) => [
        name,
        { type: 'float32' as const, dims: [3, 4, 5], data: new Float32Array(60) },
      ]),
    );
    let roundTripMin = Infinity;
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await models.run(add, feeds);
      roundTripMin = Math.min(roundTripMin, performance.now() - started);
    }
    for (const cell of ok) {
      const l = cell.latencyMs!;
      expect(cell.runs).toBe(30);
      expect(l.min).toBeGreaterThan(0);
      expect(l.min <= l.p50 && l.p50 <= l.p90 && l.p90 <= l.p99 && l.p99 <= l.max).toBe(true);
      // Timed inside the worker: a 60-float Add takes microseconds, far below the IPC round trip the
      // same run costs from here. Fastest runs on both sides, so a loaded machine slows both alike.
      expect(l.min).toBeLessThan(roundTripMin / 2);
      expect(cell.itemsPerSecond).toBeCloseTo(1000 / l.mean, 6);
    }
    expect(result.cells.filter((c) => c.status === 'skipped').map((c) => c.batch)).toEqual([4, 4]);
    expect(result.cells.find((c) => c.status === 'skipped')?.reason).toMatch(
      /fixed leading dimensions .*batch of 4/,
    );
    expect(result.machine.cpuCount).toBeGreaterThan(0);
    expect(result.machine.ortVersion).toMatch(/^\d+\.\d+/);
    expect(result.savedTo).toMatch(/^add\/1\/benchmarks\/.*\.json$/);
    const saved = JSON.parse(await readFile(join(dir, result.savedTo!), 'utf8')) as unknown;
    expect(saved).toEqual(JSON.parse(JSON.stringify(result)));
    expect(await latestBenchmark(benchmarksDir)).toEqual(saved);
  });

  it('feeds each batch size through a leading symbolic dimension; throughput grows with the batch', async () => {
    const result = await benchModel(
      models,
      { path: cnn(1), label: cnn(1) },
      { batches: [1, 4], threads: [1], runs: 10, warmup: 2 },
      context(),
    );
    expect(result.savedTo).toBeNull();
    expect(result.cells.map((c) => [c.batch, c.status])).toEqual([
      [1, 'ok'],
      [4, 'ok'],
    ]);
    const [one, four] = result.cells;
    expect(four!.latencyMs!.p50).toBeGreaterThan(one!.latencyMs!.p50);
    expect(result.inputs[0]).toEqual({ name: 'image', type: 'float32', dims: [1, 3, 224, 224] });
  });

  it('is cancelled through the job, and the worker answers again afterwards', async () => {
    const job = lab.bench({ path: cnn(1), label: 'cnn' }, { batches: [8], runs: 100_000, warmup: 0 });
    await new Promise((r) => setTimeout(r, 300));
    jobs.cancel(job.id);
    const done = await jobs.wait(job.id);
    expect(done.status).toBe('cancelled');
    const again = await benchModel(models, { path: add, label: 'add' }, { runs: 5, warmup: 0 }, context());
    expect(again.cells[0]?.status).toBe('ok');
  });
});

describe.skipIf(skipReason !== undefined)('comparing two models', () => {
  it('finds the same structure, different weights, and how far the outputs and labels agree', async () => {
    const job = lab.diff(
      { path: cnn(1), label: 'cnn@1' },
      { path: cnn(2), label: 'cnn@2' },
      { samples: 4, batch: 4 },
    );
    const done = await jobs.wait(job.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    const result = diffResultSchema.parse(done.result);
    expect(result.signature.same).toBe(true);
    expect(result.signature.inputs).toEqual([
      {
        name: 'image',
        a: { type: 'FLOAT', shape: ['batch', 3, 224, 224] },
        b: { type: 'FLOAT', shape: ['batch', 3, 224, 224] },
        same: true,
      },
    ]);
    expect(result.operators).toEqual([]);
    expect(result.opsets).toEqual([{ domain: 'ai.onnx', a: 13, b: 13 }]);
    expect(result.size.added).toEqual([]);
    expect(result.size.removed).toEqual([]);
    expect(result.size.changedShape).toEqual([]);
    expect(result.a.sha256).not.toBe(result.b.sha256);
    expect(result.agreement.compared).toBe(true);
    expect(result.agreement.samples).toBe(4);
    const [probabilities] = result.agreement.outputs;
    expect(probabilities).toMatchObject({ name: 'probabilities', classifier: 'scores', nanMismatches: 0 });
    expect(probabilities!.maxAbsError).toBeGreaterThan(0);
    expect(probabilities!.labelAgreement).toBeGreaterThanOrEqual(0);
    expect(probabilities!.labelAgreement).toBeLessThanOrEqual(1);
    expect(result.benchmarks).toEqual({ a: null, b: null });
  });

  it('agrees fully with itself, and lists added operators and initializers of a bigger version', async () => {
    const same = await diffModels(
      models,
      { path: cnn(1), label: 'a' },
      { path: cnn(1), label: 'b' },
      { samples: 2 },
      context(),
    );
    expect(same.agreement.outputs[0]).toMatchObject({ maxAbsError: 0, maxRelError: 0, labelAgreement: 1 });
    const bigger = await diffModels(
      models,
      { path: cnn(1), label: 'small' },
      { path: join(dir, 'cnn-medium.onnx'), label: 'medium' },
      { samples: 1 },
      context(),
    );
    expect(bigger.operators).toContainEqual({ opType: 'Conv', domain: 'ai.onnx', a: 2, b: 5 });
    expect(bigger.nodes.b).toBeGreaterThan(bigger.nodes.a);
    expect(bigger.size.added.map((t) => t.name)).toEqual(['w3', 'b3', 'w4', 'b4', 'w5', 'b5']);
    expect(bigger.size.changedShape.map((c) => [c.name, c.a.shape, c.b.shape])).toEqual([
      ['wfc', [10, 32], [10, 256]],
    ]);
    expect(bigger.size.initializers.b.parameters).toBeGreaterThan(bigger.size.initializers.a.parameters);
    expect(bigger.agreement.compared).toBe(true);
  });

  it('compares the int64 labels of scikit-learn-style classifiers, leaving out their ZipMap output', async () => {
    const result = await diffModels(
      models,
      { path: join(dir, 'clf-1.onnx'), label: 'clf@1' },
      { path: join(dir, 'clf-3.onnx'), label: 'clf@2' },
      { samples: 8, batch: 32 },
      context(),
    );
    expect(result.signature.outputs.map((o) => [o.name, o.a?.type])).toEqual([
      ['label', 'INT64'],
      ['probabilities', 'sequence'],
    ]);
    expect(result.agreement.compared).toBe(true);
    expect(result.agreement.outputs).toHaveLength(1);
    const [label] = result.agreement.outputs;
    expect(label).toMatchObject({ name: 'label', classifier: 'labels' });
    // Different coefficients: some of the 256 items change class, not all.
    expect(label!.labelAgreement).toBeGreaterThan(0);
    expect(label!.labelAgreement).toBeLessThan(1);
    const { outputs } = await models.run(join(dir, 'clf-1.onnx'), {
      X: { type: 'float32', dims: [2, 2], data: Float32Array.of(1, 2, 3, 4) },
    });
    expect(Object.keys(outputs)).toEqual(['label']);
  });

  it('says why outputs cannot be compared when the inputs differ', async () => {
    const result = await diffModels(
      models,
      { path: add, label: 'add' },
      { path: cnn(1), label: 'cnn' },
      {},
      context(),
    );
    expect(result.signature.same).toBe(false);
    expect(result.agreement).toMatchObject({ compared: false, samples: 0 });
    expect(result.agreement.reason).toMatch(/different inputs/);
  });
});
