import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { cancelledError } from '../../../shared/contract/errors.js';

export interface RunOptions {
  signal?: AbortSignal;
  /** Called with 0..1 while DuckDB can tell how far a query is. */
  onProgress?: (fraction: number) => void;
}

export interface DuckDb {
  readonly version: string;
  /** Runs `work` on a connection of its own, so interrupting it stops only this work. */
  withConnection<T>(work: (session: DuckDbSession) => Promise<T>): Promise<T>;
  close(): void;
}

export interface DuckDbSession {
  readonly connection: DuckDBConnection;
  /** Runs one statement and returns its rows as JSON-safe objects (big integers become strings). */
  rows(sql: string, options?: RunOptions): Promise<Record<string, unknown>[]>;
  run(sql: string, options?: RunOptions): Promise<void>;
}

const PROGRESS_POLL_MS = 100;

/**
 * DuckDB takes 80% of RAM by default; the workbench caps it so a data set larger than memory (a
 * 20M-row profile) spills to the temp directory instead of growing the process past 2 GB.
 */
export const DEFAULT_MEMORY_LIMIT = '1GB';

export async function createDuckDb(
  options: { tempDirectory?: string; threads?: number; memoryLimit?: string } = {},
): Promise<DuckDb> {
  const config: Record<string, string> = { memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT };
  if (options.tempDirectory) config.temp_directory = options.tempDirectory;
  if (options.threads) config.threads = String(options.threads);
  const instance = await DuckDBInstance.create(':memory:', config);
  const probe = await instance.connect();
  const [versionRow] = (await probe.runAndReadAll('SELECT version() AS v')).getRowObjectsJson();
  probe.closeSync();
  const version = `DuckDB ${typeof versionRow?.v === 'string' ? versionRow.v : 'unknown'}`;

  return {
    version,
    async withConnection(work) {
      const connection = await instance.connect();
      await connection.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false;');
      try {
        return await work(createSession(connection));
      } finally {
        connection.closeSync();
      }
    },
    close: () => instance.closeSync(),
  };
}

function createSession(connection: DuckDBConnection): DuckDbSession {
  const execute = async <T>(options: RunOptions, read: () => Promise<T>): Promise<T> => {
    const { signal, onProgress } = options;
    signal?.throwIfAborted();
    const interrupt = (): void => connection.interrupt();
    signal?.addEventListener('abort', interrupt, { once: true });
    const timer = onProgress
      ? setInterval(() => {
          const { percentage } = connection.progress;
          if (percentage >= 0) onProgress(percentage / 100);
        }, PROGRESS_POLL_MS)
      : undefined;
    try {
      return await read();
    } catch (error) {
      if (signal?.aborted) throw cancelledError('The query');
      throw error;
    } finally {
      if (timer) clearInterval(timer);
      signal?.removeEventListener('abort', interrupt);
    }
  };
  return {
    connection,
    rows: (sql, options = {}) =>
      execute(
        options,
        async () => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[],
      ),
    run: (sql, options = {}) =>
      execute(options, async () => {
        await connection.run(sql);
      }),
  };
}

/** Quotes a string as a SQL literal ('it''s'). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Quotes an identifier ("my ""col"""). */
export function sqlIdentifier(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}
