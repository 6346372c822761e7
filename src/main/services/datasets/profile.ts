import type { ColumnKind, ColumnSummary, Profile } from '../../../shared/contract/datasets.js';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { sqlIdentifier, type DuckDbSession, type RunOptions } from '../duckdb/index.js';

const NUMERIC_TYPES =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;
const DATETIME_TYPES = /^(DATE|TIME|TIMESTAMP)/;
/** Text with at most this many distinct values (or under 5% distinct) is treated as categorical. */
const CATEGORICAL_MAX_DISTINCT = 50;

/**
 * Profiles any relation DuckDB can read (`read_csv(...)`, a Parquet path, a table): SUMMARIZE for the
 * distribution of every column in one pass, and one exact pass of count(col) for the missing cells.
 */
export async function profileRelation(
  session: DuckDbSession,
  relationSql: string,
  engine: string,
  options: RunOptions = {},
): Promise<Profile> {
  const started = performance.now();
  const summary = await session.rows(`SUMMARIZE SELECT * FROM ${relationSql}`, {
    signal: options.signal,
    onProgress: (fraction) => options.onProgress?.(fraction * 0.8),
  });
  const names = summary.map((row) => String(row.column_name));
  const countSql = [
    'count(*) AS "__rows"',
    ...names.map((name, i) => `count(${sqlIdentifier(name)}) AS "c${i}"`),
  ].join(', ');
  const [counts] = await session.rows(`SELECT ${countSql} FROM ${relationSql}`, {
    signal: options.signal,
    onProgress: (fraction) => options.onProgress?.(0.8 + fraction * 0.2),
  });
  if (!counts)
    throw new WorkbenchError({ code: 'INTERNAL', message: 'The row count query returned nothing.' });
  const rows = Number(counts.__rows);
  const columns = summary.map((row, i): ColumnSummary => {
    const count = Number(counts[`c${i}`]);
    const missing = rows - count;
    const type = String(row.column_type);
    const distinctApprox = Math.min(count, Number(row.approx_unique ?? 0));
    return {
      name: names[i] ?? '',
      type,
      kind: columnKind(type, distinctApprox, count),
      count,
      missing,
      missingPercent: rows === 0 ? 0 : (missing / rows) * 100,
      distinctApprox,
      min: textOrNull(row.min),
      max: textOrNull(row.max),
      mean: numberOrNull(row.avg),
      std: numberOrNull(row.std),
      q25: numberOrNull(row.q25),
      q50: numberOrNull(row.q50),
      q75: numberOrNull(row.q75),
    };
  });
  return {
    schemaVersion: 1,
    rows,
    columnCount: columns.length,
    columns,
    engine,
    elapsedMs: Math.round(performance.now() - started),
    createdAt: new Date().toISOString(),
  };
}

export function columnKind(type: string, distinct: number, count: number): ColumnKind {
  if (type === 'BOOLEAN') return 'boolean';
  if (NUMERIC_TYPES.test(type)) return 'numeric';
  if (DATETIME_TYPES.test(type)) return 'datetime';
  if (type === 'VARCHAR') {
    return distinct <= CATEGORICAL_MAX_DISTINCT || distinct < count * 0.05 ? 'categorical' : 'text';
  }
  return 'other';
}

function textOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return value.toString();
  return JSON.stringify(value);
}

function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}
