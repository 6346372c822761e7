import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onnxTestDataSkipReason } from '../../../../test/fixtures/onnxTestData.js';
import { createDataEngine, type DataEngine, sqlString, type DuckDb } from '../duckdb/index.js';
import { DataType } from './onnx/dataTypes.js';
import { writeModel } from './onnx/testModels.js';
import { createModelService, type ModelService } from './modelService.js';
import { createModelHost } from './runtime/modelHost.js';
import { buildModelWorker } from './runtime/testing/buildWorker.js';
import { forkWorker } from '../workerHost/index.js';
import { runOnDataset, type RunOnDatasetDeps } from './runOnDataset.js';

const skipReason = onnxTestDataSkipReason();
let dir: string;
let engine: DataEngine;
let duckdb: DuckDb;
let models: ModelService;
let deps: RunOnDatasetDeps;
let model: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-batch-'));
  engine = await createDataEngine();
  duckdb = engine.service;
  models = createModelService({ host: createModelHost({ spawn: forkWorker(await buildModelWorker()) }) });
  // y = a + 10 b, for a batch of rows [a, b]; and a 1-D twin taking one column.
  model = await writeModel(dir, 'linear.onnx', {
    graph: {
      nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] }],
      inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: ['batch', 2] }],
      outputs: [{ name: 'y', elemType: DataType.FLOAT, shape: ['batch', 1] }],
      initializers: [{ name: 'w', dataType: DataType.FLOAT, dims: [2, 1], float_data: [1, 10] }],
    },
  });
  // The data set's Parquet file, as an import writes it: a, b numbers, a text label, a gap.
  const parquet = join(dir, 'points.parquet');
  await duckdb.withConnection((session) =>
    session.run(
      `COPY (SELECT * FROM (VALUES (1, 2, 'x', NULL), (3, 4, 'y', 5), (5, 6, 'z', 7)) AS t(a, b, label, gap)) TO ${sqlString(parquet)} (FORMAT parquet)`,
    ),
  );
  deps = { models, duckdb, datasetFile: (slug) => Promise.resolve({ path: parquet, name: slug }) };
});
afterAll(async () => {
  await models.dispose();
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(skipReason !== undefined)('running a model on rows of a data set', () => {
  const request = { modelPath: '', dataset: 'points', offset: 0, limit: 100 };

  it('maps columns to an input, runs the rows as one batch and answers per row', async () => {
    const { outputs, rows } = await runOnDataset(deps, {
      ...request,
      modelPath: model,
      mapping: { x: ['a', 'b'] },
    });
    expect(rows).toBe(3);
    expect(outputs.y?.dims).toEqual([3, 1]);
    expect(Array.from(outputs.y?.data as Float32Array)).toEqual([21, 43, 65]);
  });

  it('pages through the rows with offset and limit', async () => {
    const { outputs } = await runOnDataset(deps, {
      ...request,
      modelPath: model,
      mapping: { x: ['b', 'a'] },
      offset: 1,
      limit: 1,
    });
    expect(Array.from(outputs.y?.data as Float32Array)).toEqual([4 + 30]);
  });

  it('says what is wrong with a mapping, a text column or a missing value', async () => {
    const run = (mapping: Record<string, string[]>) =>
      runOnDataset(deps, { ...request, modelPath: model, mapping });
    await expect(run({})).rejects.toThrow("Choose the column(s) for the model's input x.");
    await expect(run({ x: ['a'] })).rejects.toThrow(
      "The model's input x takes 2 values per row; 1 columns were chosen.",
    );
    await expect(run({ x: ['a', 'label'] })).rejects.toThrow(
      'The model\'s input x takes float32 numbers; column label holds text ("x" in row 1 of points).',
    );
    await expect(run({ x: ['a', 'gap'] })).rejects.toThrow(
      'Row 1 of points has no value in gap: filter or fill missing values first (e.g. in a notebook).',
    );
    await expect(run({ x: ['a', 'b'], z: ['a'] })).rejects.toThrow('z is not an input of the model.');
  });
});
