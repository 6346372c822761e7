import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkParity,
  convertSklearn,
  convertTensorflow,
  findConvertersDir,
  type SklearnConversion,
} from '../src/main/services/conversion/index.js';
import {
  createModelHost,
  createModelService,
  forkWorker,
  type ModelService,
} from '../src/main/services/models/index.js';
import { buildModelWorker } from '../src/main/services/models/runtime/testing/buildWorker.js';
import type { ParityReport } from '../src/shared/contract/conversionParity.js';
import { expectConversionError } from './fixtures/conversion/expectFailure.js';
import { PYTHON, pythonModulesSkipReason } from './fixtures/numpy.js';

const skipReason = pythonModulesSkipReason(
  ['sklearn', 'onnx'],
  'apt-get install python3-sklearn python3-onnx',
);
const convertersDir = findConvertersDir({ resourcesPath: undefined }) ?? 'resources/converters';
const fixtures = join(import.meta.dirname, 'fixtures', 'conversion');
let dir: string;
let entry: string;
let models: ModelService;
const path = (name: string) => join(dir, name);
const settings = { intraOpThreads: 1 };

type Request = Omit<SklearnConversion, 'python' | 'convertersDir' | 'out' | 'parityDir'>;

function convert(name: string, request: Request) {
  return convertSklearn({
    python: PYTHON,
    convertersDir,
    out: path(`${name}.onnx`),
    parityDir: path(`${name}-parity`),
    ...request,
  });
}

/** The largest error of an output over every set of a report. */
function worst(report: ParityReport, output: string): { maxAbsError: number; labelAgreement: number | null } {
  const found = report.sets.flatMap((set) => set.outputs.filter((item) => item.name === output));
  expect(found.length).toBe(report.sets.length);
  return {
    maxAbsError: Math.max(...found.map((item) => item.maxAbsError)),
    labelAgreement: Math.min(...found.map((item) => item.labelAgreement ?? 1)),
  };
}

/** Converts the fixture `name`, on its data rows or random rows, and proves it: every set passes. */
async function convertAndProve(name: string, onData: boolean, tolerance = {}) {
  const source = name === 'iris_logistic' ? path(`${name}.joblib`) : path(`${name}.pkl`);
  const { result } = await convert(`${name}-${onData ? 'data' : 'random'}`, {
    source,
    ...(onData ? { parityData: path(`${name}.npy`) } : {}),
  });
  expect(result.converter).toMatch(/^mlw_sklearn/);
  const report = await checkParity(models, result.out, result.parity, tolerance, settings);
  expect(report.sets.map((set) => set.label)).toEqual(['example', 'batch1']);
  expect(report.pass, JSON.stringify(report.sets)).toBe(true);
  return { result, report };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-sklearn-'));
  entry = await buildModelWorker();
  models = createModelService({ host: createModelHost({ spawn: forkWorker(entry) }), maxSessions: 4 });
  if (skipReason) return;
  for (const [script, target] of [
    ['make_sklearn_models.py', dir],
    ['make_custom_pickle.py', path('custom.pkl')],
  ] as const) {
    const made = spawnSync(PYTHON, [join(fixtures, script), target], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`${script} failed: ${made.stderr}`);
  }
}, 120_000);
afterAll(async () => {
  await models.dispose();
  await rm(dir, { recursive: true, force: true });
  await rm(entry, { force: true });
});

