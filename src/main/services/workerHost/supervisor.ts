import { WorkbenchError, workbenchErrorSchema } from '../../../shared/contract/errors.js';
import { isHello, type WorkerHello, type WorkerReply } from './protocol.js';
import type { SpawnWorker, WorkerExit, WorkerProcess } from './workerProcess.js';

/**
 * Keeps one worker process alive for a host: starts it on first use, matches replies to requests,
 * and when it dies (a native crash, out of memory, a kill) fails every request in flight with the
 * owner's error naming the signal or exit code and the last stderr lines; the next call starts a
 * fresh worker. The model worker and the data worker both run on it.
 */
export interface WorkerSupervisor<Request, Context> {
  /** The running worker, started if there is none. */
  live(): Promise<LiveWorker<Request, Context>>;
  /** Changes whenever a worker dies: ids a worker handed out belong to one generation. */
  readonly generation: number;
  /** The worker's process id while one runs (tests force crashes with it). */
  readonly pid: number | undefined;
  /** What the worker said when it started (versions), once one has. */
  readonly hello: WorkerHello | undefined;
  dispose(): Promise<void>;
}

export interface LiveWorker<Request, Context> {
  readonly generation: number;
  readonly context: Context;
  readonly exited: boolean;
  /**
   * Sends the request built for a fresh id and resolves with the worker's answer. `what` finishes
   * the crash message ("… while reading data.csv"); `onEvent` gets the events sent for this id.
   */
  call<T>(build: (id: number) => Request, what: string, onEvent?: (event: unknown) => void): Promise<T>;
  /** Kills the worker, failing what is in flight as cancelled (the only way to stop a native run). */
  cancel(): void;
}

export interface SupervisorOptions<Context> {
  /** "model worker", "data worker": named in the errors. */
  name: string;
  spawn: SpawnWorker;
  /** Per-worker resources (an exchange file), made before the spawn and released when it exits. */
  prepare?: () => { env: Record<string, string>; context: Context; release(): void };
  startTimeoutMs?: number;
  /** The error for requests in flight when the worker died. */
  crashError: (exit: WorkerExit, stderr: string) => WorkbenchError;
  /** The error for requests in flight when a cancel killed the worker. */
  cancelledError: () => WorkbenchError;
  /** A reply whose error is the engine's own text, rebuilt for the caller. */
  engineError?: (message: string) => Error;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  what: string;
  onEvent: ((event: unknown) => void) | undefined;
}

export function createWorkerSupervisor<Request, Context = undefined>(
  options: SupervisorOptions<Context>,
): WorkerSupervisor<Request, Context> {
  const { name, spawn, startTimeoutMs = 30_000 } = options;
  const prepare =
    options.prepare ?? (() => ({ env: {}, context: undefined as Context, release: () => undefined }));
  let starting: Promise<Live> | undefined;
  let current: Live | undefined;
  let generation = 0;
  let hello: WorkerHello | undefined;
  let disposed = false;

  interface Live extends LiveWorker<Request, Context> {
    process: WorkerProcess;
  }

  const start = (): Promise<Live> => {
    const prepared = prepare();
    let child: WorkerProcess;
    try {
      child = spawn(prepared.env);
    } catch (error) {
      prepared.release();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const pending = new Map<number, Pending>();
    let nextId = 1;
    let exited = false;
    let cancelled = false;
    const live: Live = {
      process: child,
      generation,
      context: prepared.context,
      get exited() {
        return exited;
      },
      call<T>(build: (id: number) => Request, what: string, onEvent?: (event: unknown) => void): Promise<T> {
        if (exited)
          return Promise.reject(withWhat(options.crashError({ code: null, signal: null }, ''), what));
        const id = nextId++;
        const answer = new Promise<T>((resolve, reject) =>
          pending.set(id, { resolve: resolve as (value: unknown) => void, reject, what, onEvent }),
        );
        child.send(build(id));
        return answer;
      },
      cancel: () => {
        cancelled = true;
        child.kill();
      },
    };
    return new Promise<Live>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(
          new WorkbenchError({
            code: 'INTERNAL',
            message: `The ${name} did not start within ${startTimeoutMs / 1000} s.`,
          }),
        );
      }, startTimeoutMs);
      child.onMessage((message) => {
        if (isHello(message)) {
          clearTimeout(timer);
          hello = message;
          current = live;
          resolve(live);
          return;
        }
        settle(pending, message as WorkerReply);
      });
      child.onExit((exit) => {
        clearTimeout(timer);
        exited = true;
        // Every id the dead worker handed out is stale from now on.
        generation += 1;
        prepared.release();
        if (current === live) current = undefined;
        if (current === undefined) starting = undefined;
        const error = cancelled ? options.cancelledError() : options.crashError(exit, child.stderrTail());
        for (const { reject: fail, what } of pending.values())
          fail(cancelled ? error : withWhat(error, what));
        pending.clear();
        reject(error);
      });
    });
  };

  const settle = (pending: Map<number, Pending>, message: WorkerReply): void => {
    const waiting = pending.get(message.id);
    if (!waiting) return;
    if ('event' in message) {
      waiting.onEvent?.(message.event);
      return;
    }
    pending.delete(message.id);
    if (message.ok) waiting.resolve(message.value);
    else if ('engineError' in message)
      waiting.reject(options.engineError?.(message.engineError) ?? new Error(message.engineError));
    else waiting.reject(new WorkbenchError(workbenchErrorSchema.parse(message.error)));
  };

  return {
    live() {
      if (disposed)
        return Promise.reject(new WorkbenchError({ code: 'INTERNAL', message: `The ${name} is closed.` }));
      starting ??= start();
      return starting;
    },
    get generation() {
      return generation;
    },
    get pid() {
      return current?.process.pid;
    },
    get hello() {
      return hello;
    },
    async dispose() {
      disposed = true;
      const live = current;
      if (live && !live.exited) {
        const gone = new Promise<void>((resolve) => live.process.onExit(() => resolve()));
        live.process.kill();
        await gone;
      }
    },
  };
}

/** "The worker was killed by SIGSEGV." + " while reading data.csv." */
export function withWhat(error: WorkbenchError, what: string): WorkbenchError {
  return new WorkbenchError({
    ...error.toShape(),
    message: `${error.message.replace(/\.$/, '')} while ${what}.`,
  });
}

/**
 * "was killed by SIGSEGV (what it said last)" for a crash message. A JavaScript error that ended the
 * worker is named by its own line: Node prints the error's properties and its version after it, so
 * the last lines alone would read "} Node.js v20".
 */
export function describeExit(exit: WorkerExit, stderr: string): string {
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^Node\.js v\d/.test(line) && !/^at /.test(line));
  const errorLine = lines.findLast((line) => /^(\w*Error|Uncaught)\b.*:/.test(line));
  const said = (errorLine ?? lines.slice(-3).join(' ')).slice(0, 500);
  return `${how}${said ? ` (${said})` : ''}`;
}
