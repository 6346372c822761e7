import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONNX_TESTDATA, onnxTestDataSkipReason } from '../../../test/fixtures/onnxTestData.js';
import { benchResultSchema } from '../../shared/contract/modelLab.js';
import { createJobService, type JobService } from '../services/jobs/index.js';
import {
  createModelHost,
  createModelRegistry,
  createModelService,
  forkWorker,
  type ModelRegistry,
  type ModelService,
} from '../services/models/index.js';
import { createModelLab, type ModelLab } from '../services/models/lab/index.js';
import { buildModelWorker } from '../services/models/runtime/testing/buildWorker.js';
import { createUploadStore, openWorkspace, type Workspace } from '../services/workspace/index.js';
import { cliCaller } from './callers.js';
import { benchmarkFolders, labModel } from './labModels.js';

const skipReason = onnxTestDataSkipReason();
let dir: string;
let entry: string;
let workspace: Workspace;
let jobs: JobService;
let models: ModelService;
let registry: ModelRegistry;
let lab: ModelLab;

async function register(file: string) {
  const job = await jobs.wait(
    registry.add({ source: { path: file, label: file, temporary: false }, name: 'adder' }).id,
  );
  if (job.status !== 'succeeded') throw new Error(`${job.status}: ${job.error?.message}`);
}

/** A real, small benchmark of a registry version, saved where the registry keeps it. */
async function bench(version: number) {
  const caller = cliCaller(createUploadStore(workspace), workspace.root);
  const model = await labModel({ kind: 'registry', name: 'adder', version }, caller, registry);
  const job = await jobs.wait(lab.bench(model, { runs: 3, warmup: 0 }).id);
  if (job.status !== 'succeeded') throw new Error(`${job.status}: ${job.error?.message}`);
  return benchResultSchema.parse(job.result);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-saved-benchmarks-'));
  if (skipReason !== undefined) return;
  workspace = await openWorkspace(join(dir, 'ws'));
  jobs = createJobService();
  entry = await buildModelWorker();
  models = createModelService({ host: createModelHost({ spawn: forkWorker(entry) }) });
  registry = createModelRegistry({
    workspace,
    jobs,
    inspect: (path, signal) => models.inspect(path, signal),
    tryLoad: (path, signal) => models.tryLoad(path, signal),
  });
  lab = createModelLab({ models, jobs, workspaceRoot: workspace.root });
  await mkdir(join(dir, 'src'));
  for (const op of ['add', 'sub']) {
    await copyFile(join(ONNX_TESTDATA, 'node', `test_${op}`, 'model.onnx'), join(dir, 'src', `${op}.onnx`));
    await register(join(dir, 'src', `${op}.onnx`));
  }
}, 60_000);
afterAll(async () => {
  await jobs?.dispose();
  await models?.dispose();
  await rm(dir, { recursive: true, force: true });
  if (entry) await rm(entry, { force: true });
});

describe.skipIf(skipReason !== undefined)('benchmarks saved beside registry versions', () => {
  it('lists a version’s benchmarks newest first and reports files that are not benchmarks', async () => {
    expect(await lab.saved(await benchmarkFolders(registry, 'adder', 1))).toEqual({
      benchmarks: [],
      skipped: [],
    });
    const first = await bench(1);
    const second = await bench(1);
    const newer = await bench(2);
    const folder = join(workspace.root, 'models', 'adder', '1', 'benchmarks');
    await writeFile(join(folder, 'half-written.json'), '{"schemaVersion": 1, "cel');
    await writeFile(join(folder, 'foreign.json'), JSON.stringify({ schemaVersion: 2, cells: [] }));
    await writeFile(join(folder, 'notes.txt'), 'not a benchmark, not a .json either');

    const one = await lab.saved(await benchmarkFolders(registry, 'adder', 1));
    expect(one.benchmarks.map((b) => b.file)).toEqual([second.savedTo, first.savedTo]);
    expect(one.benchmarks[0]).toEqual({ version: 1, file: second.savedTo, result: second });
    expect(one.benchmarks[0]?.file).toMatch(/^models\/adder\/1\/benchmarks\/.+\.json$/);
    expect(one.skipped.sort((a, b) => a.file.localeCompare(b.file))).toEqual([
      {
        version: 1,
        file: 'models/adder/1/benchmarks/foreign.json',
        reason: expect.stringMatching(/^Not a benchmark result: schemaVersion: /) as unknown,
      },
      {
        version: 1,
        file: 'models/adder/1/benchmarks/half-written.json',
        reason: expect.stringMatching(/^Not JSON: /) as unknown,
      },
    ]);

    const all = await lab.saved(await benchmarkFolders(registry, 'adder'));
    expect(all.benchmarks.map((b) => [b.version, b.result.createdAt])).toEqual([
      [2, newer.createdAt],
      [1, second.createdAt],
      [1, first.createdAt],
    ]);
    expect(all.skipped).toHaveLength(2);
  });

  it('names a model or version that is not registered', async () => {
    await expect(benchmarkFolders(registry, 'nobody')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(benchmarkFolders(registry, 'adder', 9)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
