import type { Cell } from '../../../../shared/contract/tables.js';
import { jsonScalar } from '../../duckdb/index.js';

const INTEGER_TYPES = new Set(['BIGINT', 'UBIGINT', 'HUGEINT', 'UHUGEINT', 'INT64', 'INT128']);

/**
 * Makes DuckDB's JSON values fit the contract's scalar cell. DuckDB renders 64-bit and wider
 * integers as strings; they become numbers when a double holds them exactly, so most id columns
 * sort and align as numbers in the grid while 2^53+ values keep every digit. Nested values (lists,
 * structs, maps) become their JSON text, since a grid cell shows text.
 */
export function toCell(value: unknown, type: string): Cell {
  const scalar = jsonScalar(value);
  if (typeof scalar === 'string' && INTEGER_TYPES.has(type)) {
    const asNumber = Number(scalar);
    return Number.isSafeInteger(asNumber) ? asNumber : scalar;
  }
  return scalar;
}
