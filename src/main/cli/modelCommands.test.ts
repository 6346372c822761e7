import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONNX_TESTDATA, onnxTestDataSkipReason } from '../../../test/fixtures/onnxTestData.js';
import {
  modelAddResultSchema,
  modelCardSchema,
  registryModelSchema,
} from '../../shared/contract/modelRegistry.js';
import { findingSchema } from '../../shared/contract/modelSummary.js';
import { writeModel } from '../services/models/onnx/testModels.js';
import { buildModelWorker } from '../services/models/runtime/testing/buildWorker.js';
import { runMlw } from './testing/runMlw.js';

const skipReason = onnxTestDataSkipReason();
let dir: string;
let workspace: string;
let worker: string;
let previousWorker: string | undefined;
const mlw = (...argv: string[]) => runMlw(workspace, argv);
const checkSchema = z.object({
  files: z.array(z.object({ file: z.string(), findings: z.array(findingSchema) })),
  errors: z.number(),
  warnings: z.number(),
  failed: z.boolean(),
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-model-cli-'));
  workspace = join(dir, 'ws');
  worker = await buildModelWorker();
  previousWorker = process.env.MLW_MODEL_WORKER;
  process.env.MLW_MODEL_WORKER = worker;
  await mkdir(join(dir, 'zoo', 'nested'), { recursive: true });
  await copyFile(join(ONNX_TESTDATA, 'node', 'test_add', 'model.onnx'), join(dir, 'zoo', 'add.onnx')).catch(
    () => undefined,
  );
  await copyFile(join(ONNX_TESTDATA, 'node', 'test_sub', 'model.onnx'), join(dir, 'sub.onnx')).catch(
    () => undefined,
  );
  await writeFile(join(dir, 'zoo', 'nested', 'broken.onnx'), 'this is not protobuf');
  await writeFile(join(dir, 'zoo', 'notes.txt'), 'not a model, not looked at');
  // Nodes out of topological order: a warning, not an error.
  await mkdir(join(dir, 'unsorted'));
  await writeModel(join(dir, 'unsorted'), 'unsorted.onnx', {
    graph: {
      nodes: [
        { op: 'Relu', inputs: ['t'], outputs: ['y'] },
        { op: 'Relu', inputs: ['x'], outputs: ['t'] },
      ],
      inputs: [{ name: 'x', elemType: 1, shape: [2] }],
      outputs: [{ name: 'y', elemType: 1, shape: [2] }],
    },
  });
}, 60_000);

afterAll(async () => {
  if (previousWorker === undefined) delete process.env.MLW_MODEL_WORKER;
  else process.env.MLW_MODEL_WORKER = previousWorker;
  await rm(dir, { recursive: true, force: true });
  await rm(worker, { force: true });
});

