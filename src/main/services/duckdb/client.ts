import { WorkbenchError, cancelledError } from '../../../shared/contract/errors.js';
import {
  createWorkerSupervisor,
  describeExit,
  type LiveWorker,
  type SpawnWorker,
  type WorkerExit,
} from '../workerHost/index.js';
import type { DriftComputeResult } from './drift/computeDrift.js';
import type { DuckDb, DuckDbSession, RunOptions } from './duckdb.js';
import { inProcessWorker } from './inProcessWorker.js';
import {
  ENGINE_CONFIG_ENV,
  type DataRequest,
  type EngineConfig,
  type InstanceName,
  type ProgressEvent,
  type ScriptPage,
} from './protocol.js';

/**
 * The main process's handle on the data worker. `service` and `confined` are the worker's two
 * DuckDB instances (see protocol.ts for why two); both share one worker, so one crash fails both
 * and the next call starts a fresh worker.
 */
export interface DataEngine {
  /** "DuckDB v1.x" once the worker has started, "DuckDB" before. */
  readonly version: string;
  readonly service: DuckDb;
  readonly confined: DuckDb;
  /** The worker's process id while one runs (tests force crashes with it). */
  readonly pid: number | undefined;
  close(): Promise<void>;
}

export interface DataEngineOptions extends Partial<EngineConfig> {
  /** Starts the data worker; without it the engine runs in this process (tests, tools). */
  spawn?: SpawnWorker | undefined;
  startTimeoutMs?: number;
  /**
   * 'now' (the default) starts the worker before resolving, so a broken install fails at start-up;
   * 'on-first-use' leaves it to the first query (the CLI, whose model commands never need DuckDB).
   */
  start?: 'now' | 'on-first-use';
}

type Live = LiveWorker<DataRequest, undefined>;

export async function createDataEngine(options: DataEngineOptions = {}): Promise<DataEngine> {
  const config: EngineConfig = {
    tempDirectory: options.tempDirectory,
    threads: options.threads,
    memoryLimit: options.memoryLimit,
    confinedTo: options.confinedTo ?? [],
  };
  const supervisor = createWorkerSupervisor<DataRequest>({
    name: 'data worker',
    spawn: options.spawn ?? inProcessWorker(config),
    startTimeoutMs: options.startTimeoutMs ?? 30_000,
    prepare: () => ({
      env: { [ENGINE_CONFIG_ENV]: JSON.stringify(config) },
      context: undefined,
      release: () => undefined,
    }),
    crashError,
    cancelledError: () => cancelledError('The query'),
  });
  if (options.start !== 'on-first-use') await supervisor.live();
  const versionOf = (): string =>
    typeof supervisor.hello?.version === 'string' ? supervisor.hello.version : 'DuckDB';

  const instance = (name: InstanceName): DuckDb => ({
    get version() {
      return versionOf();
    },
    get generation() {
      return supervisor.generation;
    },
    async withConnection(work) {
      const live = await supervisor.live();
      const connection = await live.call<number>(
        (id) => ({ id, op: 'connect', instance: name }),
        'opening a connection',
      );
      try {
        return await work(session(live, connection));
      } finally {
        if (!live.exited)
          await live
            .call((id) => ({ id, op: 'disconnect', connection }), 'closing a connection')
            .catch(() => undefined);
      }
    },
  });

  return {
    get version() {
      return versionOf();
    },
    service: instance('service'),
    confined: instance('confined'),
    get pid() {
      return supervisor.pid;
    },
    close: () => supervisor.dispose(),
  };
}

function session(live: Live, connection: number): DuckDbSession {
  const execute = async <T>(
    options: RunOptions,
    what: string,
    build: (id: number, progress: boolean) => DataRequest,
  ): Promise<T> => {
    const { signal, onProgress } = options;
    signal?.throwIfAborted();
    const interrupt = (): void => {
      live.call((id) => ({ id, op: 'interrupt', connection }), 'interrupting a query').catch(() => undefined);
    };
    signal?.addEventListener('abort', interrupt, { once: true });
    try {
      return await live.call<T>(
        (id) => build(id, onProgress !== undefined),
        what,
        onProgress ? (event) => onProgress((event as ProgressEvent).progress) : undefined,
      );
    } catch (error) {
      if (signal?.aborted) throw cancelledError('The query');
      throw error;
    } finally {
      signal?.removeEventListener('abort', interrupt);
    }
  };
  const query = <T>(sql: string, options: RunOptions, read: 'objects' | 'arrays' | 'none'): Promise<T> =>
    execute<T>(options, 'running a query', (id, progress) => ({
      id,
      op: 'query',
      connection,
      sql,
      params: options.params,
      read,
      progress,
    }));
  return {
    rows: (sql, options = {}) => query<Record<string, unknown>[]>(sql, options, 'objects'),
    rowArrays: (sql, options = {}) => query<unknown[][]>(sql, options, 'arrays'),
    run: async (sql, options = {}) => {
      await query<null>(sql, options, 'none');
    },
    script: (sql, { limit, offset }, options = {}) =>
      execute<ScriptPage>(options, 'running the cell', (id, progress) => ({
        id,
        op: 'script',
        connection,
        sql,
        limit,
        offset,
        progress,
      })),
    drift: (request, options = {}) =>
      execute<DriftComputeResult>(options, 'comparing the data', (id, progress) => ({
        id,
        op: 'drift',
        connection,
        request,
        progress,
      })),
  };
}

function crashError(exit: WorkerExit, stderr: string): WorkbenchError {
  return new WorkbenchError({
    code: 'DATA_ENGINE_CRASHED',
    message: `The data worker (DuckDB) ${describeExit(exit, stderr)}.`,
    hint: 'The workbench is unaffected and the next query starts a fresh worker. If it happens again with this file, DuckDB may need more memory than this machine has, or the file has a structure that crashes it: try a smaller or simpler file.',
    details: { ...exit, stderr: stderr.slice(-2000) },
  });
}
