// The data worker's engine: the native DuckDB instances and connections live here, never in the
// main process (workerMain.ts runs it in a worker; tests may run it in-process).
import { mkdir } from 'node:fs/promises';
import { sep } from 'node:path';
import { DuckDBInstance, JsonDuckDBValueConverter, type DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { inlineColumnWork, type ColumnWork } from './drift/columnWork.js';
import { computeDrift } from './drift/computeDrift.js';
import type { DataRequest, EngineConfig, InstanceName, ScriptPage } from './protocol.js';

/**
 * DuckDB takes 80% of RAM by default; the workbench caps it so a data set larger than memory (a
 * 20M-row profile) spills to the temp directory instead of growing the process past 2 GB.
 */
export const DEFAULT_MEMORY_LIMIT = '1GB';

const PROGRESS_POLL_MS = 100;

export interface Engine {
  readonly version: string;
  /** Answers one request; `emit` sends events (progress) for it before the answer. */
  handle(request: DataRequest, emit: (event: unknown) => void): Promise<unknown>;
  close(): void;
}

interface Connection {
  native: DuckDBConnection;
  /** Set by an interrupt, so a script stops between statements and chunks too. */
  interrupted: boolean;
}

export interface EngineOptions {
  /** Where drift comparisons sort and test numeric columns: worker threads, or this thread. */
  columnWork?: ColumnWork;
}

export async function createEngine(
  config: EngineConfig,
  { columnWork = inlineColumnWork() }: EngineOptions = {},
): Promise<Engine> {
  const settings: Record<string, string> = {
    memory_limit: config.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
    // Only the extensions bundled in the binding: nothing is downloaded or loaded from disk.
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  };
  if (config.tempDirectory) {
    // DuckDB creates only the last folder of its spill path, and only once it spills: a fresh
    // workspace has none of the ones above, so a big profile failed half way.
    await mkdir(config.tempDirectory, { recursive: true });
    settings.temp_directory = config.tempDirectory;
  }
  if (config.threads) settings.threads = String(config.threads);
  const instances: Record<InstanceName, DuckDBInstance> = {
    service: await DuckDBInstance.create(':memory:', settings),
    confined: await DuckDBInstance.create(':memory:', settings),
  };
  const service = await instances.service.connect();
  const [versionRow] = (await service.runAndReadAll('SELECT version() AS v')).getRowObjectsJson();
  service.closeSync();
  const confined = await instances.confined.connect();
  await confined.run(confinementSql(config));
  confined.closeSync();

  const connections = new Map<number, Connection>();
  let nextConnection = 1;
  const connectionOf = (id: number): Connection => {
    const found = connections.get(id);
    if (!found)
      throw new WorkbenchError({ code: 'INTERNAL', message: `The data worker has no connection ${id}.` });
    return found;
  };

  const withProgress = async <T>(
    connection: Connection,
    progress: boolean,
    emit: (event: unknown) => void,
    work: () => Promise<T>,
  ): Promise<T> => {
    connection.interrupted = false;
    const timer = progress
      ? setInterval(() => {
          const { percentage } = connection.native.progress;
          if (percentage >= 0) emit({ progress: percentage / 100 });
        }, PROGRESS_POLL_MS)
      : undefined;
    try {
      return await work();
    } finally {
      if (timer) clearInterval(timer);
    }
  };

  return {
    version: `DuckDB ${typeof versionRow?.v === 'string' ? versionRow.v : 'unknown'}`,
    async handle(request, emit) {
      switch (request.op) {
        case 'connect': {
          const id = nextConnection++;
          const native = await instances[request.instance].connect();
          // Progress is a per-connection setting, so the confined instance, whose configuration
          // is locked, reports none: notebook cells show a spinner rather than a fraction.
          if (request.instance === 'service')
            await native.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false;');
          connections.set(id, { native, interrupted: false });
          return id;
        }
        case 'disconnect':
          connections.get(request.connection)?.native.closeSync();
          connections.delete(request.connection);
          return null;
        case 'interrupt': {
          const connection = connections.get(request.connection);
          if (connection) {
            connection.interrupted = true;
            connection.native.interrupt();
          }
          return null;
        }
        case 'query': {
          const connection = connectionOf(request.connection);
          return withProgress(connection, request.progress, emit, async () => {
            if (request.read === 'none') {
              await connection.native.run(request.sql, request.params);
              return null;
            }
            const result = await connection.native.runAndReadAll(request.sql, request.params);
            return request.read === 'objects' ? result.getRowObjectsJson() : result.getRowsJson();
          });
        }
        case 'drift': {
          const connection = connectionOf(request.connection);
          connection.interrupted = false;
          return computeDrift(
            connection.native,
            columnWork,
            request.request,
            (progress) => {
              if (request.progress) emit({ progress });
            },
            () => {
              if (connection.interrupted) throw new Interrupted();
            },
          );
        }
        case 'script': {
          const connection = connectionOf(request.connection);
          return withProgress(connection, request.progress, emit, () =>
            runScript(connection, request.sql, request.limit, request.offset),
          );
        }
      }
    },
    close() {
      for (const connection of connections.values()) connection.native.closeSync();
      connections.clear();
      instances.service.closeSync();
      instances.confined.closeSync();
      void columnWork.close();
    },
  };
}

/**
 * External access off with only the workspace's data and DuckDB's own temp folder allowed, and the
 * configuration locked so the SQL cannot undo it (SET, PRAGMA, RESET all fail).
 */
function confinementSql(config: EngineConfig): string {
  const folders = [...config.confinedTo, ...(config.tempDirectory ? [config.tempDirectory] : [])];
  const list = folders.map((folder) => quote(folder.endsWith(sep) ? folder : `${folder}${sep}`)).join(', ');
  return `SET allowed_directories = [${list}]; SET enable_external_access = false; SET lock_configuration = true;`;
}

function quote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

class Interrupted extends Error {
  constructor() {
    super('INTERRUPT Error: Interrupted!');
  }
}

/** Runs every statement of a notebook cell; the last one's result is paged back. */
async function runScript(
  connection: Connection,
  sql: string,
  limit: number,
  offset: number,
): Promise<ScriptPage> {
  const native = connection.native;
  const statements = await native.extractStatements(sql);
  if (statements.count === 0) {
    throw new WorkbenchError({ code: 'INVALID_INPUT', message: 'The cell has no SQL statement to run.' });
  }
  const check = (): void => {
    if (connection.interrupted) throw new Interrupted();
  };
  for (let i = 0; i < statements.count - 1; i++) {
    await (await statements.prepare(i)).run();
    check();
  }
  const result = await (await statements.prepare(statements.count - 1)).stream();
  const columns = result.columnNames().map((name, i) => ({ name, type: String(result.columnTypes()[i]) }));
  const bigInts = columns.map((c) => /^(U?BIGINT|U?HUGEINT)$/.test(c.type));
  const rows: unknown[][] = [];
  let totalRows = 0;
  // Count every row but convert only `limit` of them from `offset` on: memory stays bounded by
  // the page, and a cell never carries a giant JSON array.
  for (
    let chunk = await result.fetchChunk();
    chunk && chunk.rowCount > 0;
    chunk = await result.fetchChunk()
  ) {
    if (rows.length < limit && totalRows + chunk.rowCount > offset) {
      const converted = chunk.convertRows(JsonDuckDBValueConverter);
      for (let i = Math.max(0, offset - totalRows); i < converted.length; i++) {
        if (rows.length >= limit) break;
        rows.push((converted[i] ?? []).map((value, c) => (bigInts[c] ? safeNumber(value) : value)));
      }
    }
    totalRows += chunk.rowCount;
    check();
  }
  return { columns, rows, totalRows };
}

/** JSON carries 64-bit integers as strings; those that fit a double exactly become numbers again. */
function safeNumber(value: unknown): unknown {
  if (typeof value !== 'string' || !/^-?\d{1,16}$/.test(value)) return value;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : value;
}
