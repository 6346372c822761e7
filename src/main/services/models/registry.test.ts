import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONNX_TESTDATA, onnxTestDataSkipReason } from '../../../../test/fixtures/onnxTestData.js';
import { modelAddResultSchema, modelCardSchema } from '../../../shared/contract/modelRegistry.js';
import type { WorkbenchErrorShape } from '../../../shared/contract/errors.js';
import { createJobService, type JobService } from '../jobs/index.js';
import { createUploadStore, openWorkspace, type Workspace } from '../workspace/index.js';
import { createModelService, type ModelService } from './modelService.js';
import { createModelHost, forkWorker } from './index.js';
import { writeModel } from './onnx/testModels.js';
import { buildModelWorker } from './runtime/testing/buildWorker.js';
import { createModelRegistry, type ModelRegistry } from './registry/index.js';

const skipReason = onnxTestDataSkipReason();
let dir: string;
let entry: string;
let workspace: Workspace;
let jobs: JobService;
let models: ModelService;
let registry: ModelRegistry;
let addModel: string;
let subModel: string;

const source = (path: string) => ({ path, label: path, temporary: false });

async function added(request: Parameters<ModelRegistry['add']>[0]) {
  const job = await jobs.wait(registry.add(request).id);
  if (job.status !== 'succeeded') throw new Error(`${job.status}: ${job.error?.message}`);
  return modelAddResultSchema.parse(job.result);
}

async function failed(
  request: Parameters<ModelRegistry['add']>[0],
): Promise<WorkbenchErrorShape & { status: string }> {
  const job = await jobs.wait(registry.add(request).id);
  expect(job.status).not.toBe('succeeded');
  return { status: job.status, ...job.error! };
}

async function leftovers(): Promise<string[]> {
  return readdir(workspace.scratch('model-adds')).catch(() => []);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-registry-'));
  workspace = await openWorkspace(join(dir, 'ws'));
  jobs = createJobService();
  entry = await buildModelWorker();
  models = createModelService({ host: createModelHost({ spawn: forkWorker(entry) }) });
  registry = createModelRegistry({
    workspace,
    jobs,
    inspect: (path, signal) => models.inspect(path, signal),
    tryLoad: (path, signal) => models.tryLoad(path, signal),
    userName: () => 'ada',
  });
  await mkdir(join(dir, 'src'));
  addModel = join(dir, 'src', 'add.onnx');
  subModel = join(dir, 'src', 'sub.onnx');
  await copyFile(join(ONNX_TESTDATA, 'node', 'test_add', 'model.onnx'), addModel).catch(() => undefined);
  await copyFile(join(ONNX_TESTDATA, 'node', 'test_sub', 'model.onnx'), subModel).catch(() => undefined);
}, 60_000);
afterAll(async () => {
  await jobs.dispose();
  await models.dispose();
  await rm(dir, { recursive: true, force: true });
  await rm(entry, { force: true });
});

