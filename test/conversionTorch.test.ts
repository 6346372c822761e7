import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkParity,
  convertTorch,
  detectPythonEnvironments,
  findConvertersDir,
  type TorchConversion,
} from '../src/main/services/conversion/index.js';
import {
  createModelHost,
  createModelService,
  forkWorker,
  type ModelService,
} from '../src/main/services/models/index.js';
import { buildModelWorker } from '../src/main/services/models/runtime/testing/buildWorker.js';
import { expectConversionError } from './fixtures/conversion/expectFailure.js';
import { processesWith } from './fixtures/conversion/processes.js';
import { PYTHON, pythonModulesSkipReason } from './fixtures/numpy.js';

const skipReason = pythonModulesSkipReason(['torch', 'onnx'], 'apt-get install python3-torch python3-onnx');
const convertersDir = findConvertersDir({ resourcesPath: undefined }) ?? 'resources/converters';
const zoo = join(import.meta.dirname, 'fixtures', 'conversion', 'torch_zoo.py');
let dir: string;
let entry: string;
let models: ModelService;
const path = (name: string) => join(dir, name);
const settings = { intraOpThreads: 1 };

function convert(
  name: string,
  request: Omit<TorchConversion, 'python' | 'convertersDir' | 'out' | 'parityDir'>,
) {
  return convertTorch({
    python: PYTHON,
    convertersDir,
    out: path(`${name}.onnx`),
    parityDir: path(`${name}-parity`),
    ...request,
  });
}

/** Converts, then proves the ONNX model against PyTorch's outputs: every set passes with small errors. */
async function convertAndProve(
  name: string,
  request: Omit<TorchConversion, 'python' | 'convertersDir' | 'out' | 'parityDir'>,
) {
  const { result } = await convert(name, request);
  const report = await checkParity(models, result.out, result.parity, {}, settings);
  expect(report.pass, JSON.stringify(report.sets)).toBe(true);
  for (const set of report.sets)
    for (const output of set.outputs) {
      expect(output.outside).toBe(0);
      expect(output.maxAbsError).toBeLessThan(1e-4);
    }
  return { result, report };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-torch-'));
  entry = await buildModelWorker();
  models = createModelService({ host: createModelHost({ spawn: forkWorker(entry) }), maxSessions: 4 });
  if (skipReason) return;
  const made = spawnSync(PYTHON, ['test/fixtures/conversion/make_torch_models.py', dir], {
    encoding: 'utf8',
  });
  if (made.status !== 0) throw new Error(`make_torch_models.py failed: ${made.stderr}`);
}, 120_000);
afterAll(async () => {
  await models.dispose();
  await rm(dir, { recursive: true, force: true });
  await rm(entry, { force: true });
});

describe.skipIf(skipReason !== undefined)(
  'PyTorch to ONNX with Debian python3, proven in ONNX Runtime',
  () => {
    it('rebuilds an MLP from a state_dict with the user code and class, names its input and output', async () => {
      const { result, report } = await convertAndProve('mlp', {
        source: path('mlp_state.pt'),
        code: zoo,
        className: 'Mlp',
        inputShapes: [[3, 4]],
        inputNames: ['features'],
        outputNames: ['scores'],
      });
      expect(result.sourceKind).toBe('state_dict');
      expect(report.sets.map((set) => set.outputs.map((output) => output.name))).toEqual([['scores']]);
      const opened = await models.open(result.out, settings);
      expect(opened.inputs.map((input) => input.name)).toEqual(['features']);
      expect(opened.outputs.map((output) => output.name)).toEqual(['scores']);
    }, 60_000);

    it('converts a traced CNN (TorchScript file)', async () => {
      const { result, report } = await convertAndProve('cnn', {
        source: path('cnn_traced.pt'),
        inputShapes: [[2, 3, 16, 16]],
      });
      expect(result.sourceKind).toBe('torchscript');
      expect(report.sets[0]?.outputs[0]?.elements).toBe(10);
    }, 60_000);

    it('converts a pickled GRU module with a dynamic batch: both outputs right at batch 7 too', async () => {
      const { result, report } = await convertAndProve('gru', {
        source: path('gru_module.pt'),
        code: zoo,
        inputShapes: [[2, 5]],
        inputTypes: ['int64'],
        dynamicBatch: true,
        parityBatch: 7,
      });
      expect(result.sourceKind).toBe('module');
      // nn.GRU's own shape checks warn while tracing; they do not make the graph input-specific
      expect(result.warnings).toEqual([]);
      // the hidden state is [layers, batch, width]: its batch is axis 1
      expect(result.dynamicAxes).toEqual({
        input: { '0': 'batch' },
        output_0: { '0': 'batch' },
        output_1: { '1': 'batch' },
      });
      expect(report.sets.map((set) => [set.label, set.batch])).toEqual([
        ['example', 2],
        ['batch7', 7],
      ]);
      expect(report.sets[1]?.outputs.map((output) => output.elements)).toEqual([7 * 5 * 4, 7 * 12]);
    }, 60_000);

    it('converts a scripted attention block', async () => {
      const { result, report } = await convertAndProve('attention', {
        source: path('attention_scripted.pt'),
        inputShapes: [[2, 6, 16]],
      });
      expect(result.sourceKind).toBe('torchscript');
      expect(report.sets[0]?.outputs[0]?.maxRelError).toBeLessThan(1e-2);
    }, 60_000);
  },
);

