import { fork, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { WORKER_ENVIRONMENT_BY_MESSAGE } from './protocol.js';

/** A worker process as its host sees it, whichever way it was started (fork or utilityProcess). */
export interface WorkerProcess {
  readonly pid: number | undefined;
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (exit: WorkerExit) => void): void;
  /** The last lines the worker wrote to stderr (native engines print their fatal errors there). */
  stderrTail(): string;
  kill(): void;
}

export interface WorkerExit {
  code: number | null;
  signal: string | null;
}

export type SpawnWorker = (env: Record<string, string>) => WorkerProcess;

/** How much of a worker's stderr is kept for the crash message. */
export const STDERR_TAIL = 4096;

/** Starts a worker as a child_process fork (browser mode and the CLI; Electron uses utilityProcess). */
export function forkWorker(entry: string): SpawnWorker {
  return (env) => workerProcess(forkChild(entry, env));
}

/**
 * Forks a worker now, before the host knows its environment, so the worker's boot (Node, native
 * libraries) overlaps the host's own start-up. The first spawn claims it and hands it the environment
 * as its first message; later spawns fork as usual. Unclaimed, it holds the host open for nothing: it
 * is unreferenced, and it exits when the host does (its channel closes).
 */
export function prestartWorker(entry: string): SpawnWorker {
  let waiting: ChildProcess | undefined = forkChild(entry, { [WORKER_ENVIRONMENT_BY_MESSAGE]: '1' });
  setReferenced(waiting, false);
  return (env) => {
    const child = waiting;
    waiting = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null)
      return workerProcess(forkChild(entry, env));
    setReferenced(child, true);
    const worker = workerProcess(child);
    worker.send({ environment: env });
    return worker;
  };
}

function forkChild(entry: string, env: Record<string, string>): ChildProcess {
  return fork(entry, [], {
    // Advanced serialisation carries Uint8Array as bytes; JSON would spell every byte out.
    serialization: 'advanced',
    env: { ...process.env, ...env },
    execArgv: [],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
}

function ignoreWriteError(): void {}

function setReferenced(child: ChildProcess, referenced: boolean): void {
  // The stderr pipe is a net.Socket, which the Readable type does not show.
  const stderr = child.stderr as Socket | null;
  for (const handle of [child, child.channel, stderr]) {
    if (referenced) handle?.ref();
    else handle?.unref();
  }
}

function workerProcess(child: ChildProcess): WorkerProcess {
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-STDERR_TAIL);
  });
  // A worker that died (a native crash) refuses writes with EPIPE before its 'close' arrives; that
  // 'close' rejects every call in flight with the crash's reason, so the write error itself is moot.
  // Given to send's callback, it is not emitted as an 'error' event, unheard an uncaught exception.
  return {
    pid: child.pid,
    send: (message) => {
      if (child.connected) child.send(message as object, ignoreWriteError);
    },
    onMessage: (listener) => child.on('message', listener),
    // 'close', not 'exit': by then stderr is drained, so the tail holds the fatal message.
    onExit: (listener) => child.on('close', (code, signal) => listener({ code, signal })),
    stderrTail: () => tail,
    kill: () => child.kill('SIGKILL'),
  };
}
