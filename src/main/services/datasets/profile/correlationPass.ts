import type { DuckDbSession, RunOptions } from '../../duckdb/index.js';
import type { PlannedColumn } from './columnPlan.js';
import { pairs } from './scalarPass.js';
import { toCount, toNumber } from './sqlValues.js';

/**
 * Spearman needs every column ranked, one sort each: on 1M rows x 9 columns that alone took 5 s
 * here, longer than the rest of the profile. Ranks are computed on every row up to this many rows,
 * else on a sample of about this size; the profile records how many rows it used.
 */
export const SPEARMAN_MAX_ROWS = 100_000;

export interface SampleResult {
  spearman: Map<string, number | null>;
  rows: number;
  /** Per text column: sampled non-empty values and how many of them read as numbers. */
  numberLike: Map<number, { values: number; numbers: number }>;
}

/**
 * One sample (all rows when there are few) serves Spearman's rho, Pearson on average
 * ranks (ties share their mean rank, as pandas ranks), and the screening of text columns for
 * values that read as numbers (TRY_CAST on every row of every text column costs about a second
 * per million rows; the exact count runs only for a column the sample shows to be mixed).
 */
export async function runSamplePass(
  session: DuckDbSession,
  relation: string,
  ranked: PlannedColumn[],
  texts: PlannedColumn[],
  rows: number,
  options: RunOptions,
): Promise<SampleResult> {
  const result: SampleResult = {
    spearman: new Map(),
    rows: Math.min(rows, SPEARMAN_MAX_ROWS),
    numberLike: new Map(),
  };
  if (ranked.length < 2 && texts.length === 0) return result;
  // A system sample takes whole vectors of 2048 rows, so it skips reading the rest (a reservoir
  // sample scans every row: 3x slower here); repeatable, so a profile is reproducible.
  const percent = (SPEARMAN_MAX_ROWS / Math.max(1, rows)) * 100;
  const sample = rows > SPEARMAN_MAX_ROWS ? ` USING SAMPLE ${percent.toFixed(4)}% (system, 42)` : '';
  // The average rank of tied values is (first + last position) / 2: rank() gives the first and
  // cume_dist() * rows the last, and both share one sort per column (a count per partition for the
  // ties costs a second sort). NULLs sort last, so they never shift a value's positions.
  if (ranked.length >= 2) {
    const picked = ranked.map((c) => `${c.valueSql ?? 'NULL'} AS "v${c.index}"`).join(', ');
    const ranks = ranked.map((c) => {
      const order = `OVER (ORDER BY "v${c.index}" NULLS LAST)`;
      return `CASE WHEN "v${c.index}" IS NOT NULL THEN (rank() ${order} + round(cume_dist() ${order} * count(*) OVER ())) / 2 END AS "r${c.index}"`;
    });
    const correlations = pairs(ranked).map(
      ([a, b]) => `corr("r${a.index}", "r${b.index}") AS "s_${a.index}_${b.index}"`,
    );
    const [row] = await session.rows(
      `SELECT count(*) AS "sampled", ${correlations.join(', ')} FROM (SELECT ${ranks.join(', ')} FROM (SELECT ${picked} FROM ${relation}${sample}))`,
      options,
    );
    result.rows = toCount(row?.sampled);
    for (const [a, b] of pairs(ranked))
      result.spearman.set(`${a.index},${b.index}`, toNumber(row?.[`s_${a.index}_${b.index}`]));
  }
  // A query of its own: text carried through the windows above is sorted along with every ranked
  // column, which tripled this pass's time.
  if (texts.length > 0) {
    const counts = texts.flatMap((c) => [
      `count_if(${c.sql} <> '') AS "tv${c.index}"`,
      `count_if(TRY_CAST(${c.sql} AS DOUBLE) IS NOT NULL) AS "tn${c.index}"`,
    ]);
    const [row] = await session.rows(`SELECT ${counts.join(', ')} FROM ${relation}${sample}`, options);
    for (const c of texts)
      result.numberLike.set(c.index, {
        values: toCount(row?.[`tv${c.index}`]),
        numbers: toCount(row?.[`tn${c.index}`]),
      });
  }
  return result;
}

/** The exact count of values reading as numbers, for a column the sample showed to be mixed. */
export async function countNumberLike(
  session: DuckDbSession,
  relation: string,
  column: PlannedColumn,
  options: RunOptions,
): Promise<number> {
  const [row] = await session.rows(
    `SELECT count_if(TRY_CAST(${column.sql} AS DOUBLE) IS NOT NULL) AS n FROM ${relation}`,
    options,
  );
  return toCount(row?.n);
}

/** Cramér's V without bias correction, as scipy.stats.contingency.association(method='cramer'). */
export function cramersV(cells: { a: string; b: string; count: number }[]): number | null {
  const rowTotals = new Map<string, number>();
  const columnTotals = new Map<string, number>();
  let n = 0;
  for (const { a, b, count } of cells) {
    rowTotals.set(a, (rowTotals.get(a) ?? 0) + count);
    columnTotals.set(b, (columnTotals.get(b) ?? 0) + count);
    n += count;
  }
  const dof = Math.min(rowTotals.size - 1, columnTotals.size - 1);
  if (n === 0 || dof <= 0) return null;
  // chi2 = n * (sum of O^2 / (row total * column total) - 1); absent cells contribute nothing.
  let sum = 0;
  for (const { a, b, count } of cells)
    sum += (count * count) / ((rowTotals.get(a) ?? 1) * (columnTotals.get(b) ?? 1));
  return Math.sqrt(Math.max(0, n * (sum - 1)) / n / dof);
}
