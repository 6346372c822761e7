import { WorkbenchError } from '../../../shared/contract/errors.js';
import type { ValueInfo } from '../../../shared/contract/models.js';
import type { TensorValue } from '../../../shared/tensors/tensors.js';
import { sqlIdentifier, sqlString, type DuckDb } from '../duckdb/index.js';

/** Rows of a data set turned into model inputs: each input takes one column or several. */
export interface BatchRequest {
  /** The data set's Parquet file. */
  parquetPath: string;
  datasetName: string;
  /** Input name → the columns that fill it, in order. */
  mapping: Record<string, string[]>;
  offset: number;
  limit: number;
}

const NUMERIC = new Set(['float32', 'float64', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32']);
const BIG = new Set(['int64', 'uint64']);

/**
 * Reads `limit` rows from `offset` and builds one tensor per input: [rows, columns] for a 2-D input,
 * [rows] for a 1-D one (one column). A missing value has no tensor spelling, so it fails naming the
 * column and the row, rather than being sent as 0.
 */
export async function datasetBatch(
  duckdb: DuckDb,
  inputs: readonly ValueInfo[],
  request: BatchRequest,
): Promise<{ feeds: Record<string, TensorValue>; rows: number }> {
  const plan = inputs.map((input) => {
    const columns = request.mapping[input.name];
    if (!columns || columns.length === 0)
      throw invalid(`Choose the column(s) for the model's input ${input.name}.`);
    const rank = input.shape?.length ?? 2;
    if (rank === 1 && columns.length !== 1)
      throw invalid(
        `The model's input ${input.name} is one value per row: map it to one column, not ${columns.length}.`,
      );
    if (rank !== 1 && rank !== 2)
      throw invalid(
        `The model's input ${input.name} has ${rank} dimensions; only 1-D and 2-D inputs take data set rows.`,
      );
    const width = input.shape?.[1];
    if (rank === 2 && typeof width === 'number' && width !== columns.length)
      throw invalid(
        `The model's input ${input.name} takes ${width} values per row; ${columns.length} columns were chosen.`,
      );
    return { input, columns, rank };
  });
  for (const name of Object.keys(request.mapping))
    if (!inputs.some((i) => i.name === name)) throw invalid(`${name} is not an input of the model.`);

  const selected = plan.flatMap(({ columns }) => columns);
  const rows = await duckdb
    .withConnection((session) =>
      session.rows(
        `SELECT ${selected.map((c, i) => `${sqlIdentifier(c)} AS "c${i}"`).join(', ')} FROM read_parquet(${sqlString(request.parquetPath)}) LIMIT ${request.limit} OFFSET ${request.offset}`,
      ),
    )
    .catch((error: unknown) => {
      throw invalid(`Cannot read those columns of ${request.datasetName}: ${firstLine(error)}`);
    });

  const feeds: Record<string, TensorValue> = {};
  let first = 0;
  for (const { input, columns, rank } of plan) {
    const type = input.type ?? 'float32';
    const values: unknown[] = [];
    for (const [r, row] of rows.entries())
      columns.forEach((column, j) => {
        const value = row[`c${first + j}`];
        if (value === null || value === undefined)
          throw invalid(
            `Row ${request.offset + r + 1} of ${request.datasetName} has no value in ${column}: filter or fill missing values first (e.g. in a notebook).`,
          );
        values.push(value);
      });
    first += columns.length;
    const dims = rank === 1 ? [rows.length] : [rows.length, columns.length];
    feeds[input.name] = {
      type,
      dims,
      data: typed(type, values, {
        input: input.name,
        columns,
        offset: request.offset,
        dataset: request.datasetName,
      }),
    };
  }
  return { feeds, rows: rows.length };
}

/** Where the values came from, to name the column and row of one that is not a number. */
interface ValuesOrigin {
  input: string;
  columns: string[];
  offset: number;
  dataset: string;
}

function typed(type: string, values: unknown[], origin: ValuesOrigin): TensorValue['data'] {
  const { input } = origin;
  if (type === 'string') return values.map(String);
  if (type === 'bool') return Uint8Array.from(values, (v) => (v === true || v === 'true' || v === 1 ? 1 : 0));
  const numbers = values.map((v) => (typeof v === 'string' ? Number(v) : v));
  const bad = numbers.findIndex((n) => typeof n !== 'number' || Number.isNaN(n));
  if (bad >= 0) {
    const width = origin.columns.length;
    const column = origin.columns[bad % width];
    const row = origin.offset + Math.floor(bad / width) + 1;
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `The model's input ${input} takes ${type} numbers; column ${column} holds text (${JSON.stringify(values[bad])} in row ${row} of ${origin.dataset}).`,
      hint: 'Map numeric columns only, or convert or encode this one first (e.g. in a notebook).',
    });
  }
  const list = numbers as number[];
  if (BIG.has(type))
    return type === 'int64'
      ? BigInt64Array.from(list, (n) => BigInt(Math.trunc(n)))
      : BigUint64Array.from(list, (n) => BigInt(Math.trunc(n)));
  if (!NUMERIC.has(type))
    throw invalid(`The model's input ${input} takes ${type}, which data set rows cannot fill.`);
  const make = {
    float32: Float32Array,
    float64: Float64Array,
    int8: Int8Array,
    uint8: Uint8Array,
    int16: Int16Array,
    uint16: Uint16Array,
    int32: Int32Array,
    uint32: Uint32Array,
  }[type as 'float32'];
  return make.from(list);
}

function invalid(message: string): WorkbenchError {
  return new WorkbenchError({ code: 'INVALID_INPUT', message });
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).trim();
}
