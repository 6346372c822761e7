import type { DriftComputeRequest, DriftComputeResult } from './drift/computeDrift.js';
import type { ScriptPage, SqlParam } from './protocol.js';

export interface RunOptions {
  signal?: AbortSignal | undefined;
  /** Called with 0..1 while DuckDB can tell how far a query is. */
  onProgress?: ((fraction: number) => void) | undefined;
  /** Values for the statement's $1, $2 … placeholders. */
  params?: SqlParam[] | undefined;
}

/**
 * DuckDB as the main process sees it: every call crosses to the data worker, which holds the
 * native instances; nothing here touches the native API.
 */
export interface DuckDb {
  readonly version: string;
  /**
   * Changes whenever the data worker dies: state held on a connection (temp views, tables) is gone
   * with it and must be made again.
   */
  readonly generation: number;
  /** Runs `work` on a connection of its own, so interrupting it stops only this work. */
  withConnection<T>(work: (session: DuckDbSession) => Promise<T>): Promise<T>;
}

export interface DuckDbSession {
  /** Runs one statement and returns its rows as JSON-safe objects (big integers become strings). */
  rows(sql: string, options?: RunOptions): Promise<Record<string, unknown>[]>;
  /** Runs one statement and returns its rows as JSON-safe arrays in column order. */
  rowArrays(sql: string, options?: RunOptions): Promise<unknown[][]>;
  run(sql: string, options?: RunOptions): Promise<void>;
  /**
   * Runs every statement of a script (a notebook cell) and returns one page of the last one's
   * result, with the count of all its rows. A syntax error keeps DuckDB's "LINE n" text.
   */
  script(sql: string, page: { limit: number; offset: number }, options?: RunOptions): Promise<ScriptPage>;
  /** Compares two relations column by column inside the worker; only the small result comes back. */
  drift(request: DriftComputeRequest, options?: RunOptions): Promise<DriftComputeResult>;
}

/** Quotes a string as a SQL literal ('it''s'). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Quotes an identifier ("my ""col"""). */
export function sqlIdentifier(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}
