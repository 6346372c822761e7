import { WorkbenchError, cancelledError } from '../../../../shared/contract/errors.js';
import type { ProviderInfo } from '../../../../shared/contract/executionProviders.js';
import type { Finding, ModelSummary } from '../../../../shared/contract/modelSummary.js';
import { createExchangeFile, sweepDeadExchanges, type ExchangeFile } from './exchangeFile.js';
import type {
  ObservedSession,
  OpenedSession,
  RunResult,
  SessionSettings,
  WorkerRequest,
  ValueShape,
} from './protocol.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import { fromWire, toWire } from './wireTensors.js';
import {
  createWorkerSupervisor,
  describeExit,
  type SpawnWorker,
  type WorkerExit,
} from '../../workerHost/index.js';

/**
 * The main process's handle on the model worker: starts it on first use, sends one request at a
 * time, and when the worker dies (a native crash, out of memory, a cancel) fails what was in flight
 * with a clear error and starts a fresh worker on the next request. Session ids belong to one
 * worker `generation`; a new worker knows none of the old ones.
 */
export interface ModelHost {
  /** Changes whenever a worker dies: session ids from before belong to a worker that is gone. */
  readonly generation: number;
  open(path: string, settings: SessionSettings, signal?: AbortSignal): Promise<OpenedSession>;
  run(
    sessionId: string,
    feeds: Record<string, TensorValue>,
    signal?: AbortSignal,
  ): Promise<{ outputs: Record<string, TensorValue>; runMs: number }>;
  bench(
    sessionId: string,
    feeds: Record<string, TensorValue>,
    counts: { warmup: number; runs: number },
    signal?: AbortSignal,
  ): Promise<number[]>;
  /** Opens a model with its intermediate values added as outputs (close it like any session). */
  openObserved(path: string, settings: SessionSettings, signal?: AbortSignal): Promise<ObservedSession>;
  /** One run that gives the type and dims of each of `fetches`; no tensor data comes back. */
  shapes(
    sessionId: string,
    feeds: Record<string, TensorValue>,
    fetches: string[],
    signal?: AbortSignal,
  ): Promise<Record<string, ValueShape>>;
  close(sessionId: string): Promise<void>;
  /**
   * Reads a model's structure in the worker: decoding a big file takes the CPU for a while, and a
   * malformed one must not take the main process's memory.
   */
  inspect(path: string, signal?: AbortSignal): Promise<ModelInspection>;
  providers(signal?: AbortSignal): Promise<ProviderInfo[]>;
  /** The worker's process id while one runs (tests force crashes with it). */
  readonly pid: number | undefined;
  dispose(): Promise<void>;
}

export interface ModelInspection {
  summary: ModelSummary;
  findings: Finding[];
}

export interface ModelHostDeps {
  spawn: SpawnWorker;
  /** How long a new worker may take to load ONNX Runtime and say it is ready. */
  startTimeoutMs?: number;
}

/**
 * ONNX Runtime 1.29+ (POSIX) starts telemetry when it loads: a device id and an event database
 * under ~/.cache/Microsoft/DeveloperTools/.onnxruntime, and uploads. ORT_DISABLE_TELEMETRY=1, read
 * before it initialises, turns all of it off (nothing is written). A user who sets it keeps theirs.
 */
const ORT_TELEMETRY_OFF = { ORT_DISABLE_TELEMETRY: process.env.ORT_DISABLE_TELEMETRY ?? '1' };

export function createModelHost({ spawn, startTimeoutMs = 30_000 }: ModelHostDeps): ModelHost {
  const supervisor = createWorkerSupervisor<WorkerRequest, ExchangeFile>({
    name: 'model worker',
    spawn,
    startTimeoutMs,
    prepare: () => {
      // What killed runs left behind; in the background, it never delays the start.
      void sweepDeadExchanges().catch(() => undefined);
      const exchange = createExchangeFile();
      return {
        env: { MLW_MODEL_EXCHANGE: exchange.path, ...ORT_TELEMETRY_OFF },
        context: exchange,
        release: () => exchange.close(),
      };
    },
    crashError,
    cancelledError: () => cancelledError('The model run'),
  });
  let queue: Promise<unknown> = Promise.resolve();

  /** One request at a time: the exchange file holds one request's tensors. */
  const request = <T>(
    what: string,
    build: (exchange: ExchangeFile, id: number) => WorkerRequest,
    signal?: AbortSignal,
    read?: (value: unknown, exchange: ExchangeFile) => T,
  ): Promise<T> => {
    const task = queue.then(async () => {
      signal?.throwIfAborted();
      const live = await supervisor.live();
      // Only killing the worker stops a native run; the next request starts a fresh one.
      const onAbort = (): void => live.cancel();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const value = await live.call<unknown>((id) => build(live.context, id), what);
        return read ? read(value, live.context) : (value as T);
      } finally {
        signal?.removeEventListener('abort', onAbort);
        if (!live.exited) live.context.shrink();
      }
    });
    queue = task.catch(() => undefined);
    return task;
  };

  return {
    get generation() {
      return supervisor.generation;
    },
    get pid() {
      return supervisor.pid;
    },
    open: (path, settings, signal) =>
      request(`opening ${path}`, (_, id) => ({ id, op: 'open', path, settings }), signal),
    run: (sessionId, feeds, signal) =>
      request(
        'running the model',
        (exchange, id) => {
          const { wire, end } = toWire(feeds, exchange, 0);
          return { id, op: 'run', sessionId, feeds: wire, outputOffset: end };
        },
        signal,
        (value, exchange) => {
          const result = value as RunResult;
          return { outputs: fromWire(result.outputs, exchange), runMs: result.runMs };
        },
      ),
    bench: (sessionId, feeds, { warmup, runs }, signal) =>
      request(
        'benchmarking the model',
        (exchange, id) => ({
          id,
          op: 'bench',
          sessionId,
          feeds: toWire(feeds, exchange, 0).wire,
          warmup,
          runs,
        }),
        signal,
      ),
    openObserved: (path, settings, signal) =>
      request(`opening ${path}`, (_, id) => ({ id, op: 'openObserved', path, settings }), signal),
    shapes: (sessionId, feeds, fetches, signal) =>
      request(
        'running the model',
        (exchange, id) => ({ id, op: 'shapes', sessionId, feeds: toWire(feeds, exchange, 0).wire, fetches }),
        signal,
      ),
    inspect: (path, signal) => request(`reading ${path}`, (_, id) => ({ id, op: 'inspect', path }), signal),
    providers: (signal) =>
      request('listing execution providers', (_, id) => ({ id, op: 'providers' }), signal),
    close: (sessionId) =>
      supervisor.pid !== undefined
        ? request('closing a session', (_, id) => ({ id, op: 'close', sessionId }))
        : Promise.resolve(),
    dispose: () => supervisor.dispose(),
  };
}

function crashError(exit: WorkerExit, stderr: string): WorkbenchError {
  return new WorkbenchError({
    code: 'MODEL_CRASHED',
    message: `The model worker ${describeExit(exit, stderr)}.`,
    hint: 'The workbench is unaffected and the next run starts a fresh worker. If it happens again with this model, it may need more memory than this machine has, or use an operator that crashes ONNX Runtime: try a smaller input or batch.',
    details: { ...exit, stderr: stderr.slice(-2000) },
  });
}
