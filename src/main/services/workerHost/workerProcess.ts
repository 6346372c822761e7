import { fork } from 'node:child_process';

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
  return (env) => {
    const child = fork(entry, [], {
      // Advanced serialisation carries Uint8Array as bytes; JSON would spell every byte out.
      serialization: 'advanced',
      env: { ...process.env, ...env },
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let tail = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      tail = (tail + chunk).slice(-STDERR_TAIL);
    });
    return {
      pid: child.pid,
      send: (message) => child.send(message as object),
      onMessage: (listener) => child.on('message', listener),
      // 'close', not 'exit': by then stderr is drained, so the tail holds the fatal message.
      onExit: (listener) => child.on('close', (code, signal) => listener({ code, signal })),
      stderrTail: () => tail,
      kill: () => child.kill('SIGKILL'),
    };
  };
}
