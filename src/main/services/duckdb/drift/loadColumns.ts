// Reads what a drift comparison needs out of DuckDB, inside the data worker: numeric columns as
// sorted typed arrays (one scan for all of them), other columns as category counts.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LoadedColumn } from '../../../../shared/drift/columnComparison.js';
import type { SideColumn } from '../../../../shared/drift/columnPairs.js';
import { sortValues } from '../../../../shared/drift/statistics/index.js';
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
 * NULL, NaN and infinities count as missing.
 */
export async function loadValues(
  native: DuckDBConnection,
  relation: Relation,
  columns: readonly string[],
  check: () => void,
  /** Adds the time spent sorting, which the report counts as statistics rather than reading. */
  sorting: { ms: number },
): Promise<LoadedColumn[]> {
  if (columns.length === 0) return [];
  const select = columns.map((column) => `${sqlIdentifier(column)}::DOUBLE`).join(', ');
  const result = await native.stream(`SELECT ${select} ${from(relation)}`, relation.params);
  const buffers = columns.map(() => new GrowingFloat64());
  const missing = columns.map(() => 0);
  let rows = 0;
  for (
    let chunk = await result.fetchChunk();
    chunk && chunk.rowCount > 0;
    chunk = await result.fetchChunk()
  ) {
    const count = chunk.rowCount;
    for (let c = 0; c < columns.length; c++) {
      const vector = chunk.getColumnVector(c);
      const buffer = buffers[c] as GrowingFloat64;
      let absent = 0;
      for (let i = 0; i < count; i++) {
        const value = vector.getItem(i) as number | null;
        if (value === null || !Number.isFinite(value)) absent++;
        else buffer.push(value);
      }
      missing[c] = (missing[c] as number) + absent;
    }
    rows += count;
    check();
  }
  const started = performance.now();
  const loaded = buffers.map((buffer, c): LoadedColumn => ({
    form: 'values',
    values: sortValues(buffer.take()),
    missing: missing[c] as number,
    rows,
  }));
  sorting.ms += performance.now() - started;
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

class GrowingFloat64 {
  private data = new Float64Array(1024);
  private length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** The values pushed, in a buffer of their own size (the spare capacity is given back). */
  take(): Float64Array {
    const values = this.data.slice(0, this.length);
    this.data = new Float64Array(0);
    return values;
  }
}
