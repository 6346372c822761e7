import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compareModels,
  encodeModel,
  opsetReport,
  readModelForTransform,
  transformModelFile,
} from '../src/main/services/conversion/transform/index.js';
import {
  createModelHost,
  createModelService,
  forkWorker,
  type ModelService,
} from '../src/main/services/models/index.js';
import { buildModelWorker } from '../src/main/services/models/runtime/testing/buildWorker.js';
import { PYTHON, pythonOnnxSkipReason } from './fixtures/numpy.js';

const skipReason = pythonOnnxSkipReason();
let dir: string;
let entry: string;
let models: ModelService;
const path = (name: string) => join(dir, name);
const settings = { intraOpThreads: 1 };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-transform-'));
  entry = await buildModelWorker();
  models = createModelService({ host: createModelHost({ spawn: forkWorker(entry) }), maxSessions: 4 });
  if (skipReason) return;
  const made = spawnSync(PYTHON, ['test/fixtures/make_transform_models.py', dir], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`make_transform_models.py failed: ${made.stderr}`);
}, 120_000);
afterAll(async () => {
  await models.dispose();
  await rm(dir, { recursive: true, force: true });
  await rm(entry, { force: true });
});

describe.skipIf(skipReason !== undefined)('ONNX-to-ONNX transforms, run in ONNX Runtime', () => {
  it('writes back a model that ONNX Runtime runs with identical outputs, metadata and all', async () => {
    const model = await readModelForTransform(path('mlp.onnx'));
    await writeFile(path('mlp-roundtrip.onnx'), encodeModel(model));
    const again = await readModelForTransform(path('mlp-roundtrip.onnx'));
    expect(again.metadata_props).toEqual([{ key: 'origin', value: 'make_transform_models.py' }]);
    expect(again.producer_name).toBe('mlw-tests');
    const proof = await compareModels(models, path('mlp.onnx'), path('mlp-roundtrip.onnx'), {
      settings,
      rtol: 0,
      atol: 0,
    });
    expect(proof.withinTolerance).toBe(true);
    expect(proof.outputs[0]?.maxAbsError).toBe(0);
    expect(proof.sizeRatio).toBe(1);
  });

  it.each(['mlp', 'gemm', 'attention'])(
    'converts %s to float16: within rtol 1e-2/atol 1e-3, at most 55% of the file',
    async (name) => {
      const result = await transformModelFile(path(`${name}.onnx`), path(`${name}-fp16.onnx`), {
        to: 'float16',
        keepIoTypes: true,
      });
      expect(result.to).toBe('float16');
      const proof = await compareModels(models, path(`${name}.onnx`), path(`${name}-fp16.onnx`), {
        settings,
        batch: 8,
      });
      expect(proof.outputs.map((output) => output.outside)).toEqual(proof.outputs.map(() => 0));
      expect(proof.sizeRatio).toBeLessThanOrEqual(0.55);
      const opened = await models.open(path(`${name}-fp16.onnx`));
      expect(opened.inputs.map((input) => input.type)).toEqual(['float32']);
      expect(opened.outputs.map((output) => output.type)).toEqual(['float32']);
    },
  );

  it('converts inputs and outputs to float16 too when not asked to keep them', async () => {
    await transformModelFile(path('mlp.onnx'), path('mlp-fp16-io.onnx'), { to: 'float16' });
    const opened = await models.open(path('mlp-fp16-io.onnx'));
    expect(opened.inputs[0]?.type).toBe('float16');
    expect(opened.outputs[0]?.type).toBe('float16');
    const proof = await compareModels(models, path('mlp.onnx'), path('mlp-fp16-io.onnx'), {
      settings,
      batch: 4,
    });
    expect(proof.withinTolerance).toBe(true);
  });

  it('keeps a blocked operator in float32 between Casts', async () => {
    const result = await transformModelFile(path('attention.onnx'), path('attention-fp16-block.onnx'), {
      to: 'float16',
      keepIoTypes: true,
      blockList: ['Softmax'],
    });
    expect(result.to === 'float16' && result.report.keptFloat32).toEqual([{ node: '', opType: 'Softmax' }]);
    const proof = await compareModels(models, path('attention.onnx'), path('attention-fp16-block.onnx'), {
      settings,
    });
    expect(proof.withinTolerance).toBe(true);
  });

  // Dynamic quantization rounds each weight to 1/254 of its range and each activation to 1/255 of
  // its range per run; through 4 layers of 512-wide dot products that is about 1-2% of the output's
  // range. The bound below, 5% of the largest |output|, leaves room for other machines' kernels while
  // still failing a wrong scale, zero point or transpose (those give errors of order 100%).
  const int8Tolerance = 0.05;

  it.each([
    ['mlp', { perChannel: false }],
    ['mlp', { perChannel: true }],
    ['mlp', { weightType: 'uint8' as const }],
    ['gemm', {}],
    ['attention', {}],
  ])(
    'quantizes %s %j to int8: within 5% of the output range, at most 30% of the file',
    async (name, options) => {
      const out = path(`${name}-int8-${JSON.stringify(options).replace(/\W/g, '')}.onnx`);
      const result = await transformModelFile(path(`${name}.onnx`), out, { to: 'int8', ...options });
      if (result.to !== 'int8') throw new Error('not int8');
      expect(result.report.quantized.length).toBe(4);
      const proof = await compareModels(models, path(`${name}.onnx`), out, {
        settings,
        batch: 8,
        rtol: 0,
        atol: Infinity,
      });
      for (const output of proof.outputs)
        expect(output.maxAbsError).toBeLessThan(int8Tolerance * output.maxAbs);
      expect(proof.sizeRatio).toBeLessThanOrEqual(0.3);
    },
  );

  it('reports the attention block’s activation MatMuls as left, with the reason', async () => {
    const result = await transformModelFile(path('attention.onnx'), path('attention-int8.onnx'), {
      to: 'int8',
    });
    expect(result.to === 'int8' && result.report.skipped.map((skip) => skip.reason)).toEqual([
      'its weight B is computed, not a constant',
      'its weight B is computed, not a constant',
    ]);
  });

  it('quantized MLP runs no slower than float32 (median of 30 runs, one thread)', async () => {
    await transformModelFile(path('mlp.onnx'), path('mlp-int8-speed.onnx'), { to: 'int8' });
    const proof = await compareModels(models, path('mlp.onnx'), path('mlp-int8-speed.onnx'), {
      settings,
      batch: 32,
      runs: 30,
      atol: Infinity,
    });
    // 10% slack for a shared 2-core machine; the benchmark records the measured ratio.
    expect(proof.convertedMedianMs).toBeLessThanOrEqual((proof.originalMedianMs ?? 0) * 1.1);
  });

  it('says when a model has nothing worth quantizing', async () => {
    await expect(
      transformModelFile(path('tiny.onnx'), path('tiny-int8.onnx'), { to: 'int8' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message:
        'Int8 quantization found nothing to quantize: 1 MatMul/Gemm node(s) were left: small (its weight has 16 elements, fewer than the 4096 worth quantizing).',
    });
    const small = await transformModelFile(path('tiny.onnx'), path('tiny-int8.onnx'), {
      to: 'int8',
      minElements: 16,
    });
    expect(small.to === 'int8' && small.report.quantized).toHaveLength(1);
    expect(await models.tryLoad(path('tiny-int8.onnx'))).toBeNull();
  });

  it('refuses control flow with a clear message', async () => {
    for (const [to, transform] of [
      ['float16', 'Float16 conversion'],
      ['int8', 'Int8 quantization'],
    ] as const) {
      await expect(
        transformModelFile(path('loop.onnx'), path('loop-out.onnx'), { to }),
      ).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: `${transform} does not rewrite control flow: the model has 1 subgraph(s) in Loop nodes.`,
      });
    }
  });

  it('reports the opsets and operators of a quantized model', async () => {
    const report = opsetReport(await readModelForTransform(path('mlp-int8-speed.onnx')));
    expect(report.opsetImports).toEqual([{ domain: 'ai.onnx', version: 17 }]);
    expect(report.ops.find((op) => op.opType === 'DynamicQuantizeLinear')).toMatchObject({
      count: 4,
      introducedIn: 11,
      versionUsed: 11,
    });
    expect(report.minDefaultOpset).toBe(11);
    expect(report.nonDefaultOps).toEqual([]);
  });

  it('refuses a file that is not a model, and a model with external data', async () => {
    await writeFile(path('notes.onnx'), 'not a model at all, just text');
    await expect(readModelForTransform(path('notes.onnx'))).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringMatching(/^notes\.onnx is not an ONNX model/) as unknown,
    });
    const external = spawnSync(
      PYTHON,
      [
        '-c',
        `import onnx; m = onnx.load('${path('mlp.onnx')}'); onnx.save(m, '${path('external.onnx')}', save_as_external_data=True, location='external.bin', size_threshold=0)`,
      ],
      { encoding: 'utf8' },
    );
    expect(external.status).toBe(0);
    await expect(
      transformModelFile(path('external.onnx'), path('external-int8.onnx'), { to: 'int8' }),
    ).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: 'external.onnx keeps its weights in external data files, which the transforms do not rewrite.',
    });
    expect((await readFile(path('mlp.onnx'))).length).toBeGreaterThan(0);
  });
});