describe.skipIf(skipReason !== undefined)(
  'scikit-learn to ONNX with mlw_sklearn, proven in ONNX Runtime',
  () => {
    it.each([true, false])(
      'StandardScaler + LogisticRegression (joblib), on the data rows: %s',
      async (onData) => {
        const { result, report } = await convertAndProve('iris_logistic', onData);
        expect(result.estimator).toBe('Pipeline');
        expect(result.classes).toEqual([0, 1, 2]);
        expect(report.sets[0]?.batch).toBe(onData ? 150 : 16);
        expect(worst(report, 'label').labelAgreement).toBe(1);
        expect(worst(report, 'probabilities').maxAbsError).toBeLessThan(1e-5);
      },
      60_000,
    );

    it.each([true, false])(
      'ColumnTransformer(one-hot, imputer + scaler, median imputer) + RandomForest, on the data rows (with NaNs): %s',
      async (onData) => {
        const { report } = await convertAndProve('wine_forest', onData);
        expect(worst(report, 'label').labelAgreement).toBe(1);
        expect(worst(report, 'probabilities').maxAbsError).toBeLessThan(1e-5);
        if (onData) expect(report.sets[0]?.outputs[0]?.elements).toBe(178);
      },
      60_000,
    );

    it('RandomForest on iris: 150 of 150 labels (float32 thresholds step down), probabilities within 1e-5', async () => {
      const { report } = await convertAndProve('iris_forest', true);
      const label = report.sets[0]?.outputs.find((output) => output.name === 'label');
      expect(label).toMatchObject({ elements: 150, outside: 0, labelAgreement: 1 });
      expect(worst(report, 'probabilities').maxAbsError).toBeLessThan(1e-5);
    }, 60_000);

    it.each(['iris_boosting', 'cancer_tree', 'cancer_logistic'])(
      'classifier %s on its data and random rows: labels agree, probabilities within 1e-5',
      async (name) => {
        for (const onData of [true, false]) {
          const { report } = await convertAndProve(name, onData);
          expect(worst(report, 'label').labelAgreement).toBe(1);
          expect(worst(report, 'probabilities').maxAbsError).toBeLessThan(1e-5);
        }
      },
      60_000,
    );

    it.each([
      // targets in the tens to hundreds: float32 keeps about 7 digits
      ['diabetes_boosting', 1e-3],
      ['diabetes_tree', 1e-3],
      ['diabetes_ridge', 1e-3],
    ] as const)(
      'regressor %s on its data and random rows, within %s',
      async (name, atol) => {
        for (const onData of [true, false]) {
          const { report } = await convertAndProve(name, onData, { atol });
          const variable = worst(report, 'variable');
          expect(variable.labelAgreement).toBe(1);
          expect(variable.maxAbsError).toBeLessThan(atol);
          expect(report.sets.every((set) => set.outputs.every((output) => output.maxRelError < 1e-5))).toBe(
            true,
          );
        }
      },
      60_000,
    );
  },
);

describe.skipIf(skipReason !== undefined)(
  'scikit-learn conversion failures say what is wrong and what to do',
  () => {
    it('an estimator mlw_sklearn does not cover is named, with the list of what is covered', async () => {
      await expectConversionError(convert('svc', { source: path('iris_svc.pkl') }), {
        code: 'MODEL_INVALID',
        kind: 'unknown_estimator',
        message:
          /^The workbench's scikit-learn converter does not cover sklearn\.svm\._classes\.SVC\. Covered: Pipeline, ColumnTransformer, .*RandomForestClassifier.*GradientBoostingRegressor\.$/,
        hint: /Install skl2onnx in the chosen Python.*or replace this step with a covered one/,
      });
    }, 60_000);

    it('a pickle needing code this Python cannot import, which loads once --code gives it', async () => {
      await expectConversionError(convert('custom', { source: path('custom.pkl') }), {
        code: 'MODEL_INVALID',
        kind: 'pickle_code_missing',
        message:
          /^The pickle was saved with code this Python cannot import: No module named 'custom_step'\.$/,
        hint: /--code FILE/,
      });
      // with the code the pickle loads; its own transformer is then the step the converter names
      await expectConversionError(
        convert('custom', {
          source: path('custom.pkl'),
          code: join(fixtures, 'custom_step.py'),
          nFeatures: 4,
        }),
        {
          code: 'MODEL_INVALID',
          kind: 'unknown_estimator',
          message: /does not cover custom_step\.Doubler\./,
          hint: /skl2onnx/,
        },
      );
    }, 60_000);

    it('a file that is not a pickle', async () => {
      await expectConversionError(convert('not-pickle', { source: path('iris_svc.npy') }), {
        code: 'MODEL_INVALID',
        kind: 'pickle_unreadable',
        message: /^iris_svc\.npy is not a pickle or joblib file this Python can read/,
        hint: /joblib\.dump\(model, path\)/,
      });
    }, 60_000);

    it('TensorFlow conversion without TensorFlow in this Python', async () => {
      await expectConversionError(
        convertTensorflow({
          python: PYTHON,
          convertersDir,
          source: path('saved_model'),
          from: 'saved_model',
          out: path('tf.onnx'),
        }),
        {
          code: 'NOT_FOUND',
          kind: 'framework_missing',
          message: new RegExp(
            `^This Python \\(${PYTHON}\\) has no (TensorFlow|tf2onnx), which TensorFlow and TFLite conversion needs\\.$`,
          ),
          hint: /pip install tensorflow tf2onnx.*Debian packages neither/,
        },
      );
    }, 60_000);
  },
);