describe.skipIf(skipReason !== undefined)(
  'PyTorch conversion failures say what is wrong and what to do',
  () => {
    it('a truncated checkpoint', async () => {
      await expectConversionError(convert('broken', { source: path('broken.pt'), inputShapes: [[2, 4]] }), {
        code: 'MODEL_INVALID',
        kind: 'checkpoint_unreadable',
        message: /^broken\.pt is neither TorchScript nor a PyTorch checkpoint torch\.load can read/,
        hint: /torch\.jit\.save\(torch\.jit\.script\(model\), path\) or torch\.save\(model\.state_dict\(\), path\)/,
      });
    }, 60_000);

    it('an operator this PyTorch cannot export (torch.fft)', async () => {
      await expectConversionError(
        convert('spectrum', { source: path('spectrum.pt'), inputShapes: [[2, 8]] }),
        {
          code: 'MODEL_INVALID',
          kind: 'unsupported_operator',
          message: /^The model uses aten::fft_fft, which PyTorch cannot export to ONNX opset 14\.$/,
          hint: /higher --opset.*custom symbolic function/,
        },
      );
    }, 60_000);

    it('an opset this PyTorch does not export', async () => {
      await expectConversionError(
        convert('old-opset', { source: path('cnn_traced.pt'), inputShapes: [[2, 3, 16, 16]], opset: 6 }),
        {
          code: 'INVALID_INPUT',
          kind: 'unsupported_opset',
          message: /^This PyTorch cannot export ONNX opset 6\.$/,
          hint: /opsets 7 to 17/,
        },
      );
    }, 60_000);

    it('a branch on a tensor value in the user code', async () => {
      await expectConversionError(
        convert('branchy', { source: path('branchy_module.pt'), code: zoo, inputShapes: [[2, 4]] }),
        {
          code: 'MODEL_INVALID',
          kind: 'data_dependent_control_flow',
          message: /branches on tensor values .* the ONNX model would be wrong for other inputs/,
          hint: /torch\.jit\.script.*torch\.where/,
        },
      );
    }, 60_000);

    it('a dynamic batch for a model fixed to one batch size', async () => {
      await expectConversionError(
        convert('fixed-batch', {
          source: path('fixed_batch_module.pt'),
          code: zoo,
          inputShapes: [[2, 3]],
          dynamicBatch: true,
        }),
        {
          code: 'MODEL_INVALID',
          kind: 'dynamic_batch_unsupported',
          message: /^The model runs at batch 2 but not at batch 7, so its batch cannot be dynamic: /,
          hint: /without --dynamic-batch.*fixed batch size/,
        },
      );
    }, 60_000);

    it('a state_dict without the code to rebuild it, and weights of another width', async () => {
      await expectConversionError(
        convert('weights', { source: path('mlp_state.pt'), inputShapes: [[2, 4]] }),
        {
          code: 'INVALID_INPUT',
          kind: 'model_code_needed',
          message: /holds only weights \(a state_dict\)/,
          hint: /--code.*--class-name/,
        },
      );
      await expectConversionError(
        convert('wrong-width', {
          source: path('mlp_wrong_width.pt'),
          code: zoo,
          className: 'Mlp',
          inputShapes: [[2, 4]],
        }),
        {
          code: 'MODEL_INVALID',
          kind: 'state_dict_mismatch',
          message: /^The weights do not fit Mlp: .*layers\.0\.weight/,
          hint: /--init-args/,
        },
      );
    }, 60_000);
  },
);

describe.skipIf(skipReason !== undefined)('PyTorch conversion jobs and environments', () => {
  it('cancels a running conversion: the outcome is CANCELLED and no converter process is left', async () => {
    const controller = new AbortController();
    const out = path('cancelled.onnx');
    let running: number[] = [];
    let scanned = false;
    const conversion = convertTorch({
      python: PYTHON,
      convertersDir,
      source: path('cnn_traced.pt'),
      out,
      inputShapes: [[2, 3, 16, 16]],
      signal: controller.signal,
      onProgress: (fraction) => {
        if (fraction < 0.15 || scanned) return;
        scanned = true;
        void processesWith(out).then((pids) => {
          running = pids;
          controller.abort();
        });
      },
    });
    await expect(conversion).rejects.toMatchObject({
      code: 'CANCELLED',
      message: 'The conversion was cancelled.',
    });
    expect(running.length).toBeGreaterThan(0);
    expect(await processesWith(out)).toEqual([]);
  }, 60_000);

  it("detects Debian's python3 with torch 1.13 and onnx 1.12", async () => {
    const environments = await detectPythonEnvironments({ convertersDir, chosen: PYTHON });
    const debian = environments.find((environment) => environment.command === PYTHON);
    expect(debian?.problem).toBeUndefined();
    expect(debian?.packages?.torch).toMatch(/^1\.13\./);
    expect(debian?.packages?.onnx).toMatch(/^1\.12\./);
    expect(debian?.packages?.sklearn).toMatch(/^1\.2\./);
    expect(debian?.packages?.tensorflow).toBeNull();
  }, 60_000);
});
