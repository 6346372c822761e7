import { WorkbenchError } from '../../../../shared/contract/errors.js';
import {
  opTakesValue,
  type TableColumn,
  type TableFilter,
  type TableSort,
} from '../../../../shared/contract/tables.js';
import { sqlIdentifier, sqlString } from '../../duckdb/index.js';

/** A scalar DuckDB binds as a prepared-statement parameter. */
export type SqlParam = string | number | boolean;

export interface TableSql {
  sql: string;
  params: SqlParam[];
}

export interface TableQueryShape {
  sort?: TableSort[] | undefined;
  filters?: TableFilter[] | undefined;
}

/**
 * `file_row_number` is the row's position in the Parquet file: the unsorted order, a tie-breaker
 * that makes every sort stable, and (unfiltered, unsorted) a range DuckDB answers from the row
 * groups that hold it instead of scanning everything before the page as OFFSET would.
 */
const ROW_NUMBER = 'file_row_number';

const comparison: Record<'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge', string> = {
  eq: '=',
  ne: '<>',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
};

/** Types come from DuckDB's own DESCRIBE, but they are spliced into a CAST, so allow only type syntax. */
const SAFE_TYPE = /^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+(\s*,\s*\d+)?\s*\))?$/;

export function source(parquetPath: string): string {
  return `read_parquet(${sqlString(parquetPath)}, file_row_number = true)`;
}

/** Looks a column up in the data set's schema; unknown names are refused, never interpolated. */
export function resolveColumn(columns: readonly TableColumn[], name: string): TableColumn {
  const column = columns.find((candidate) => candidate.name === name);
  if (!column) throw unknownColumn(name);
  return column;
}

export function unknownColumn(name: string): WorkbenchError {
  return new WorkbenchError({
    code: 'INVALID_INPUT',
    message: `There is no column ${JSON.stringify(name)} in this data set.`,
    hint: 'Pick a column from the table header; the data set may have been re-imported.',
    details: { column: name },
  });
}

function whereClause(columns: readonly TableColumn[], filters: readonly TableFilter[]): TableSql {
  const params: SqlParam[] = [];
  const terms = filters.map((filter) => {
    const column = resolveColumn(columns, filter.column);
    const id = sqlIdentifier(column.name);
    if (filter.op === 'is_null') return `${id} IS NULL`;
    if (filter.op === 'not_null') return `${id} IS NOT NULL`;
    if (!opTakesValue(filter.op) || filter.value === undefined) {
      throw new WorkbenchError({ code: 'INVALID_INPUT', message: `The ${filter.op} filter needs a value.` });
    }
    params.push(filter.value);
    const param = `$${params.length}`;
    // Case-insensitive substring on the text form, so "contains" also works on numbers and dates.
    if (filter.op === 'contains')
      return `contains(lower(CAST(${id} AS VARCHAR)), lower(CAST(${param} AS VARCHAR)))`;
    return `${id} ${comparison[filter.op]} ${castTo(param, column.type)}`;
  });
  return { sql: terms.length > 0 ? `WHERE ${terms.join(' AND ')}` : '', params };
}

/** Binds the value as the column's type, so '2024-01-05' compares as a DATE and '10' as a number. */
function castTo(param: string, type: string): string {
  return SAFE_TYPE.test(type) ? `CAST(${param} AS ${type})` : param;
}

function orderClause(columns: readonly TableColumn[], sort: readonly TableSort[]): string {
  const keys = sort.map((key) => {
    const id = sqlIdentifier(resolveColumn(columns, key.column).name);
    // NULLs last both ways: users look for values first, as in spreadsheets.
    return `${id} ${key.direction === 'asc' ? 'ASC' : 'DESC'} NULLS LAST`;
  });
  return `ORDER BY ${[...keys, ROW_NUMBER].join(', ')}`;
}

function selectList(columns: readonly TableColumn[]): string {
  return columns.map((column) => sqlIdentifier(column.name)).join(', ');
}

/** The SQL for one page of `limit` rows from `offset` (validated integers, checked again here). */
export function pageSql(
  parquetPath: string,
  columns: readonly TableColumn[],
  shape: TableQueryShape,
  offset: number,
  limit: number,
): TableSql {
  const where = whereClause(columns, shape.filters ?? []);
  const sort = shape.sort ?? [];
  const from = source(parquetPath);
  const select = selectList(columns);
  if (where.sql === '' && sort.length === 0) {
    return {
      sql: `SELECT ${select} FROM ${from} WHERE ${ROW_NUMBER} >= $1 AND ${ROW_NUMBER} < $2 ORDER BY ${ROW_NUMBER}`,
      params: [offset, offset + limit],
    };
  }
  return {
    sql: `SELECT ${select} FROM ${from} ${where.sql} ${orderClause(columns, sort)} LIMIT ${integer(limit)} OFFSET ${integer(offset)}`,
    params: where.params,
  };
}

export function countSql(
  parquetPath: string,
  columns: readonly TableColumn[],
  shape: TableQueryShape,
): TableSql {
  const where = whereClause(columns, shape.filters ?? []);
  return { sql: `SELECT count(*) AS n FROM ${source(parquetPath)} ${where.sql}`, params: where.params };
}

/** Every matching row's file_row_number in view order: what the order cache stores, once per view. */
export function orderSql(
  parquetPath: string,
  columns: readonly TableColumn[],
  shape: TableQueryShape,
): TableSql {
  const where = whereClause(columns, shape.filters ?? []);
  return {
    sql: `SELECT ${ROW_NUMBER} AS n FROM ${source(parquetPath)} ${where.sql} ${orderClause(columns, shape.sort ?? [])}`,
    params: where.params,
  };
}

/** The rows at these file positions (any order; the caller puts them in view order). */
export function rowsAtSql(
  parquetPath: string,
  columns: readonly TableColumn[],
  rowNumbers: readonly number[],
): string {
  const list = rowNumbers.map(integer).join(', ');
  return `SELECT ${selectList(columns)}, ${ROW_NUMBER} FROM ${source(parquetPath)} WHERE ${ROW_NUMBER} IN (${list})`;
}

function integer(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`Not a row index: ${value}`);
  return String(value);
}
