import { WorkbenchError } from '../../../shared/contract/errors.js';
import type { RequestPayload } from '../../../shared/contract/servedRequests.js';
import type { ValueInfo } from '../../../shared/contract/models.js';
import { isNumericColumnType, rowWidth } from '../../../shared/models/columnMapping.js';
import type { TensorValue } from '../../../shared/tensors/tensors.js';

export interface DatasetColumn {
  name: string;
  /** The DuckDB type, e.g. DOUBLE, BIGINT, DECIMAL(10,2), VARCHAR. */
  type: string;
}

const MAP_HINT =
  'Choose the columns: mlw container loadtest NAME --dataset SLUG --map INPUT=COL,COL (in the app: the mapping under "Rows of a data set").';

const listed = (names: readonly string[]): string =>
  names.length > 8 ? `${names.slice(0, 8).join(', ')}, … (${names.length})` : names.join(', ');

const invalid = (message: string, hint = MAP_HINT): WorkbenchError =>
  new WorkbenchError({ code: 'INVALID_INPUT', message, hint });

/**
 * The columns that fill each input when none were chosen, as guessColumnMapping guesses them, or
 * why there is no guess: the columns named like the inputs, or, for a model with one input, every
 * numeric column in order (a table of features and nothing else).
 */
export function defaultMapping(
  inputs: readonly ValueInfo[],
  columns: readonly DatasetColumn[],
  datasetName: string,
): Record<string, string[]> {
  const names = columns.map((column) => column.name);
  if (inputs.every((input) => names.includes(input.name)))
    return Object.fromEntries(inputs.map((input) => [input.name, [input.name]]));
  const [only] = inputs;
  if (inputs.length !== 1 || !only)
    throw invalid(
      `The model has inputs ${listed(inputs.map((i) => i.name))}; ${datasetName} has no columns named like them (its columns: ${listed(names)}), so say which columns fill each input.`,
    );
  const numeric = columns.filter((column) => isNumericColumnType(column.type)).map((column) => column.name);
  if (numeric.length === 0)
    throw invalid(
      `${datasetName} has no numeric columns to fill the model's input ${only.name} (its columns: ${listed(names)}).`,
    );
  const width = rowWidth(only);
  if (width !== undefined && width !== numeric.length)
    throw invalid(
      `The model's input ${only.name} takes ${width} ${width === 1 ? 'value' : 'values'} per row; ${datasetName} has ${numeric.length} numeric columns (${listed(numeric)}), so say which fill it.`,
    );
  return { [only.name]: numeric };
}

/** Refuses a mapping that names a column the data set does not have, listing the ones it has. */
export function checkMappedColumns(
  mapping: Record<string, string[]>,
  columns: readonly DatasetColumn[],
  datasetName: string,
): void {
  const names = new Set(columns.map((column) => column.name));
  for (const [input, chosen] of Object.entries(mapping)) {
    const missing = chosen.find((column) => !names.has(column));
    if (missing !== undefined)
      throw invalid(
        `${datasetName} has no column ${missing} (mapped to ${input}); its columns: ${listed([...names])}.`,
      );
  }
}

/** How many rows to read: a request per `batch` rows, up to `bodies` of them. */
export function rowsToRead(
  available: { rows: number; offset: number; datasetName: string },
  batch: number,
  bodies: number,
): number {
  const { rows, offset, datasetName } = available;
  const left = Math.max(0, rows - offset);
  if (left < batch)
    throw invalid(
      offset > 0
        ? `${datasetName} has ${rows} rows, ${left} of them from row ${offset + 1}: too few for one request of ${batch} ${batch === 1 ? 'row' : 'rows'}.`
        : `${datasetName} has ${rows} ${rows === 1 ? 'row' : 'rows'}: too few for one request of ${batch} rows.`,
      'Lower the batch or the first row, or use a larger data set.',
    );
  return Math.min(left - (left % batch), batch * bodies);
}

/** Rows [start, start + count) of tensors whose first dimension is the row. */
export function sliceRows(
  feeds: Record<string, TensorValue>,
  start: number,
  count: number,
): Record<string, TensorValue> {
  return Object.fromEntries(
    Object.entries(feeds).map(([name, tensor]) => {
      const [, ...rest] = tensor.dims;
      const width = rest.reduce((product, dim) => product * dim, 1);
      return [
        name,
        {
          type: tensor.type,
          dims: [count, ...rest],
          data: tensor.data.slice(start * width, (start + count) * width),
        },
      ];
    }),
  );
}

export interface DatasetRowsRequest {
  parquetPath: string;
  datasetName: string;
  mapping: Record<string, string[]>;
  offset: number;
  limit: number;
}

/** Where rows of a data set come from (DatasetService.get and datasetBatch, passed in). */
export interface DatasetRowsSource {
  /** A workspace data set: its name, size, columns and Parquet file. */
  dataset(
    slug: string,
  ): Promise<{ name: string; rows: number; columns: DatasetColumn[]; parquetPath: string }>;
  /** Rows of a data set as model inputs. */
  datasetRows(
    inputs: ValueInfo[],
    request: DatasetRowsRequest,
  ): Promise<{ feeds: Record<string, TensorValue> }>;
}

/**
 * Up to `count` requests' inputs of `batch` rows each, read from a data set (its columns mapped to
 * the model's inputs, or by default as defaultMapping chooses), and what they were made of.
 */
export async function datasetSamples(
  source: DatasetRowsSource,
  inputs: ValueInfo[],
  choice: { dataset: string; mapping?: Record<string, string[]> | undefined; offset?: number | undefined },
  batch: number,
  count: number,
): Promise<{
  samples: Record<string, TensorValue>[];
  payload: Extract<RequestPayload, { kind: 'dataset' }>;
}> {
  const dataset = await source.dataset(choice.dataset);
  const mapping = choice.mapping ?? defaultMapping(inputs, dataset.columns, dataset.name);
  checkMappedColumns(mapping, dataset.columns, dataset.name);
  const offset = choice.offset ?? 0;
  const rows = rowsToRead({ rows: dataset.rows, offset, datasetName: dataset.name }, batch, count);
  const { feeds } = await source.datasetRows(inputs, {
    parquetPath: dataset.parquetPath,
    datasetName: dataset.name,
    mapping,
    offset,
    limit: rows,
  });
  return {
    samples: Array.from({ length: rows / batch }, (_, index) => sliceRows(feeds, index * batch, batch)),
    payload: { kind: 'dataset', dataset: choice.dataset, rows, offset, mapping },
  };
}