describe.skipIf(skipReason !== undefined)('the model registry', () => {
  it('adds a model as version 1 with its card and provenance', async () => {
    const result = await added({
      source: source(addModel),
      name: 'adder',
      description: 'Adds two tensors',
      convertedFrom: { framework: 'pytorch', tool: 'torch.onnx', toolVersion: '1.13' },
    });
    expect(result).toMatchObject({
      name: 'adder',
      version: 1,
      path: 'models/adder/1/add.onnx',
      warnings: [],
    });
    const card = modelCardSchema.parse(
      JSON.parse(await readFile(join(workspace.root, 'models/adder/1/card.json'), 'utf8')),
    );
    expect(card).toEqual(result.card);
    expect(card).toMatchObject({
      schemaVersion: 1,
      name: 'adder',
      version: 1,
      file: {
        name: 'add.onnx',
        sizeBytes: expect.any(Number) as number,
        sha256: expect.stringMatching(/^[a-f0-9]{64}$/) as string,
      },
      externalData: [],
      producer: { name: 'backend-test' },
      inputs: [
        { name: 'x', elementType: 'FLOAT', shape: [3, 4, 5] },
        { name: 'y', elementType: 'FLOAT', shape: [3, 4, 5] },
      ],
      outputs: [{ name: 'sum', elementType: 'FLOAT', shape: [3, 4, 5] }],
      parameters: 0,
      check: { errors: 0, warnings: 0 },
      description: 'Adds two tensors',
      provenance: {
        source: { kind: 'path', fileName: 'add.onnx', path: addModel },
        convertedFrom: { framework: 'pytorch', tool: 'torch.onnx', toolVersion: '1.13' },
        addedBy: 'ada',
      },
    });
    expect(card.opsets[0]?.domain).toBe('ai.onnx');
    expect(await readFile(join(workspace.root, 'models/adder/1/add.onnx'))).toEqual(await readFile(addModel));
    expect(await leftovers()).toEqual([]);
  });

  it('refuses an identical file naming the version, or adds it when allowed', async () => {
    const refused = await failed({ source: source(addModel), name: 'other' });
    expect(refused).toMatchObject({ status: 'failed', code: 'ALREADY_EXISTS' });
    expect(refused.message).toMatch(/identical to adder@1/);
    expect(await readdir(workspace.folder('models'))).toEqual(['adder']);
    expect(await leftovers()).toEqual([]);
  });

  it('adds version 2 of a name and lists versions side by side', async () => {
    const second = await added({ source: source(subModel), name: 'adder' });
    expect(second.version).toBe(2);
    expect(second.card.provenance.convertedFrom).toBeNull();
    const list = await registry.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'adder', latest: 2, nameWarning: null });
    expect(list[0]?.versions.map((card) => card.file.name)).toEqual(['add.onnx', 'sub.onnx']);
    expect((await registry.resolve('adder')).relativePath).toBe('models/adder/2/sub.onnx');
    expect((await registry.resolve('adder', 1)).relativePath).toBe('models/adder/1/add.onnx');
    const got = await registry.get('adder', 1);
    expect(got.summary.file.path).toBe('models/adder/1/add.onnx');
    expect(got.summary.operators).toEqual([{ opType: 'Add', domain: 'ai.onnx', count: 1 }]);
    await expect(registry.resolve('adder', 9)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(registry.resolve('nothing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('allows a duplicate when asked, with a warning', async () => {
    const third = await added({ source: source(addModel), name: 'adder', allowDuplicate: true });
    expect(third.version).toBe(3);
    expect(third.warnings.join('\n')).toMatch(/Identical to adder@1/);
  });

  it('gives two adds of one name at once different versions', async () => {
    const [a, b] = await Promise.all([
      added({ source: source(addModel), name: 'racing', allowDuplicate: true }),
      added({ source: source(subModel), name: 'racing', allowDuplicate: true }),
    ]);
    expect([a.version, b.version].sort()).toEqual([1, 2]);
    expect(await readdir(join(workspace.root, 'models/racing'))).toEqual(['1', '2']);
    await registry.remove('racing', undefined, true);
  });

  it('warns about a generic name, in the result and the listing', async () => {
    const dup = join(dir, 'src', 'model_final-2.onnx');
    await writeModel(join(dir, 'src'), 'model_final-2.onnx', {
      graph: {
        nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }],
        inputs: [{ name: 'x', elemType: 1, shape: [1, 4] }],
        outputs: [{ name: 'y', elemType: 1, shape: [1, 4] }],
      },
    });
    const result = await added({ source: source(dup) });
    expect(result.name).toBe('model_final-2');
    expect(result.warnings.join('\n')).toMatch(/says nothing/);
    const listed = (await registry.list()).find((model) => model.name === 'model_final-2');
    expect(listed?.nameWarning).toMatch(/says nothing/);
  });

  it('adds a model ONNX Runtime cannot load, and says so in its warnings', async () => {
    // Mul-6 is valid ONNX that the check passes (an old opset is only a warning), but ONNX Runtime's
    // CPU provider implements Mul from version 7 on.
    const path = await writeModel(join(dir, 'src'), 'old-mul.onnx', {
      opset: 6,
      graph: {
        nodes: [{ op: 'Mul', name: 'the_node', inputs: ['x', 'x'], outputs: ['y'] }],
        inputs: [{ name: 'x', elemType: 1, shape: [1] }],
        outputs: [{ name: 'y', elemType: 1, shape: [1] }],
      },
    });
    const result = await added({ source: source(path), name: 'old-mul' });
    expect(result.card.check.errors).toBe(0);
    const warning = result.warnings.find((text) => text.startsWith('ONNX Runtime cannot load this model'));
    expect(warning).toMatch(/old-mul\.onnx uses the operator Mul \(version 6\) \(node the_node\)/);
    expect(warning).not.toMatch(/onnxruntime::|\.cc:/);
    expect(await readdir(join(workspace.root, 'models/old-mul/1'))).toContain('old-mul.onnx');
  });

  it('copies external data files with their relative names and hashes them', async () => {
    const folder = join(dir, 'src', 'ext');
    await mkdir(join(folder, 'data'), { recursive: true });
    await writeFile(join(folder, 'data', 'w.bin'), Buffer.from(new Float32Array([1, 2, 3, 4]).buffer));
    await writeModel(folder, 'big.onnx', {
      graph: {
        nodes: [{ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }],
        inputs: [{ name: 'x', elemType: 1, shape: [4] }],
        outputs: [{ name: 'y', elemType: 1, shape: [4] }],
        initializers: [
          { name: 'w', dataType: 1, dims: [4], external: { location: 'data/w.bin', offset: 0, length: 16 } },
        ],
      },
    });
    const result = await added({ source: source(join(folder, 'big.onnx')), name: 'ext-adder' });
    expect(result.card.externalData).toEqual([
      { location: 'data/w.bin', sizeBytes: 16, sha256: expect.stringMatching(/^[a-f0-9]{64}$/) as string },
    ]);
    expect(result.card).toMatchObject({ parameters: 4, check: { errors: 0 } });
    expect(await readdir(join(workspace.root, 'models/ext-adder/1'))).toEqual([
      'big.onnx',
      'card.json',
      'data',
    ]);
    expect(result.findings).toEqual([]);
    // ONNX Runtime loads the registered copy with its data.
    const { outputs } = await models.run(join(workspace.root, result.path), {
      x: { type: 'float32', dims: [4], data: new Float32Array([1, 1, 1, 1]) },
    });
    expect(Array.from(outputs.y?.data as Float32Array)).toEqual([2, 3, 4, 5]);

    // Without its data file, nothing is added.
    await rm(join(folder, 'data', 'w.bin'));
    const missing = await failed({ source: source(join(folder, 'big.onnx')), name: 'ext-adder' });
    expect(missing).toMatchObject({ code: 'MODEL_INVALID' });
    expect(missing.message).toMatch(/data\/w\.bin/);
    expect(await readdir(join(workspace.root, 'models/ext-adder'))).toEqual(['1']);
    expect(await leftovers()).toEqual([]);
  });

  it('refuses a file that is not a model and leaves nothing', async () => {
    const junk = join(dir, 'src', 'junk.onnx');
    await writeFile(junk, 'not a model at all');
    expect(await failed({ source: source(junk), name: 'junk' })).toMatchObject({ code: 'MODEL_INVALID' });
    expect(await failed({ source: source(join(dir, 'nope.onnx')) })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await readdir(workspace.folder('models'))).includes('junk')).toBe(false);
    expect(await leftovers()).toEqual([]);
  });

  it('adds an upload, recording it as such, and removes the upload afterwards', async () => {
    const uploads = createUploadStore(workspace);
    const { uploadId } = await uploads.receive(createReadStream(subModel), 'Pets Classifier.onnx');
    const result = await added({ source: await uploads.open(uploadId), allowDuplicate: true });
    expect(result).toMatchObject({ name: 'pets-classifier', version: 1 });
    expect(result.card.provenance.source).toEqual({
      kind: 'upload',
      fileName: 'Pets Classifier.onnx',
      path: null,
    });
    await expect(uploads.open(uploadId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses an unreadable file with a clear message', async () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const locked = join(dir, 'src', 'locked.onnx');
    await copyFile(addModel, locked);
    await chmod(locked, 0o000);
    expect(await failed({ source: source(locked), name: 'locked' })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/permission denied/) as string,
    });
    expect(await leftovers()).toEqual([]);
  });

  it('leaves nothing when cancelled mid-add', async () => {
    let jobId = '';
    const cancelling = createModelRegistry({
      workspace,
      jobs,
      inspect: async (path, signal) => {
        jobs.cancel(jobId); // the copy is done; cancel while the worker inspects
        return models.inspect(path, signal);
      },
      tryLoad: (path, signal) => models.tryLoad(path, signal),
    });
    const job = cancelling.add({ source: source(subModel), name: 'cancelled', allowDuplicate: true });
    jobId = job.id;
    const done = await jobs.wait(job.id);
    expect(done.status).toBe('cancelled');
    expect((await readdir(workspace.folder('models'))).includes('cancelled')).toBe(false);
    expect(await leftovers()).toEqual([]);
  });

  it('deletes only when confirmed, into models/.trash, and never reuses a version number', async () => {
    await expect(registry.remove('adder', 3, false)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/needs confirmation/) as string,
    });
    expect((await registry.resolve('adder')).card.version).toBe(3);
    const removed = await registry.remove('adder', 3, true);
    expect(removed).toMatchObject({ name: 'adder', versions: [3] });
    expect(removed.trashedAs).toMatch(/^models\/\.trash\/adder@3\./);
    expect(await readdir(join(workspace.root, removed.trashedAs))).toContain('card.json');
    expect((await registry.resolve('adder')).card.version).toBe(2);
    const next = await added({ source: source(addModel), name: 'adder', allowDuplicate: true });
    expect(next.version).toBe(4);

    const all = await registry.remove('adder', undefined, true);
    expect(all.versions).toEqual([1, 2, 4]);
    expect((await registry.list()).map((model) => model.name)).not.toContain('adder');
    const again = await added({ source: source(subModel), name: 'adder', allowDuplicate: true });
    expect(again.version).toBe(5);
    await expect(registry.remove('ghost', undefined, true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
