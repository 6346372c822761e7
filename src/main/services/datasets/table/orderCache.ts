import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { cancelledError } from '../../../../shared/contract/errors.js';
import type { DuckDb } from '../../duckdb/index.js';
import type { TableSql } from './tableSql.js';

/**
 * Deep pages of a sorted or filtered view. `ORDER BY … OFFSET 10000000` re-sorts all rows for every
 * page (tens of seconds on 20M rows on a busy 2-core machine), so the first deep page stores the
 * view's order once, as file_row_numbers in a table, and every later page reads 200 of them by
 * position and fetches those rows from Parquet. One view is kept (20M positions are ~160 MB);
 * a new sort or filter drops it and interrupts a build still running for the old one.
 */
export interface OrderCache {
  /** The file_row_numbers of view positions offset..offset+limit, and how many rows the view has. */
  page(key: string, build: TableSql, offset: number, limit: number, signal: AbortSignal): Promise<OrderPage>;
}

export interface OrderPage {
  rowNumbers: number[];
  total: number;
}

interface Built {
  key: string;
  table: string;
  total: number;
}

export function createOrderCache(getDuckDb: () => Promise<DuckDb>): OrderCache {
  let current: Built | undefined;
  let building: { key: string; promise: Promise<Built>; abort: () => void } | undefined;
  let generation = 0;
  // Unique per cache, since two services may share one DuckDB (tests do).
  const prefix = `mlw_table_order_${randomUUID().replaceAll('-', '')}`;

  const build = (key: string, sql: TableSql): Promise<Built> => {
    generation += 1;
    const table = `${prefix}_${generation}`;
    let connection: DuckDBConnection | undefined;
    let aborted = false;
    const promise = getDuckDb().then((db) =>
      db.withConnection(async (session) => {
        connection = session.connection;
        if (aborted) throw cancelledError('The sort');
        try {
          // preserve_insertion_order (DuckDB's default) keeps the ORDER BY as the table's rowid order.
          await session.connection.run(`CREATE TABLE ${table} AS ${sql.sql}`, sql.params);
        } catch (error) {
          if (aborted) throw cancelledError('The sort');
          throw error;
        }
        const counted = (
          await session.connection.runAndReadAll(`SELECT count(*)::BIGINT FROM ${table}`)
        ).getRowsJson();
        const previous = current;
        current = { key, table, total: Number(counted[0]?.[0] ?? 0) };
        if (previous) await session.connection.run(`DROP TABLE IF EXISTS ${previous.table}`);
        return current;
      }),
    );
    const abort = (): void => {
      aborted = true;
      connection?.interrupt();
    };
    // A failed build must not answer every later page of its view with the same failure.
    promise.catch(() => {
      if (building?.promise === promise) building = undefined;
    });
    return (building = { key, promise, abort }).promise;
  };

  const ready = (key: string, sql: TableSql): Promise<Built> => {
    if (current?.key === key) return Promise.resolve(current);
    if (building?.key === key) return building.promise;
    building?.abort();
    return build(key, sql);
  };

  return {
    async page(key, sql, offset, limit, signal) {
      // A page the user scrolled past stops waiting, but the build goes on for the pages after it.
      const built = await new Promise<Built>((resolve, reject) => {
        const onAbort = (): void => reject(cancelledError('The table query'));
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        ready(key, sql).then(resolve, reject);
      });
      const db = await getDuckDb();
      const rows = await db.withConnection(async ({ connection }) =>
        (
          await connection.runAndReadAll(
            `SELECT n FROM ${built.table} WHERE rowid >= $1 AND rowid < $2 ORDER BY rowid`,
            [offset, offset + limit],
          )
        ).getRowsJson(),
      );
      return { rowNumbers: rows.map((row) => Number(row[0])), total: built.total };
    },
  };
}
