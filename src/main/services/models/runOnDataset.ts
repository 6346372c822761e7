import type { SessionSettingsInput } from '../../../shared/contract/models.js';
import type { TensorValue } from '../../../shared/tensors/tensors.js';
import type { DuckDb } from '../duckdb/index.js';
import type { ModelService } from './modelService.js';
import { datasetBatch } from './datasetBatch.js';

export interface RunOnDatasetDeps {
  models: ModelService;
  duckdb: DuckDb;
  /** The data set's Parquet file and display name (the data set service knows where it lives). */
  datasetFile(slug: string): Promise<{ path: string; name: string }>;
}

export interface RunOnDatasetRequest {
  modelPath: string;
  dataset: string;
  mapping: Record<string, string[]>;
  offset: number;
  limit: number;
  settings?: SessionSettingsInput;
}

/** Runs a model on rows of a workspace data set, columns mapped to inputs, as one batch. */
export async function runOnDataset(
  deps: RunOnDatasetDeps,
  request: RunOnDatasetRequest,
): Promise<{ outputs: Record<string, TensorValue>; rows: number; runMs: number }> {
  const dataset = await deps.datasetFile(request.dataset);
  const { inputs } = await deps.models.open(request.modelPath, request.settings);
  const { feeds, rows } = await datasetBatch(deps.duckdb, inputs, {
    parquetPath: dataset.path,
    datasetName: dataset.name,
    mapping: request.mapping,
    offset: request.offset,
    limit: request.limit,
  });
  const { outputs, runMs } = await deps.models.run(request.modelPath, feeds, request.settings);
  return { outputs, rows, runMs };
}
