import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PYTHON, pythonOnnxSkipReason } from '../../../test/fixtures/numpy.js';
import { conversionReportSchema, conversionSummarySchema } from '../../shared/contract/conversion.js';
import { modelAddResultSchema } from '../../shared/contract/modelRegistry.js';
import { buildModelWorker } from '../services/models/runtime/testing/buildWorker.js';
import { PARITY_EXIT_CODE } from './convertCommands.js';
import { runMlw } from './testing/runMlw.js';

const skipReason = pythonOnnxSkipReason();
let dir: string;
let workspace: string;
let worker: string;
let previousWorker: string | undefined;
const mlw = (...argv: string[]) => runMlw(workspace, argv);
const file = (name: string) => join(dir, 'src', name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-convert-cli-'));
  workspace = join(dir, 'ws');
  worker = await buildModelWorker();
  previousWorker = process.env.MLW_MODEL_WORKER;
  process.env.MLW_MODEL_WORKER = worker;
  if (skipReason) return;
  for (const script of [
    'test/fixtures/make_transform_models.py',
    'test/fixtures/conversion/make_sklearn_models.py',
  ]) {
    const made = spawnSync(PYTHON, [script, join(dir, 'src')], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`${script} failed: ${made.stderr}`);
  }
}, 120_000);

afterAll(async () => {
  if (previousWorker === undefined) delete process.env.MLW_MODEL_WORKER;
  else process.env.MLW_MODEL_WORKER = previousWorker;
  await rm(dir, { recursive: true, force: true });
  await rm(worker, { force: true });
});

describe.skipIf(skipReason)('mlw convert', () => {
  it('converts a pickled pipeline, writes --out, registers it and shows the proof', async () => {
    const out = join(dir, 'cancer.onnx');
    const run = await mlw(
      '--json',
      'convert',
      file('cancer_logistic.pkl'),
      '--converter',
      'mlw',
      '--parity-data',
      file('cancer_logistic.npy'),
      '--out',
      out,
      '--register',
      'cancer-classifier',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = conversionReportSchema.parse(JSON.parse(run.stdout));
    expect(report.parity.pass).toBe(true);
    expect(report.registered).toEqual({ name: 'cancer-classifier', version: 1 });
    expect((await stat(out)).size).toBe(report.output.bytes);
    const shown = await mlw('model', 'show', 'cancer-classifier');
    expect(shown.stdout).toMatch(/conversion\s+sklearn → ONNX by mlw_sklearn.*parity passed/);
    const human = await mlw('convert', 'show', report.id);
    expect(human.stdout).toMatch(/parity passed/);
    expect(human.stdout).toMatch(/probabilities/);
    const list = await mlw('--json', 'convert', 'list');
    expect(conversionSummarySchema.array().parse(JSON.parse(list.stdout))[0]).toMatchObject({
      id: report.id,
      pass: true,
    });
  }, 120_000);

  it(`exits ${PARITY_EXIT_CODE} when parity fails, registers nothing, and registers only with --force`, async () => {
    const run = await mlw(
      '--json',
      'convert',
      file('mlp.onnx'),
      '--to',
      'int8',
      '--rtol',
      '0',
      '--atol',
      '0',
      '--register',
      'mlp-int8',
    );
    expect(run.code).toBe(PARITY_EXIT_CODE);
    const report = conversionReportSchema.parse(JSON.parse(run.stdout));
    expect(report.registered).toBeNull();
    expect(report.registerRefused).toMatch(/parity test failed/);
    const refused = await mlw('convert', 'register', report.id, '--name', 'mlp-int8');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/failed its parity test, so it was not registered/);
    const forced = await mlw('--json', 'convert', 'register', report.id, '--name', 'mlp-int8', '--force');
    expect(forced.code).toBe(0);
    const card = modelAddResultSchema.parse(JSON.parse(forced.stdout)).card;
    expect(card.provenance.conversion).toMatchObject({ forced: true, to: 'int8' });
  }, 120_000);

  it('converts a registered version to float16 and records it as the source', async () => {
    await mlw('model', 'add', file('gemm.onnx'), '--name', 'gemm');
    const run = await mlw('--json', 'convert', 'gemm@1', '--to', 'float16', '--register', 'gemm');
    expect(run.code).toBe(0);
    const report = conversionReportSchema.parse(JSON.parse(run.stdout));
    expect(report.source.model).toEqual({ name: 'gemm', version: 1 });
    expect(report.output.bytes / report.source.bytes).toBeLessThan(0.55);
    expect(report.registered).toEqual({ name: 'gemm', version: 2 });
  }, 120_000);

  it('prints the opset report and the Pythons it could use', async () => {
    const opsets = await mlw('convert', 'opsets', file('mlp.onnx'));
    expect(opsets.code).toBe(0);
    expect(opsets.stdout).toMatch(/MatMul/);
    expect(opsets.stdout).toMatch(/opset \d+ has every operator/);
    const pythons = await mlw('--json', 'convert', 'pythons');
    const system = (
      JSON.parse(pythons.stdout) as { command: string; packages?: Record<string, string | null> }[]
    ).find((environment) => environment.command === '/usr/bin/python3');
    expect(system?.packages?.torch).toMatch(/^1\.13/);
    expect(system?.packages?.onnx).toMatch(/^1\.12/);
    expect(system?.packages?.skl2onnx).toBeNull();
  }, 60_000);

  it('refuses a FIFO, a folder and a missing file as the model, naming it', async () => {
    const fifo = join(dir, 'model.pt');
    spawnSync('mkfifo', [fifo]);
    const cases: [string, RegExp][] = [
      [fifo, /model\.pt is a named pipe \(FIFO\), not a model file/],
      [join(dir, 'src'), /src is a folder, not a model file/],
      [join(dir, 'missing.pkl'), /missing\.pkl/],
    ];
    for (const [path, name] of cases) {
      const run = await mlw('convert', path, '--from', 'torch', '--input-shape', '1,4');
      expect(run.code, run.stderr).not.toBe(0);
      expect(run.stderr).toMatch(name);
      expect(run.stderr).not.toMatch(/bug in the workbench/);
    }
  }, 30_000);

  it.each([
    [['model.xyz'], /Cannot tell what framework model\.xyz is from its name/, /--from torch/],
    [['m.pt'], /needs an example input shape/, /--input-shape 1,3,224,224/],
    [['m.pt', '--input-shape', '1,-3'], /--input-shape 1,-3 is not a shape/, /positive sizes/],
    [['m.pkl', '--to', 'int8'], /--to int8 is for an ONNX source/, /Leave --to out/],
    [['m.onnx'], /say which with --to/, /--to float16/],
    [['m.onnx', '--to', 'int4'], /--to int4 is not an ONNX conversion/, /--to int8/],
    [['m.pt', '--from', 'caffe'], /--from caffe is not a framework/, /torch, sklearn/],
    [
      ['m.pt', '--input-shape', '1,3', '--dynamic-axes', '{oops'],
      /--dynamic-axes is not valid JSON/,
      /sequence/,
    ],
  ])('refuses %j with a message saying what to change', async (argv, message, hint) => {
    const run = await mlw('convert', ...argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(hint);
  });
});
