import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkParity, type ParitySet } from '../src/main/services/conversion/index.js';
import {
  createModelHost,
  createModelService,
  forkWorker,
  type ModelService,
} from '../src/main/services/models/index.js';
import { buildModelWorker } from '../src/main/services/models/runtime/testing/buildWorker.js';
import { parityReportSchema } from '../src/shared/contract/conversionParity.js';
import { PYTHON, pythonOnnxSkipReason } from './fixtures/numpy.js';

const skipReason = pythonOnnxSkipReason();
let dir: string;
let entry: string;
let models: ModelService;
const path = (name: string) => join(dir, name);
const settings = { intraOpThreads: 1 };

const set = (double: string, label: string): ParitySet => ({
  label: 'rows',
  batch: 8,
  inputs: { x: path('x.npy') },
  outputs: { double: path(double), label: path(label) },
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-parity-'));
  entry = await buildModelWorker();
  models = createModelService({ host: createModelHost({ spawn: forkWorker(entry) }), maxSessions: 2 });
  if (skipReason) return;
  const made = spawnSync(PYTHON, ['test/fixtures/conversion/make_parity_model.py', dir], {
    encoding: 'utf8',
  });
  if (made.status !== 0) throw new Error(`make_parity_model.py failed: ${made.stderr}`);
}, 120_000);
afterAll(async () => {
  await models.dispose();
  await rm(dir, { recursive: true, force: true });
  await rm(entry, { force: true });
});

describe.skipIf(skipReason !== undefined)(
  'checkParity runs the ONNX model and compares it with the framework',
  () => {
    it('passes when the outputs agree: float errors at float32 rounding, every label equal', async () => {
      const report = await checkParity(
        models,
        path('parity.onnx'),
        [set('double.npy', 'label.npy')],
        {},
        settings,
      );
      expect(parityReportSchema.parse(report)).toEqual(report);
      expect(report.tolerance).toEqual({ rtol: 1e-4, atol: 1e-5, minLabelAgreement: 1 });
      expect(report.pass).toBe(true);
      const [double, label] = report.sets[0]?.outputs ?? [];
      expect(double).toMatchObject({ name: 'double', elements: 24, outside: 0, labelAgreement: null });
      expect(double?.maxAbsError).toBeLessThan(1e-6);
      expect(double?.maxRelError).toBeLessThan(1e-7);
      expect(label).toEqual({
        name: 'label',
        elements: 8,
        maxAbsError: 0,
        maxRelError: 0,
        outside: 0,
        labelAgreement: 1,
      });
    });

    it('fails on a float off by 1e-3, naming the output and counting the one element outside', async () => {
      const report = await checkParity(
        models,
        path('parity.onnx'),
        [set('double_wrong.npy', 'label.npy')],
        {},
        settings,
      );
      expect(report.pass).toBe(false);
      expect(report.sets[0]?.pass).toBe(false);
      const double = report.sets[0]?.outputs[0];
      expect(double?.outside).toBe(1);
      expect(double?.maxAbsError).toBeCloseTo(1e-3, 6);
      const loose = await checkParity(
        models,
        path('parity.onnx'),
        [set('double_wrong.npy', 'label.npy')],
        { atol: 2e-3 },
        settings,
      );
      expect(loose.pass).toBe(true);
    });

    it('fails on a label disagreement (2 of 8) unless minLabelAgreement allows it', async () => {
      const report = await checkParity(
        models,
        path('parity.onnx'),
        [set('double.npy', 'label_wrong.npy')],
        {},
        settings,
      );
      expect(report.pass).toBe(false);
      expect(report.sets[0]?.outputs[1]).toMatchObject({ name: 'label', outside: 2, labelAgreement: 0.75 });
      const lenient = await checkParity(
        models,
        path('parity.onnx'),
        [set('double.npy', 'label_wrong.npy')],
        { minLabelAgreement: 0.75 },
        settings,
      );
      expect(lenient.pass).toBe(true);
    });

    it('counts a shape mismatch and a missing output as all elements outside, errors Number.MAX_VALUE, still JSON', async () => {
      const report = await checkParity(
        models,
        path('parity.onnx'),
        [
          {
            ...set('double_short.npy', 'label.npy'),
            outputs: { double: path('double_short.npy'), gone: path('label.npy') },
          },
        ],
        {},
        settings,
      );
      expect(report.pass).toBe(false);
      const [short, gone] = report.sets[0]?.outputs ?? [];
      expect(short).toMatchObject({ outside: 12, elements: 12, maxAbsError: Number.MAX_VALUE });
      expect(gone).toMatchObject({
        name: 'gone',
        outside: 8,
        labelAgreement: 0,
        maxRelError: Number.MAX_VALUE,
      });
      expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    });
  },
);