describe.skipIf(skipReason !== undefined)('mlw model', () => {
  it('add registers version 1 with its provenance and prints the result as JSON', async () => {
    const { code, stdout, stderr } = await mlw(
      'model',
      'add',
      join(dir, 'zoo', 'add.onnx'),
      '--name',
      'adder',
      '--description',
      'Adds two tensors',
      '--converted-from',
      'pytorch',
      '--tool',
      'torch.onnx',
      '--tool-version',
      '1.13',
      '--json',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = modelAddResultSchema.parse(JSON.parse(stdout));
    expect(result).toMatchObject({
      name: 'adder',
      version: 1,
      path: 'models/adder/1/add.onnx',
      warnings: [],
    });
    expect(result.card.provenance.convertedFrom).toEqual({
      framework: 'pytorch',
      tool: 'torch.onnx',
      toolVersion: '1.13',
    });
    expect(result.card.description).toBe('Adds two tensors');
  });

  it('add refuses an identical file, naming the version', async () => {
    const { code, stdout, stderr } = await mlw('model', 'add', join(dir, 'zoo', 'add.onnx'), '--json');
    expect(code).toBe(1);
    expect(stderr).toMatch(/identical to adder@1/);
    expect(stderr).toMatch(/--allow-duplicate/);
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'ALREADY_EXISTS' } });
  });

  it('add takes the next version, warns about a generic name, and refuses a bad name', async () => {
    const second = await mlw('model', 'add', join(dir, 'sub.onnx'), '--name', 'adder');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Added adder@2 as models/adder/2/sub.onnx');
    const generic = await mlw(
      'model',
      'add',
      join(dir, 'sub.onnx'),
      '--name',
      'model-final-2',
      '--allow-duplicate',
    );
    expect(generic.code).toBe(0);
    expect(generic.stdout).toMatch(/warning: .*says nothing/);
    expect(generic.stdout).toMatch(/warning: Identical to adder@2/);
    const bad = await mlw('model', 'add', join(dir, 'sub.onnx'), '--name', 'Not A Name');
    expect(bad.code).toBe(2);
  });

  it('list shows every model with its versions, as a table or JSON', async () => {
    const json = await mlw('model', 'list', '--json');
    expect(json.code).toBe(0);
    const models = z.array(registryModelSchema).parse(JSON.parse(json.stdout));
    expect(models.map((model) => [model.name, model.latest, model.versions.length])).toEqual([
      ['adder', 2, 2],
      ['model-final-2', 1, 1],
    ]);
    expect(models[1]?.nameWarning).toMatch(/says nothing/);
    const table = await mlw('model', 'list');
    expect(table.stdout).toMatch(/adder\s+1\s+add\.onnx/);
    expect(table.stdout).toMatch(/2 \(latest\)\s+sub\.onnx/);
    expect(table.stdout).toMatch(/warning: "model-final-2" says nothing/);
  });

  it('show prints a card by name@version, the latest by name, or inspects a path', async () => {
    const first = await mlw('model', 'show', 'adder@1', '--json');
    expect(first.code).toBe(0);
    const shown = z
      .object({ card: modelCardSchema, path: z.string(), findings: z.array(findingSchema) })
      .parse(JSON.parse(first.stdout));
    expect(shown).toMatchObject({
      card: { version: 1, file: { name: 'add.onnx' } },
      path: 'models/adder/1/add.onnx',
    });
    const latest = await mlw('model', 'show', 'adder');
    expect(latest.stdout).toMatch(/^adder@2 {2}\(models\/adder\/2\/sub\.onnx\)/);
    expect(latest.stdout).toMatch(/inputs\s+x FLOAT \[3, 4, 5\], y FLOAT \[3, 4, 5\]/);
    const path = await mlw('model', 'show', join(dir, 'zoo', 'add.onnx'));
    expect(path.code).toBe(0);
    expect(path.stdout).toMatch(/operators\s+Add 1/);
    expect((await mlw('model', 'show', 'adder@9')).code).toBe(1);
    expect((await mlw('model', 'show', 'Adder')).code).toBe(2);
  });

  it('check exits 1 for a folder with one broken file and prints findings per file', async () => {
    const { code, stdout } = await mlw('model', 'check', join(dir, 'zoo'), '--json');
    expect(code).toBe(1);
    const report = checkSchema.parse(JSON.parse(stdout));
    expect(report.files.map((file) => [file.file, file.findings.map((finding) => finding.code)])).toEqual([
      [join(dir, 'zoo', 'add.onnx'), []],
      [join(dir, 'zoo', 'nested', 'broken.onnx'), ['MODEL_INVALID']],
    ]);
    expect(report).toMatchObject({ errors: 1, warnings: 0, failed: true });
    const table = await mlw('model', 'check', join(dir, 'zoo'));
    expect(table.stdout).toMatch(/broken\.onnx\s+error\s+MODEL_INVALID/);
    expect(table.stdout).toContain('2 files checked: 1 error, 0 warnings');
  });

  it('check exits 0 for clean files and registered models, 1 on warnings unless --errors-only', async () => {
    expect((await mlw('model', 'check', join(dir, 'zoo', 'add.onnx'), 'adder@1', 'adder')).code).toBe(0);
    const unsorted = join(dir, 'unsorted', 'unsorted.onnx');
    const warned = await mlw('model', 'check', unsorted, '--json');
    expect(checkSchema.parse(JSON.parse(warned.stdout))).toMatchObject({
      errors: 0,
      warnings: 1,
      failed: true,
    });
    expect(warned.code).toBe(1);
    expect((await mlw('model', 'check', unsorted, '--errors-only')).code).toBe(0);
    const missing = await mlw('model', 'check', join(dir, 'nope.onnx'), '--errors-only', '--json');
    expect(missing.code).toBe(1);
    expect(checkSchema.parse(JSON.parse(missing.stdout)).files[0]?.findings[0]?.code).toBe('NOT_FOUND');
  });

  it('delete needs --yes without a terminal, then moves the version to the trash', async () => {
    const refused = await mlw('model', 'delete', 'adder@2');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/needs confirmation.*no terminal/);
    expect((await mlw('model', 'list', '--json')).stdout).toContain('"latest": 2');
    const file = await mlw('model', 'delete', './adder.onnx', '--yes');
    expect(file.code).toBe(2);
    const done = await mlw('model', 'delete', 'adder@2', '--yes', '--json');
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ name: 'adder', versions: [2] });
    expect(await readdir(join(workspace, 'models', '.trash'))).toEqual([expect.stringMatching(/^adder@2\./)]);
    const all = await mlw('model', 'delete', 'model-final-2', '--yes');
    expect(all.stdout).toMatch(/Moved model-final-2@1 to models\/\.trash\/model-final-2\./);
    expect((await mlw('model', 'delete', 'ghost', '--yes')).code).toBe(1);
  });

  it('add registers a model ONNX Runtime cannot load and warns, in text and in JSON', async () => {
    // Mul-6 passes the check (an old opset is only a warning), but ONNX Runtime's CPU provider
    // implements Mul from version 7 on: only loading it tells.
    await mkdir(join(dir, 'old'));
    const path = await writeModel(join(dir, 'old'), 'old-mul.onnx', {
      opset: 6,
      graph: {
        nodes: [{ op: 'Mul', name: 'the_node', inputs: ['x', 'x'], outputs: ['y'] }],
        inputs: [{ name: 'x', elemType: 1, shape: [1] }],
        outputs: [{ name: 'y', elemType: 1, shape: [1] }],
      },
    });
    const text = await mlw('model', 'add', path, '--name', 'old-mul');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/warning: ONNX Runtime cannot load this model.*Mul \(version 6\)/);
    expect(text.stdout).not.toMatch(/onnxruntime::|\.cc:/);
    const json = await mlw('model', 'add', path, '--name', 'old-mul', '--allow-duplicate', '--json');
    expect(json.code).toBe(0);
    const result = modelAddResultSchema.parse(JSON.parse(json.stdout));
    expect(result.version).toBe(2);
    expect(result.warnings).toContainEqual(expect.stringMatching(/^ONNX Runtime cannot load this model/));
  });
});
