// Reads what a drift comparison needs out of DuckDB, inside the data worker: numeric columns as
// typed arrays (one scan for all of them), then sorted; other columns as category counts.
import type { DuckDBConnection } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import type { LoadedColumn } from '../../../../shared/drift/columnComparison.js';
import type { SideColumn } from '../../../../shared/drift/columnPairs.js';
import { sqlIdentifier } from '../duckdb.js';
import type { ColumnWork } from './columnWork.js';

export interface Relation {
  sql: string;
  /** A condition on the relation's rows (one window of the current side). */
  where?: string | undefined;
  params?: (string | number)[] | undefined;
}

const from = (relation: Relation): string =>
  `FROM ${relation.sql}${relation.where ? ` WHERE ${relation.where}` : ''}`;

export async function describeRelation(native: DuckDBConnection, relation: Relation): Promise<SideColumn[]> {
  const result = await native.runAndReadAll(`DESCRIBE SELECT * FROM ${relation.sql}`);
  // DESCRIBE's first two columns are the name and the type.
  return (result.getRowsJson() as [string, string][]).map(([name, type]) => ({ name, type }));
}

export async function countRows(native: DuckDBConnection, relation: Relation): Promise<number> {
  const result = await native.runAndReadAll(
    `SELECT count(*)::DOUBLE AS n ${from(relation)}`,
    relation.params,
  );
  return Number(result.getRowObjectsJson()[0]?.n ?? 0);
}

/**
 * Numeric columns (and booleans compared with numbers) as read, in one scan: a Float64Array per
 * column with NaN where a value is missing. DuckDB's vectors are copied straight into the arrays, so
 * no value passes through a JavaScript object; sorting them is left to `sortColumns`.
 */
export async function scanValues(
  native: DuckDBConnection,
  relation: Relation,
  columns: readonly string[],
  rows: number,
  check: () => void,
): Promise<Float64Array<ArrayBuffer>[]> {
  if (columns.length === 0) return [];
  const arrays = columns.map(() => new Float64Array(rows));
  const list = columns.map((column) => `coalesce(${sqlIdentifier(column)}::DOUBLE, 'NaN'::DOUBLE)`);
  const result = await native.stream(`SELECT ${list.join(', ')} ${from(relation)}`, relation.params);
  let offset = 0;
  for (
    let chunk = await result.fetchChunk();
    chunk && chunk.rowCount > 0;
    chunk = await result.fetchChunk()
  ) {
    const size = chunk.rowCount;
    for (let c = 0; c < columns.length; c++) {
      const data = duckdb.vector_get_data(duckdb.data_chunk_get_vector(chunk.chunk, c), size * 8);
      arrays[c]!.set(new Float64Array(data.buffer, data.byteOffset, size), offset);
    }
    offset += size;
    check();
  }
  // The rows were counted just before; a source that changed since is read as it is now.
  return offset === rows ? arrays : arrays.map((array) => array.slice(0, offset));
}

/**
 * Read columns sorted, without their missing values (NULL, NaN and infinities), by `work` (spread
 * over the data worker's threads), with `sorting` stretched over the time any sort ran.
 */
export function sortColumns(
  work: ColumnWork,
  raw: Float64Array<ArrayBuffer>[],
  sorting: SortClock,
): Promise<LoadedColumn[]> {
  return Promise.all(
    raw.map(async (values) => {
      const rows = values.length;
      sorting.started();
      const { sorted, dropped } = await work.sort(values);
      sorting.ended();
      return { form: 'values' as const, values: sorted, missing: dropped, rows };
    }),
  );
}

/** The wall time during which at least one sort ran: sorts overlap each other and reading. */
export class SortClock {
  private running = 0;
  private since = 0;
  ms = 0;

  started(): void {
    if (this.running++ === 0) this.since = performance.now();
  }

  ended(): void {
    if (--this.running === 0) this.ms += performance.now() - this.since;
  }
}

/**
 * Columns' values as text, counted per distinct value (NULL counts as missing), all in one scan:
 * one grouping set per column.
 */
export async function loadCounts(
  native: DuckDBConnection,
  relation: Relation,
  columns: readonly string[],
): Promise<LoadedColumn[]> {
  if (columns.length === 0) return [];
  // Grouped by the values as stored and only the groups cast to text: casting a million values first
  // doubled the scan.
  const ids = columns.map(sqlIdentifier);
  const groupings = ids.map((id) => `grouping(${id})::INTEGER, ${id}::VARCHAR`).join(', ');
  const sets = ids.map((id) => `(${id})`).join(', ');
  const result = await native.runAndReadAll(
    `SELECT ${groupings}, count(*)::DOUBLE AS n ${from(relation)} GROUP BY GROUPING SETS (${sets})`,
    relation.params,
  );
  const loaded = columns.map(() => ({ counts: new Map<string, number>(), missing: 0, rows: 0 }));
  for (const row of result.getRowsJson() as (string | number | null)[][]) {
    const n = row[row.length - 1] as number;
    // grouping() is 0 for the column a row was grouped by.
    const index = columns.findIndex((_, i) => row[2 * i] === 0);
    const side = loaded[index];
    if (!side) continue;
    const value = row[2 * index + 1] as string | null;
    side.rows += n;
    if (value === null) side.missing += n;
    else side.counts.set(value, n);
  }
  return loaded.map((side) => ({ form: 'counts', ...side }));
}

/**
 * A side read once into a temporary table of the columns compared, unless it is Parquet (which
 * DuckDB reads column by column cheaply): a CSV or JSON file is parsed once, not once per query.
 */
export async function materialize(
  native: DuckDBConnection,
  relation: Relation,
  columns: readonly string[],
  name: string,
): Promise<{ relation: Relation; drop: () => Promise<void> }> {
  if (relation.sql.startsWith('read_parquet(') || columns.length === 0)
    return { relation, drop: () => Promise.resolve() };
  const table = sqlIdentifier(`mlw_drift_${name}`);
  const list = columns.map(sqlIdentifier).join(', ');
  // Its rows are sorted or counted afterwards, so their order need not be kept: DuckDB then reads
  // the file a fifth faster and in less memory.
  await native.run('SET SESSION preserve_insertion_order = false');
  try {
    await native.run(
      `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT ${list} ${from(relation)}`,
      relation.params,
    );
  } finally {
    await native.run('RESET SESSION preserve_insertion_order');
  }
  return {
    relation: { sql: table },
    drop: async () => {
      await native.run(`DROP TABLE IF EXISTS ${table}`);
    },
  };
}
