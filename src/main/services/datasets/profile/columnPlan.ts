import type { ColumnKind } from '../../../../shared/contract/profile.js';
import { sqlIdentifier } from '../../duckdb/index.js';

// Whole type names only: a prefix would take BIGINT[] (a list, from JSON) or DATE[] for a number or
// a date, and the statistics' SQL (x < 0, epoch(x)) cannot bind on a list.
const NUMERIC_TYPES =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/;
const INTEGER_TYPES =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/;
const FLOAT_TYPES = /^(FLOAT|DOUBLE|REAL)$/;
const DATETIME_TYPES = /^(DATE|TIMESTAMP(_S|_MS|_NS)?|TIMESTAMP WITH TIME ZONE)$/;
/** Text with at most this many distinct values (or under 5% distinct) is treated as categorical. */
export const CATEGORICAL_MAX_DISTINCT = 50;

/**
 * Columns per aggregate scan. One aggregate over every column of a wide file holds thousands of
 * aggregate states per thread at once: 10,000 columns x 50 rows ran DuckDB out of its memory
 * limit. Parquet reads only the columns a scan names, so splitting costs little more I/O.
 */
export const COLUMNS_PER_SCAN = 200;

/** `items` in consecutive groups of at most `size`; one empty group when there are none. */
export function inBatches<T>(items: T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches.length > 0 ? batches : [[]];
}

export type StorageClass = 'numeric' | 'text' | 'datetime' | 'boolean' | 'other';

/** One column as every pass sees it: its name, SQL spellings and storage class. */
export interface PlannedColumn {
  index: number;
  name: string;
  type: string;
  storage: StorageClass;
  /** Whole numbers only (integer types, dates in whole days are not: they bin as time). */
  integer: boolean;
  /** The quoted identifier. */
  sql: string;
  /**
   * The value statistics are computed on: numbers as DOUBLE with infinities and NaN removed (counted
   * apart), date/times as epoch seconds; null for other storage classes.
   */
  valueSql: string | null;
}

export function planColumns(described: { name: string; type: string }[]): PlannedColumn[] {
  return described.map(({ name, type }, index) => {
    const sql = sqlIdentifier(name);
    const storage = storageClass(type);
    let valueSql: string | null = null;
    if (storage === 'numeric')
      valueSql = FLOAT_TYPES.test(type)
        ? `CASE WHEN isfinite(${sql}) THEN ${sql}::DOUBLE END`
        : `${sql}::DOUBLE`;
    if (storage === 'datetime') valueSql = `epoch(${sql}::TIMESTAMP)`;
    return {
      index,
      name,
      type,
      storage,
      integer: storage === 'numeric' && INTEGER_TYPES.test(type),
      sql,
      valueSql,
    };
  });
}

export function isFloatType(type: string): boolean {
  return FLOAT_TYPES.test(type);
}

/** Lists, arrays, structs, maps and unions (and any type not named here) are summarised as "other". */
function storageClass(type: string): StorageClass {
  if (type === 'BOOLEAN') return 'boolean';
  if (NUMERIC_TYPES.test(type)) return 'numeric';
  if (DATETIME_TYPES.test(type)) return 'datetime';
  if (type === 'VARCHAR') return 'text';
  return 'other';
}

export function columnKind(storage: StorageClass, distinct: number, count: number): ColumnKind {
  if (storage !== 'text') return storage;
  return distinct <= CATEGORICAL_MAX_DISTINCT || distinct < count * 0.05 ? 'categorical' : 'text';
}
