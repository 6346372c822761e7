import type { ColumnConstraint } from '../../../../shared/contract/drift.js';
import { valueClass } from '../../../../shared/drift/columnPairs.js';
import { sqlIdentifier, sqlString, type DuckDbSession, type RunOptions } from '../../duckdb/index.js';
import { constraintTypeOf, isNumericType } from './columnTypes.js';

/** A constraint and the current column it is checked on. */
export interface CheckedColumn {
  constraint: ColumnConstraint;
  current: { name: string; type: string };
}

/** What the checks need to know of one current column, counted against its constraint. */
export interface CurrentColumnFacts {
  /** Values that are not NULL (nor, for a numeric constraint, NaN or infinite). */
  present: number;
  /** Present values that are not of the constraint's type, and the most frequent of them. */
  wrongType: number;
  wrongTypeExamples: string[];
  /** Values read as numbers (numeric constraints), those outside the range, and the range seen. */
  numbers: number;
  outOfRange: number;
  min: number | null;
  max: number | null;
  /** Present values not among the categories, how many distinct ones, and the most frequent. */
  unknown: number;
  unknownDistinct: number;
  unknownExamples: string[];
}

export interface CurrentFacts {
  rows: number;
  columns: CurrentColumnFacts[];
}

const EXAMPLES = 5;

/** One scan of the current side computes every checked column's facts. */
export async function readCurrentFacts(
  session: DuckDbSession,
  relationSql: string,
  checked: readonly CheckedColumn[],
  options: RunOptions,
): Promise<CurrentFacts> {
  const select = ['count(*) AS rows'];
  checked.forEach((column, i) => select.push(...factSelects(column, i)));
  const [row = {}] = await session.rows(`SELECT ${select.join(', ')} FROM ${relationSql}`, options);
  const num = (key: string): number | null =>
    row[key] === null || row[key] === undefined ? null : Number(row[key]);
  const texts = (key: string): string[] => ((row[key] ?? []) as unknown[]).map(String);
  return {
    rows: Number(row.rows ?? 0),
    columns: checked.map((_, i) => ({
      present: num(`c${i}_present`) ?? 0,
      wrongType: num(`c${i}_wrong`) ?? 0,
      wrongTypeExamples: texts(`c${i}_wrong_examples`),
      numbers: num(`c${i}_numbers`) ?? 0,
      outOfRange: num(`c${i}_out`) ?? 0,
      min: num(`c${i}_min`),
      max: num(`c${i}_max`),
      unknown: num(`c${i}_unknown`) ?? 0,
      unknownDistinct: num(`c${i}_unknown_distinct`) ?? 0,
      unknownExamples: texts(`c${i}_unknown_examples`),
    })),
  };
}

function factSelects({ constraint, current }: CheckedColumn, i: number): string[] {
  const id = sqlIdentifier(current.name);
  const number = numberSql(id, current.type);
  const present =
    isNumericType(constraint.type) && number
      ? `${id} IS NOT NULL AND (${number} IS NULL OR isfinite(${number}))`
      : `${id} IS NOT NULL`;
  const wrong = wrongTypeSql(constraint.type, id, current.type, number);
  const selects = [`count(*) FILTER (WHERE ${present}) AS c${i}_present`];
  if (wrong)
    selects.push(
      `count(*) FILTER (WHERE ${wrong}) AS c${i}_wrong`,
      `approx_top_k(${id}::VARCHAR, ${EXAMPLES}) FILTER (WHERE ${wrong}) AS c${i}_wrong_examples`,
    );
  if (isNumericType(constraint.type) && number) {
    const finite = `isfinite(${number})`;
    selects.push(
      `count(*) FILTER (WHERE ${finite}) AS c${i}_numbers`,
      `min(${number}) FILTER (WHERE ${finite}) AS c${i}_min`,
      `max(${number}) FILTER (WHERE ${finite}) AS c${i}_max`,
    );
    const outside = rangeSql(number, constraint.range);
    if (outside) selects.push(`count(*) FILTER (WHERE ${finite} AND (${outside})) AS c${i}_out`);
  }
  if (constraint.categories) {
    const unknown =
      constraint.categories.length === 0
        ? `${id} IS NOT NULL`
        : `${id} IS NOT NULL AND ${id}::VARCHAR NOT IN (${constraint.categories.map(sqlString).join(', ')})`;
    selects.push(
      `count(*) FILTER (WHERE ${unknown}) AS c${i}_unknown`,
      `count(DISTINCT ${id}::VARCHAR) FILTER (WHERE ${unknown}) AS c${i}_unknown_distinct`,
      `approx_top_k(${id}::VARCHAR, ${EXAMPLES}) FILTER (WHERE ${unknown}) AS c${i}_unknown_examples`,
    );
  }
  return selects;
}

/** The column as a DOUBLE where its type can hold numbers: numeric columns, and text read as numbers. */
function numberSql(id: string, duckdbType: string): string | null {
  const kind = valueClass(duckdbType);
  if (kind === 'numeric') return `${id}::DOUBLE`;
  if (kind === 'text') return `TRY_CAST(${id} AS DOUBLE)`;
  return null;
}

/** A condition true for the present values that are not of the constraint's type; null when none can be. */
function wrongTypeSql(
  type: ColumnConstraint['type'],
  id: string,
  duckdbType: string,
  number: string | null,
): string | null {
  const kind = valueClass(duckdbType);
  const everyValue = `${id} IS NOT NULL`;
  switch (type) {
    case 'integral':
    case 'fractional': {
      if (!number) return everyValue;
      const unread = kind === 'text' ? `(${id} IS NOT NULL AND ${number} IS NULL)` : null;
      const fraction =
        type === 'integral' && constraintTypeOf(duckdbType) !== 'integral'
          ? `(isfinite(${number}) AND ${number} <> trunc(${number}))`
          : null;
      return unread && fraction ? `${unread} OR ${fraction}` : (unread ?? fraction);
    }
    case 'string':
      return kind === 'text' ? null : everyValue;
    case 'boolean':
      if (kind === 'boolean') return null;
      if (kind === 'text') return `${id} IS NOT NULL AND TRY_CAST(${id} AS BOOLEAN) IS NULL`;
      if (kind === 'numeric') return `${id} IS NOT NULL AND ${id}::DOUBLE NOT IN (0, 1)`;
      return everyValue;
    case 'timestamp':
      if (kind === 'time') return null;
      if (kind === 'text') return `${id} IS NOT NULL AND TRY_CAST(${id} AS TIMESTAMP) IS NULL`;
      return everyValue;
    case 'other':
      return null;
  }
}

function rangeSql(number: string, range: ColumnConstraint['range']): string | null {
  if (!range) return null;
  const parts = [
    ...(range.min !== null ? [`${number} < ${sqlNumber(range.min)}`] : []),
    ...(range.max !== null ? [`${number} > ${sqlNumber(range.max)}`] : []),
  ];
  return parts.length ? parts.join(' OR ') : null;
}

/**
 * A JavaScript number as a DOUBLE that is the same number: a plain literal with many digits is read
 * as a DECIMAL first and rounded, text cast to DOUBLE is not.
 */
const sqlNumber = (value: number): string => `CAST(${sqlString(String(value))} AS DOUBLE)`;
