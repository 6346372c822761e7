import { JsonDuckDBValueConverter } from '@duckdb/node-api';
import { WorkbenchError, isWorkbenchError } from '../../../shared/contract/errors.js';
import type { TableOutput } from '../../../shared/contract/notebooks.js';
import { sqlIdentifier, sqlString, type DuckDb, type DuckDbSession } from '../duckdb/index.js';

export interface RunOptions {
  /** The most rows to convert and return. */
  limit: number;
  /** Rows to skip first (counted, never converted), for paging through a big result. */
  offset?: number;
  signal: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** A data set as a notebook sees it: a view named by its slug over its Parquet file. */
export interface DatasetView {
  slug: string;
  parquetPath: string;
  /** Changes when the data set is re-imported, so the view is refreshed. */
  version: string;
}

export interface SqlSessions {
  run(notebook: string, sql: string, options: RunOptions): Promise<TableOutput>;
  /** Closes a notebook's connection (on rename or delete); its temp views go with it. */
  close(notebook: string): void;
  dispose(): void;
}

interface Session {
  db: DuckDbSession;
  release: () => void;
  views: Map<string, string>;
  /** Queries on one connection run one after another. */
  tail: Promise<unknown>;
}

/** Holds one DuckDB connection per open notebook, so its temp views and settings live with it. */
export function createSqlSessions(duckdb: DuckDb, listViews: () => Promise<DatasetView[]>): SqlSessions {
  const sessions = new Map<string, Promise<Session>>();

  const open = (notebook: string): Promise<Session> => {
    const existing = sessions.get(notebook);
    if (existing) return existing;
    const opening = new Promise<Session>((resolve, reject) => {
      let release = (): void => undefined;
      const held = new Promise<void>((r) => (release = r));
      duckdb
        .withConnection(async (db) => {
          resolve({ db, release, views: new Map(), tail: Promise.resolve() });
          await held;
        })
        .catch(reject);
    });
    sessions.set(notebook, opening);
    return opening;
  };

  const refreshViews = async (session: Session): Promise<void> => {
    const wanted = await listViews();
    const names = new Set(wanted.map((v) => v.slug));
    for (const slug of session.views.keys()) {
      if (!names.has(slug)) {
        await session.db.run(`DROP VIEW IF EXISTS ${sqlIdentifier(slug)}`);
        session.views.delete(slug);
      }
    }
    for (const view of wanted) {
      if (session.views.get(view.slug) === view.version) continue;
      // TEMP: the view belongs to this notebook's connection, not to the shared in-memory database.
      await session.db.run(
        `CREATE OR REPLACE TEMP VIEW ${sqlIdentifier(view.slug)} AS SELECT * FROM read_parquet(${sqlString(view.parquetPath)})`,
      );
      session.views.set(view.slug, view.version);
    }
  };

  const execute = async (session: Session, sql: string, options: RunOptions): Promise<TableOutput> => {
    const started = performance.now();
    await refreshViews(session);
    const { connection } = session.db;
    const statements = await connection.extractStatements(sql).catch((error: unknown) => {
      throw sqlError(error, sql);
    });
    if (statements.count === 0) {
      throw new WorkbenchError({ code: 'INVALID_INPUT', message: 'The cell has no SQL statement to run.' });
    }
    const interrupt = (): void => connection.interrupt();
    options.signal.throwIfAborted();
    options.signal.addEventListener('abort', interrupt, { once: true });
    const timer = options.onProgress
      ? setInterval(() => {
          const { percentage } = connection.progress;
          if (percentage >= 0) options.onProgress?.(percentage / 100);
        }, 100)
      : undefined;
    try {
      // Every statement runs; the last one's result is what the cell shows.
      for (let i = 0; i < statements.count - 1; i++) await (await statements.prepare(i)).run();
      const result = await (await statements.prepare(statements.count - 1)).stream();
      const columns = result
        .columnNames()
        .map((name, i) => ({ name, type: String(result.columnTypes()[i]) }));
      const bigInts = columns.map((c) => /^(U?BIGINT|U?HUGEINT)$/.test(c.type));
      const rows: unknown[][] = [];
      const offset = options.offset ?? 0;
      let totalRows = 0;
      // Count every row but convert only `limit` of them from `offset` on: memory stays bounded by
      // the page, and a cell never carries a giant JSON array.
      for (
        let chunk = await result.fetchChunk();
        chunk && chunk.rowCount > 0;
        chunk = await result.fetchChunk()
      ) {
        if (rows.length < options.limit && totalRows + chunk.rowCount > offset) {
          const converted = chunk.convertRows(JsonDuckDBValueConverter);
          for (let i = Math.max(0, offset - totalRows); i < converted.length; i++) {
            if (rows.length >= options.limit) break;
            rows.push((converted[i] ?? []).map((value, c) => (bigInts[c] ? safeNumber(value) : value)));
          }
        }
        totalRows += chunk.rowCount;
        options.signal.throwIfAborted();
      }
      return {
        columns,
        rows,
        totalRows,
        truncated: totalRows > rows.length,
        ...(offset > 0 ? { offset } : {}),
        elapsedMs: performance.now() - started,
      };
    } catch (error) {
      if (options.signal.aborted) {
        throw new WorkbenchError({ code: 'CANCELLED', message: 'The query was interrupted.' });
      }
      throw sqlError(error, sql);
    } finally {
      if (timer) clearInterval(timer);
      options.signal.removeEventListener('abort', interrupt);
    }
  };

  return {
    async run(notebook, sql, options) {
      const session = await open(notebook);
      const turn = session.tail.then(() => execute(session, sql, options));
      session.tail = turn.catch(() => undefined);
      return turn;
    },
    close(notebook) {
      const session = sessions.get(notebook);
      sessions.delete(notebook);
      void session?.then((s) => s.release());
    },
    dispose() {
      for (const name of [...sessions.keys()]) this.close(name);
    },
  };
}

/** JSON carries 64-bit integers as strings; those that fit a double exactly become numbers again. */
function safeNumber(value: unknown): unknown {
  if (typeof value !== 'string' || !/^-?\d{1,16}$/.test(value)) return value;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : value;
}

/**
 * DuckDB says where an error is as "LINE 3: <the line>" followed by a caret under the column;
 * we pass its message through and add the 1-based line and column the editor can mark.
 */
export function sqlError(error: unknown, sql: string): WorkbenchError {
  if (isWorkbenchError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const position = errorPosition(message, sql);
  return new WorkbenchError({
    code: 'INVALID_INPUT',
    message,
    details: { ename: message.split(':')[0] ?? 'Error', ...position },
  });
}

function errorPosition(message: string, sql: string): { line?: number; column?: number } {
  const match = /LINE (\d+): (.*)\n( *)\^/.exec(message);
  if (!match?.[1] || match[3] === undefined) return {};
  const line = Number(match[1]);
  const shown = match[2] ?? '';
  const caret = match[3].length - `LINE ${match[1]}: `.length;
  // DuckDB may trim a long line to a window around the error ("..."): find that window in the source.
  const sourceLine = sql.split('\n')[line - 1] ?? '';
  const offset = shown.startsWith('...') ? Math.max(0, sourceLine.indexOf(shown.slice(3, 23))) - 3 : 0;
  return { line, column: Math.max(1, caret + offset + 1) };
}
