import type { DuckDbSession, RunOptions } from '../../duckdb/index.js';
import { toCount } from './sqlValues.js';

/**
 * Exact duplicate rows (rows equal to an earlier row). When some column has as many distinct values
 * as there are rows (an ID), no two rows can be equal and the scan is skipped: the answer is 0.
 */
export async function countDuplicateRows(
  session: DuckDbSession,
  relation: string,
  hasUniqueColumn: boolean,
  options: RunOptions,
): Promise<number> {
  if (hasUniqueColumn) return 0;
  const [row] = await session.rows(
    `SELECT (SELECT count(*) FROM ${relation}) - (SELECT count(*) FROM (SELECT DISTINCT * FROM ${relation})) AS n`,
    options,
  );
  return toCount(row?.n);
}
