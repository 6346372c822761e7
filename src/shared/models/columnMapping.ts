import type { ValueInfo } from '../contract/models.js';

const NUMERIC_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/i;

/** A DuckDB column type that holds numbers (DOUBLE, BIGINT, DECIMAL(10,2), ...). */
export const isNumericColumnType = (type: string): boolean => NUMERIC_TYPE.test(type);

/** Values per row an input takes: 1 for a 1-D input, its second dimension when fixed, else unknown. */
export function rowWidth(input: ValueInfo): number | undefined {
  if (input.shape?.length === 1) return 1;
  const width = input.shape?.[1];
  return typeof width === 'number' ? width : undefined;
}

/**
 * The columns that fill the inputs when none were chosen: a column named like an input fills it;
 * a model's only input otherwise takes every numeric column, in order, when as many fit it.
 * Inputs it cannot fill are left out.
 */
export function guessColumnMapping(
  inputs: readonly ValueInfo[],
  columns: readonly { name: string; type: string }[],
): Record<string, string[]> {
  const names = new Set(columns.map((column) => column.name));
  const named = Object.fromEntries(
    inputs.filter((input) => names.has(input.name)).map((input) => [input.name, [input.name]]),
  );
  const [only] = inputs;
  if (inputs.length !== 1 || !only || named[only.name]) return named;
  const numeric = columns.filter((column) => isNumericColumnType(column.type)).map((column) => column.name);
  const width = rowWidth(only);
  return numeric.length > 0 && (width === undefined || width === numeric.length)
    ? { [only.name]: numeric }
    : {};
}
