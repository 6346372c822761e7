import { WorkbenchError, isWorkbenchError } from '../../../shared/contract/errors.js';
import type { TableOutput } from '../../../shared/contract/notebooks.js';
import {
  confinementError,
  sqlIdentifier,
  sqlString,
  type DuckDb,
  type DuckDbSession,
} from '../duckdb/index.js';

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
  /** The data worker generation the connection belongs to. */
  generation: number;
}

/** Holds one DuckDB connection per open notebook, so its temp views and settings live with it. */
export function createSqlSessions(duckdb: DuckDb, listViews: () => Promise<DatasetView[]>): SqlSessions {
  const sessions = new Map<string, Promise<Session>>();

  const open = async (notebook: string): Promise<Session> => {
    const existing = sessions.get(notebook);
    // A connection of a data worker that has since died took its temp views with it: open afresh.
    if (existing && (await existing.catch(() => undefined))?.generation === duckdb.generation)
      return existing;
    if (existing) close(notebook);
    const opening = new Promise<Session>((resolve, reject) => {
      let release = (): void => undefined;
      const held = new Promise<void>((r) => (release = r));
      duckdb
        .withConnection(async (db) => {
          resolve({ db, release, views: new Map(), tail: Promise.resolve(), generation: duckdb.generation });
          await held;
        })
        .catch(reject);
    });
    sessions.set(notebook, opening);
    return opening;
  };

  const close = (notebook: string): void => {
    const session = sessions.get(notebook);
    sessions.delete(notebook);
    session?.then((s) => s.release()).catch(() => undefined);
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
    const offset = options.offset ?? 0;
    try {
      const page = await session.db.script(
        sql,
        { limit: options.limit, offset },
        { signal: options.signal, onProgress: options.onProgress },
      );
      return {
        ...page,
        truncated: page.totalRows > page.rows.length,
        ...(offset > 0 ? { offset } : {}),
        elapsedMs: performance.now() - started,
      };
    } catch (error) {
      if (options.signal.aborted) {
        throw new WorkbenchError({ code: 'CANCELLED', message: 'The query was interrupted.' });
      }
      throw sqlError(error, sql);
    }
  };

  return {
    async run(notebook, sql, options) {
      const session = await open(notebook);
      const turn = session.tail.then(() => execute(session, sql, options));
      session.tail = turn.catch(() => undefined);
      return turn;
    },
    close,
    dispose() {
      for (const name of [...sessions.keys()]) close(name);
    },
  };
}

/**
 * DuckDB says where an error is as "LINE 3: <the line>" followed by a caret under the column;
 * we pass its message through and add the 1-based line and column the editor can mark.
 */
export function sqlError(error: unknown, sql: string): WorkbenchError {
  if (isWorkbenchError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const outside = confinementError(message);
  if (outside) return outside;
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
