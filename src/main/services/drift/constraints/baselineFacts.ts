import { sqlIdentifier, type DuckDbSession, type RunOptions } from '../../duckdb/index.js';
import { constraintTypeOf, isNumericType, type ConstraintType } from './columnTypes.js';

/** What a suggestion needs to know of one baseline column. */
export interface BaselineColumnFacts {
  name: string;
  duckdbType: string;
  /** Its type as the values show it: text whose every value reads as a number is numeric. */
  type: ConstraintType;
  /** Values that are neither NULL nor (for numbers) NaN or infinite. */
  present: number;
  min: number | null;
  max: number | null;
  /** Each distinct value with its count, for string columns with few enough of them; else null. */
  counts: { value: string; count: number }[] | null;
}

export interface BaselineFacts {
  rows: number;
  columns: BaselineColumnFacts[];
}

/** approx_count_distinct errs by a few percent: columns this far past the limit are counted exactly. */
const DISTINCT_MARGIN = 1.5;

/**
 * Two scans at most: one aggregate computes every column's counts, range and (for text) whether its
 * values read as numbers; a second counts the values of the string columns with few distinct ones.
 */
export async function readBaselineFacts(
  session: DuckDbSession,
  relationSql: string,
  columns: readonly { name: string; type: string }[],
  maxCategories: number,
  options: RunOptions,
): Promise<BaselineFacts> {
  const select = ['count(*) AS rows'];
  columns.forEach((column, i) => select.push(...factSelects(column, i)));
  const [row = {}] = await session.rows(`SELECT ${select.join(', ')} FROM ${relationSql}`, options);
  const num = (key: string): number | null =>
    row[key] === null || row[key] === undefined ? null : Number(row[key]);
  const facts: BaselineColumnFacts[] = columns.map((column, i) => {
    const declared = constraintTypeOf(column.type);
    const readsAsNumbers =
      declared === 'string' && num(`c${i}_not_numbers`) === 0 && (num(`c${i}_numbers`) ?? 0) > 0;
    const type: ConstraintType = readsAsNumbers
      ? num(`c${i}_fractions`) === 0
        ? 'integral'
        : 'fractional'
      : declared;
    return {
      name: column.name,
      duckdbType: column.type,
      type,
      present: (readsAsNumbers ? num(`c${i}_numbers`) : num(`c${i}_present`)) ?? 0,
      min: isNumericType(type) ? num(`c${i}_min`) : null,
      max: isNumericType(type) ? num(`c${i}_max`) : null,
      counts: null,
    };
  });
  const candidates = facts
    .map((fact, i) => ({ fact, i }))
    .filter(
      ({ fact, i }) =>
        fact.type === 'string' && (num(`c${i}_distinct`) ?? Infinity) <= maxCategories * DISTINCT_MARGIN,
    );
  if (candidates.length > 0) {
    const histograms = candidates.map(
      ({ fact, i }) => `histogram(${sqlIdentifier(fact.name)}::VARCHAR) AS h${i}`,
    );
    const [counted = {}] = await session.rows(`SELECT ${histograms.join(', ')} FROM ${relationSql}`, options);
    for (const { fact, i } of candidates) {
      const entries = (counted[`h${i}`] ?? []) as { key: string; value: string | number }[];
      fact.counts = entries.map((entry) => ({ value: String(entry.key), count: Number(entry.value) }));
    }
  }
  return { rows: Number(row.rows ?? 0), columns: facts };
}

function factSelects(column: { name: string; type: string }, i: number): string[] {
  const id = sqlIdentifier(column.name);
  const type = constraintTypeOf(column.type);
  if (isNumericType(type)) {
    const finite = `isfinite(${id}::DOUBLE)`;
    return [
      `count(*) FILTER (WHERE ${finite}) AS c${i}_present`,
      `min(${id}::DOUBLE) FILTER (WHERE ${finite}) AS c${i}_min`,
      `max(${id}::DOUBLE) FILTER (WHERE ${finite}) AS c${i}_max`,
    ];
  }
  if (type === 'string') {
    const number = `TRY_CAST(${id} AS DOUBLE)`;
    const finite = `isfinite(${number})`;
    return [
      `count(${id}) AS c${i}_present`,
      `count(*) FILTER (WHERE ${finite}) AS c${i}_numbers`,
      `count(*) FILTER (WHERE ${id} IS NOT NULL AND ${number} IS NULL) AS c${i}_not_numbers`,
      `count(*) FILTER (WHERE ${finite} AND ${number} <> trunc(${number})) AS c${i}_fractions`,
      `min(${number}) FILTER (WHERE ${finite}) AS c${i}_min`,
      `max(${number}) FILTER (WHERE ${finite}) AS c${i}_max`,
      `approx_count_distinct(${id}) AS c${i}_distinct`,
    ];
  }
  return [`count(${id}) AS c${i}_present`];
}
