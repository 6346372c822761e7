import { randomUUID } from 'node:crypto';
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
  /** The data worker generation whose memory holds the table. */
  engineGeneration: number;
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
    const controller = new AbortController();
    const promise = getDuckDb().then((db) =>
      db.withConnection(async (session) => {
        const { signal } = controller;
        const cancelled = (): never => {
          throw cancelledError('The sort');
        };
        if (signal.aborted) cancelled();
        const engineGeneration = db.generation;
        // preserve_insertion_order (DuckDB's default) keeps the ORDER BY as the table's rowid order.
        await session
          .run(`CREATE TABLE ${table} AS ${sql.sql}`, { params: sql.params, signal })
          .catch((error: unknown) => {
            if (signal.aborted) cancelled();
            throw error;
          });
        const counted = await session.rowArrays(`SELECT count(*)::BIGINT FROM ${table}`);
        const previous = current;
        current = { key, table, total: Number(counted[0]?.[0] ?? 0), engineGeneration };
        if (previous && previous.engineGeneration === engineGeneration)
          await session.run(`DROP TABLE IF EXISTS ${previous.table}`);
        return current;
      }),
    );
    // A failed build must not answer every later page of its view with the same failure.
    promise.catch(() => {
      if (building?.promise === promise) building = undefined;
    });
    return (building = { key, promise, abort: () => controller.abort() }).promise;
  };

  const ready = async (key: string, sql: TableSql): Promise<Built> => {
    // The stored order lives in the data worker: one that died took it along.
    const engineGeneration = (await getDuckDb()).generation;
    if (current && current.engineGeneration !== engineGeneration) current = undefined;
    if (current?.key === key) return current;
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
      const rows = await db.withConnection((session) =>
        session.rowArrays(`SELECT n FROM ${built.table} WHERE rowid >= $1 AND rowid < $2 ORDER BY rowid`, {
          params: [offset, offset + limit],
        }),
      );
      return { rowNumbers: rows.map((row) => Number(row[0])), total: built.total };
    },
  };
}
