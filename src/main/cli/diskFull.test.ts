import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountTinyDisk, tinyDiskSkipReason, type TinyDisk } from '../../../test/fixtures/tinyDisk.js';
import { DataType } from '../services/models/onnx/dataTypes.js';
import { writeModel } from '../services/models/onnx/testModels.js';
import { buildModelWorker } from '../services/models/runtime/testing/buildWorker.js';
import { runMlw } from './testing/runMlw.js';

const skipReason = tinyDiskSkipReason();
let disk: TinyDisk;
let dir: string;
let worker: string;
let previousWorker: string | undefined;
let model: string;
let workspace: string;

beforeAll(async () => {
  if (skipReason !== undefined) return;
  dir = await mkdtemp(join(tmpdir(), 'mlw-disk-full-'));
  worker = await buildModelWorker();
  previousWorker = process.env.MLW_MODEL_WORKER;
  process.env.MLW_MODEL_WORKER = worker;
  model = await writeModel(dir, 'add.onnx', {
    opset: 13,
    graph: {
      nodes: [{ op: 'Add', inputs: ['x', 'c'], outputs: ['y'] }],
      inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: [3] }],
      outputs: [{ name: 'y', elemType: DataType.FLOAT, shape: [3] }],
      initializers: [{ name: 'c', dataType: DataType.FLOAT, dims: [3], float_data: [1, 2, 3] }],
    },
  });
  // Room for the workspace and one small model (an add keeps 1 MiB to spare), then filled.
  disk = mountTinyDisk('2m');
  workspace = join(disk.dir, 'ws');
  const added = await runMlw(workspace, ['model', 'add', model, '--name', 'adder']);
  expect(added.code, added.stderr).toBe(0);
  disk.fill();
}, 120_000);

afterAll(async () => {
  if (skipReason !== undefined) return;
  disk.unmount();
  if (previousWorker === undefined) delete process.env.MLW_MODEL_WORKER;
  else process.env.MLW_MODEL_WORKER = previousWorker;
  await rm(dir, { recursive: true, force: true });
  await rm(worker, { force: true });
});

describe.skipIf(skipReason !== undefined)(`mlw on a full disk (${skipReason ?? 'tmpfs'})`, () => {
  it('bench: DISK_FULL naming the result file, and nothing left in the version folder', async () => {
    const { code, stderr } = await runMlw(workspace, ['model', 'bench', 'adder@1', '--runs', '2']);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^mlw: The disk is full: could not write \/.*\/ws\/models\/adder\/1\/benchmarks\/[\dT:.Z-]+\.json \(it needed [\d.]+ kB, 0 B is free\)\.\n {2}hint: Free some space/,
    );
    expect(await readdir(join(workspace, 'models', 'adder', '1'))).not.toContain('benchmarks');
    const writes = join(workspace, '.scratch', 'writes');
    for (const owner of await readdir(writes).catch((): string[] => []))
      expect(await readdir(join(writes, owner))).toEqual([]);
  });

  it('add: DISK_FULL before copying, and no staging folder left', async () => {
    const { code, stderr } = await runMlw(workspace, ['--json', 'model', 'add', model, '--name', 'again']);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^mlw: Adding add\.onnx needs \d+ B, but the workspace disk has 0 B free; nothing was added\./,
    );
    const stages = await readdir(join(workspace, '.scratch', 'model-adds')).catch((): string[] => []);
    for (const owner of stages)
      expect(await readdir(join(workspace, '.scratch', 'model-adds', owner))).toEqual([]);
  });

  it('a new workspace: DISK_FULL naming its workbench.json', async () => {
    const { code, stderr } = await runMlw(join(disk.dir, 'fresh'), ['model', 'list']);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `mlw: The disk is full: could not write ${join(disk.dir, 'fresh', 'workbench.json')}`,
    );
  });
});
