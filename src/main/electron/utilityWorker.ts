import type { ForkOptions, UtilityProcess } from 'electron';
import { STDERR_TAIL, type SpawnWorker, type WorkerProcess } from '../services/workerHost/index.js';

type ForkUtility = (modulePath: string, args: string[], options: ForkOptions) => UtilityProcess;

/**
 * Starts a worker (the model worker, the data worker) as Electron's utilityProcess, the app's way
 * to run native code that may crash apart from the main process (a child_process fork would start
 * a second Electron app).
 */
export function utilityWorker(fork: ForkUtility, entry: string, serviceName: string): SpawnWorker {
  return (env): WorkerProcess => {
    const child = fork(entry, [], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
      serviceName,
    });
    let tail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
      // utilityProcess reports only an exit code; a crash shows as a non-zero one.
      onExit: (listener) => child.on('exit', (code) => listener({ code, signal: null })),
      stderrTail: () => tail,
      kill: () => {
        child.kill();
      },
    };
  };
}
