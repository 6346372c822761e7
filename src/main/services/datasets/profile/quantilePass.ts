import type { DuckDbSession, RunOptions } from '../../duckdb/index.js';
import { COLUMNS_PER_SCAN, inBatches, type PlannedColumn } from './columnPlan.js';
import { toNumber } from './sqlValues.js';

export const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;
/** Exact quantiles hold every value of a column in memory; keep one batch's values under this. */
const BATCH_BYTES = 400 * 1024 * 1024;

/**
 * Exact quantiles (linear interpolation, as pandas' quantile and describe) with quantile_cont.
 * Columns are batched so that one query never holds more than about BATCH_BYTES of values (at
 * 20M rows that is two columns per scan) nor more than COLUMNS_PER_SCAN columns.
 */
export async function runQuantilePass(
  session: DuckDbSession,
  relation: string,
  columns: PlannedColumn[],
  rows: number,
  options: RunOptions,
): Promise<Map<number, (number | null)[]>> {
  const result = new Map<number, (number | null)[]>();
  const perBatch = Math.max(1, Math.min(COLUMNS_PER_SCAN, Math.floor(BATCH_BYTES / Math.max(1, rows * 16))));
  const list = `[${QUANTILES.join(', ')}]`;
  if (columns.length === 0) return result;
  for (const batch of inBatches(columns, perBatch)) {
    const select = batch.map((c) => `quantile_cont(${c.valueSql ?? 'NULL'}, ${list}) AS "q_${c.index}"`);
    const [row] = await session.rows(`SELECT ${select.join(', ')} FROM ${relation}`, options);
    for (const column of batch) {
      const values = row?.[`q_${column.index}`];
      result.set(
        column.index,
        Array.isArray(values) ? values.map((v: unknown) => toNumber(v)) : QUANTILES.map(() => null),
      );
    }
  }
  return result;
}
