// Beside the tests of the other engines' integration: it needs a bundled model worker, which
// services may not import from one another.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEBIAN_PYTHON, exportTorchClassifier } from './fixtures/torchModel.js';
import { driftSettingsSchema, type DriftReport } from '../src/shared/contract/drift.js';
import { createDatasetService } from '../src/main/services/datasets/index.js';
import { createDataEngine, type DataEngine } from '../src/main/services/duckdb/index.js';
import { createJobService, type JobService } from '../src/main/services/jobs/index.js';
import { createModelService, type ModelService } from '../src/main/services/models/index.js';
import { createModelHost } from '../src/main/services/models/index.js';
import { buildModelWorker } from '../src/main/services/models/runtime/testing/buildWorker.js';
import { forkWorker } from '../src/main/services/workerHost/index.js';
import { openWorkspace } from '../src/main/services/workspace/index.js';
import { createDriftService, type DriftService } from '../src/main/services/drift/index.js';
import { PREDICTED_CLASS } from '../src/main/services/drift/prediction.js';

const run = promisify(execFile);
let dir: string;
let jobs: JobService;
let engine: DataEngine;
let models: ModelService;
let drift: DriftService;
let model: string;
let iris: string;
let shifted: string;

/** Iris as scikit-learn ships it, with its class index as `label`; `shift` moves the petal columns. */
async function irisCsv(path: string, shift: number): Promise<void> {
  const script = `
import sys
from sklearn.datasets import load_iris
data = load_iris()
print("sepal_length,sepal_width,petal_length,petal_width,label")
for row, label in zip(data.data, data.target):
    print(",".join([f"{row[0]}", f"{row[1]}", f"{row[2] + ${shift}}", f"{row[3] + ${shift / 2}}", str(label)]))
`;
  const { stdout } = await run(DEBIAN_PYTHON, ['-c', script]);
  await writeFile(path, stdout);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-prediction-'));
  const workspace = await openWorkspace(join(dir, 'ws'));
  jobs = createJobService();
  engine = await createDataEngine();
  models = createModelService({ host: createModelHost({ spawn: forkWorker(await buildModelWorker()) }) });
  model = await exportTorchClassifier(dir, 3);
  iris = join(dir, 'iris.csv');
  shifted = join(dir, 'iris-shifted.csv');
  await irisCsv(iris, 0);
  await irisCsv(shifted, 3);
  drift = createDriftService({
    workspace,
    jobs,
    duckdb: engine.service,
    datasets: createDatasetService({ workspace, jobs, duckdb: engine.service }),
    workbenchVersion: 'test',
    prediction: {
      duckdb: engine.service,
      models,
      resolveModel: (name, version) =>
        Promise.resolve({ version: version ?? 1, sha256: 'a'.repeat(64), path: model }),
    },
  });
}, 180_000);

afterAll(async () => {
  await jobs.dispose();
  await models.dispose();
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

async function report(current: string): Promise<DriftReport> {
  const job = await jobs.wait(
    drift.run({
      baseline: { kind: 'file', path: iris },
      current: { kind: 'file', path: current },
      settings: driftSettingsSchema.parse({ label: 'label', model: { name: 'iris-mlp' } }),
    }).id,
  );
  if (job.status !== 'succeeded') throw new Error(job.error?.message);
  return job.result as DriftReport;
}

/** scikit-learn's accuracy, macro F1 and one-vs-rest ROC AUC of the model's own probabilities. */
async function sklearnQuality(file: string): Promise<Record<string, number>> {
  const rows = (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map(Number));
  const features = Float32Array.from(rows.flatMap((row) => row.slice(0, 4)));
  const { outputs } = await models.run(model, {
    features: { type: 'float32', dims: [rows.length, 4], data: features },
  });
  const probabilities = Array.from(outputs.probabilities?.data as Float32Array);
  const input = JSON.stringify({ labels: rows.map((row) => row[4]), probabilities });
  const script = `
import json, sys
import numpy as np
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
data = json.load(sys.stdin)
p = np.array(data["probabilities"], dtype=np.float64).reshape(-1, 3)
y = np.array(data["labels"])
pred = p.argmax(axis=1)
print(json.dumps({"accuracy": accuracy_score(y, pred), "f1": f1_score(y, pred, average="macro"), "rocAuc": roc_auc_score(y, p, multi_class="ovr")}))
`;
  const child = execFile(DEBIAN_PYTHON, ['-c', script]);
  child.stdin?.end(input);
  let stdout = '';
  child.stdout?.on('data', (chunk: string) => (stdout += chunk));
  await new Promise((resolve) => child.on('close', resolve));
  return JSON.parse(stdout) as Record<string, number>;
}

describe('prediction drift with a real PyTorch-exported model in ONNX Runtime', () => {
  it('scores the model on each side as scikit-learn does (accuracy, macro F1, one-vs-rest ROC AUC)', async () => {
    const result = await report(shifted);
    const quality = result.prediction?.quality;
    expect(quality?.baseline).toMatchObject({ task: 'classification', rows: 150 });
    for (const [side, file] of [
      ['baseline', iris],
      ['current', shifted],
    ] as const) {
      const expected = await sklearnQuality(file);
      for (const metric of ['accuracy', 'f1', 'rocAuc'])
        expect(quality?.[side].metrics[metric], `${side} ${metric}`).toBeCloseTo(
          expected[metric] as number,
          6,
        );
    }
  }, 120_000);

  it("compares the model's outputs and predicted class: moved with the petals, still on an unchanged copy", async () => {
    const moved = await report(shifted);
    const columns = moved.prediction?.columns.map((c) => c.column) ?? [];
    expect(columns).toEqual(
      expect.arrayContaining([
        PREDICTED_CLASS,
        'logits[0]',
        'logits[2]',
        'probabilities[0]',
        'probabilities[2]',
      ]),
    );
    expect(moved.prediction?.model).toMatchObject({ name: 'iris-mlp', version: 1 });
    expect(moved.prediction?.columns.some((c) => c.drift === true)).toBe(true);
    const same = await report(iris);
    expect(same.prediction?.columns.every((c) => c.drift === false)).toBe(true);
    expect(same.prediction?.columns.find((c) => c.column === PREDICTED_CLASS)?.kind).not.toBe('numeric');
  }, 120_000);
});
