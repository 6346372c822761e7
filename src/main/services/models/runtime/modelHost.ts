import { WorkbenchError, cancelledError, workbenchErrorSchema } from '../../../../shared/contract/errors.js';
import type { ProviderInfo } from '../../../../shared/contract/executionProviders.js';
import type { Finding, ModelSummary } from '../../../../shared/contract/modelSummary.js';
import { createExchangeFile, sweepDeadExchanges, type ExchangeFile } from './exchangeFile.js';
import type {
  ObservedSession,
  OpenedSession,
  RunResult,
  SessionSettings,
  WorkerHello,
  WorkerRequest,
  WorkerResponse,
  ValueShape,
} from './protocol.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import { fromWire, toWire } from './wireTensors.js';
import type { SpawnWorker, WorkerExit, WorkerProcess } from './workerProcess.js';

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

interface Live {
  process: WorkerProcess;
  exchange: ExchangeFile;
  pending: Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void; what: string }>;
  exited: boolean;
  cancelled: boolean;
}

/**
 * ONNX Runtime 1.29+ (POSIX) starts telemetry when it loads: a device id and an event database
 * under ~/.cache/Microsoft/DeveloperTools/.onnxruntime, and uploads. ORT_DISABLE_TELEMETRY=1, read
 * before it initialises, turns all of it off (nothing is written). A user who sets it keeps theirs.
 */
const ORT_TELEMETRY_OFF = { ORT_DISABLE_TELEMETRY: process.env.ORT_DISABLE_TELEMETRY ?? '1' };

export function createModelHost({ spawn, startTimeoutMs = 30_000 }: ModelHostDeps): ModelHost {
  let live: Promise<Live> | undefined;
  let current: Live | undefined;
  let generation = 0;
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();
  let disposed = false;

  const start = (): Promise<Live> => {
    // What killed runs left behind; in the background, it never delays the start.
    void sweepDeadExchanges().catch(() => undefined);
    const exchange = createExchangeFile();
    let child: WorkerProcess;
    try {
      child = spawn({ MLW_MODEL_EXCHANGE: exchange.path, ...ORT_TELEMETRY_OFF });
    } catch (error) {
      exchange.close();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const state: Live = { process: child, exchange, pending: new Map(), exited: false, cancelled: false };
    return new Promise<Live>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(
          new WorkbenchError({
            code: 'INTERNAL',
            message: `The model worker did not start within ${startTimeoutMs / 1000} s.`,
          }),
        );
      }, startTimeoutMs);
      child.onMessage((message) => {
        if ('ready' in message) {
          clearTimeout(timer);
          current = state;
          resolve(state);
          return;
        }
        settle(state, message);
      });
      child.onExit((exit) => {
        clearTimeout(timer);
        state.exited = true;
        // Every session id the dead worker handed out is stale from now on.
        generation += 1;
        exchange.close();
        if (current === state) current = undefined;
        if (live && current === undefined) live = undefined;
        const error = state.cancelled
          ? cancelledError('The model run')
          : crashError(exit, child.stderrTail());
        for (const { reject: fail, what } of state.pending.values())
          fail(state.cancelled ? error : withWhat(error, what));
        state.pending.clear();
        reject(error);
      });
    });
  };

  const settle = (state: Live, message: WorkerHello | WorkerResponse): void => {
    if ('ready' in message) return;
    const waiting = state.pending.get(message.id);
    if (!waiting) return;
    state.pending.delete(message.id);
    if (message.ok) waiting.resolve(message.value);
    else waiting.reject(new WorkbenchError(workbenchErrorSchema.parse(message.error)));
  };

  /** One request at a time: the exchange file holds one request's tensors. */
  const request = <T>(
    what: string,
    build: (exchange: ExchangeFile, id: number) => WorkerRequest,
    signal?: AbortSignal,
    read?: (value: unknown, exchange: ExchangeFile) => T,
  ): Promise<T> => {
    const task = queue.then(async () => {
      if (disposed) throw new WorkbenchError({ code: 'INTERNAL', message: 'The model host is closed.' });
      signal?.throwIfAborted();
      live ??= start();
      const state = await live;
      const id = nextId++;
      const message = build(state.exchange, id);
      const answer = new Promise<unknown>((resolve, reject) =>
        state.pending.set(id, { resolve, reject, what }),
      );
      // Only killing the worker stops a native run; the next request starts a fresh one.
      const onAbort = (): void => {
        state.cancelled = true;
        state.process.kill();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        state.process.send(message);
        const value = await answer;
        return read ? read(value, state.exchange) : (value as T);
      } finally {
        signal?.removeEventListener('abort', onAbort);
        if (!state.exited) state.exchange.shrink();
      }
    });
    queue = task.catch(() => undefined);
    return task;
  };

  return {
    get generation() {
      return generation;
    },
    get pid() {
      return current?.process.pid;
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
      current ? request('closing a session', (_, id) => ({ id, op: 'close', sessionId })) : Promise.resolve(),
    async dispose() {
      disposed = true;
      const state = current;
      if (state && !state.exited) {
        const gone = new Promise<void>((resolve) => state.process.onExit(() => resolve()));
        state.process.kill();
        await gone;
      }
    },
  };
}

function crashError(exit: WorkerExit, stderr: string): WorkbenchError {
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const last = stderr.trim().split('\n').slice(-3).join(' ').slice(0, 500);
  return new WorkbenchError({
    code: 'MODEL_CRASHED',
    message: `The model worker ${how}${last ? ` (${last})` : ''}.`,
    hint: 'The workbench is unaffected and the next run starts a fresh worker. If it happens again with this model, it may need more memory than this machine has, or use an operator that crashes ONNX Runtime: try a smaller input or batch.',
    details: { ...exit, stderr: stderr.slice(-2000) },
  });
}

function withWhat(error: WorkbenchError, what: string): WorkbenchError {
  return new WorkbenchError({
    ...error.toShape(),
    message: `${error.message.replace(/\.$/, '')} while ${what}.`,
  });
}
