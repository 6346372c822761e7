import type { Cell, FilterOp, TableColumn } from '../../../../shared/contract/tables.js';

export type ColumnFamily = 'number' | 'temporal' | 'boolean' | 'text';

const NUMBER =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL)/;
const TEMPORAL = /^(DATE|TIME|TIMESTAMP|INTERVAL)/;

/** Groups DuckDB's storage types into what the grid treats alike: alignment, width and filter ops. */
export function columnFamily(type: string): ColumnFamily {
  const upper = type.toUpperCase();
  // Lists, structs and maps arrive as JSON text.
  if (upper.endsWith(']') || upper.startsWith('STRUCT') || upper.startsWith('MAP')) return 'text';
  if (NUMBER.test(upper)) return 'number';
  if (TEMPORAL.test(upper)) return 'temporal';
  if (upper === 'BOOLEAN') return 'boolean';
  return 'text';
}

/** Pixel widths that fit typical values of each family without wasting the screen. */
export function columnWidth(column: TableColumn): number {
  const family = columnFamily(column.type);
  const byFamily = family === 'number' ? 130 : family === 'temporal' ? 170 : family === 'boolean' ? 90 : 200;
  // Long headers get a little more room, up to a cap, so the name is not cut at once.
  return Math.max(byFamily, Math.min(280, column.name.length * 8 + 40));
}

export const opLabels: Record<FilterOp, string> = {
  eq: '=',
  ne: '≠',
  lt: '<',
  le: '≤',
  gt: '>',
  ge: '≥',
  contains: 'contains',
  is_null: 'is NULL',
  not_null: 'is not NULL',
};

/** The filter operations that make sense for a column's family. */
export function opsFor(family: ColumnFamily): FilterOp[] {
  if (family === 'text') return ['contains', 'eq', 'ne', 'is_null', 'not_null'];
  if (family === 'boolean') return ['eq', 'is_null', 'not_null'];
  return ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'is_null', 'not_null'];
}

/** Sends numbers as numbers (DuckDB casts them anyway); anything else as the text the user typed. */
export function filterValue(family: ColumnFamily, text: string): string | number | boolean {
  const trimmed = text.trim();
  if (family === 'number' && trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (family === 'boolean') return trimmed.toLowerCase() === 'true';
  return text;
}

/**
 * A cell as the grid shows it. Doubles show at most 12 significant digits, so 1.1099999999999999
 * (a decimal a double cannot hold) reads 1.11; the exact value is in the cell's tooltip.
 */
export function cellText(cell: Cell): string {
  if (cell === null) return 'NULL';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  if (typeof cell === 'number' && !Number.isInteger(cell)) return String(Number(cell.toPrecision(12)));
  return String(cell);
}

/** The exact value, for the tooltip, when the cell shows less of it. */
export function exactText(cell: Cell): string {
  return cell === null ? 'NULL' : String(cell);
}
