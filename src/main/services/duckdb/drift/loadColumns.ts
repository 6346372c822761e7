// Reads what a drift comparison needs out of DuckDB, inside the data worker: numeric columns as
// sorted typed arrays (one scan for all of them), other columns as category counts.
import type { DuckDBConnection } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import type { LoadedColumn } from '../../../../shared/drift/columnComparison.js';
import type { SideColumn } from '../../../../shared/drift/columnPairs.js';
import { sqlIdentifier } from '../duckdb.js';

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
 * Numeric columns (and booleans compared with numbers) as sorted arrays of their finite values:
 * NULL, NaN and infinities count as missing. DuckDB sorts each column (natively, on every core)
 * and its vectors' bytes are copied straight into one Float64Array, so no value passes through a
 * JavaScript object.
 */
export async function loadValues(
  native: DuckDBConnection,
  relation: Relation,
  columns: readonly string[],
  check: () => void,
  /** Adds the time spent sorting and copying, which counts as statistics rather than reading. */
  sorting: { ms: number },
): Promise<LoadedColumn[]> {
  if (columns.length === 0) return [];
  const finite = (column: string) =>
    `count(*) FILTER (WHERE isfinite(${sqlIdentifier(column)}::DOUBLE))::DOUBLE`;
  const counts = await native.runAndReadAll(
    `SELECT count(*)::DOUBLE, ${columns.map(finite).join(', ')} ${from(relation)}`,
    relation.params,
  );
  const [rows = 0, ...finiteCounts] = (counts.getRowsJson()[0] ?? []) as number[];
  const loaded: LoadedColumn[] = [];
  for (let c = 0; c < columns.length; c++) {
    const started = performance.now();
    const values = new Float64Array(finiteCounts[c] ?? 0);
    const id = sqlIdentifier(columns[c] as string);
    const condition = `isfinite(${id}::DOUBLE)${relation.where ? ` AND (${relation.where})` : ''}`;
    const result = await native.stream(
      `SELECT ${id}::DOUBLE AS v FROM ${relation.sql} WHERE ${condition} ORDER BY v`,
      relation.params,
    );
    let offset = 0;
    for (
      let chunk = await result.fetchChunk();
      chunk && chunk.rowCount > 0;
      chunk = await result.fetchChunk()
    ) {
      const size = chunk.rowCount;
      const data = duckdb.vector_get_data(duckdb.data_chunk_get_vector(chunk.chunk, 0), size * 8);
      new Uint8Array(values.buffer, offset * 8, size * 8).set(data);
      offset += size;
      check();
    }
    sorting.ms += performance.now() - started;
    loaded.push({ form: 'values', values: values.subarray(0, offset), missing: rows - offset, rows });
  }
  return loaded;
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
  const values = columns.map((column, i) => `${sqlIdentifier(column)}::VARCHAR AS v${i}`).join(', ');
  const groupings = columns.map((_, i) => `grouping(v${i})::INTEGER AS g${i}, v${i}`).join(', ');
  const sets = columns.map((_, i) => `(v${i})`).join(', ');
  const result = await native.runAndReadAll(
    `SELECT ${groupings}, count(*)::DOUBLE AS n FROM (SELECT ${values} ${from(relation)}) GROUP BY GROUPING SETS (${sets})`,
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
  await native.run(
    `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT ${list} ${from(relation)}`,
    relation.params,
  );
  return {
    relation: { sql: table },
    drop: async () => {
      await native.run(`DROP TABLE IF EXISTS ${table}`);
    },
  };
}
