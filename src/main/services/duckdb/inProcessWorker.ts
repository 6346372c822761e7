import type { SpawnWorker, WorkerExit } from '../workerHost/index.js';
import { errorReply } from './reply.js';
import type { DataRequest, EngineConfig } from './protocol.js';

/**
 * The data engine run inside this process behind the same message protocol, for tests and tools
 * that have no built worker entry. No isolation: a native crash here ends the process. Messages
 * are structured-cloned both ways, as the IPC channel would.
 */
export function inProcessWorker(config: EngineConfig): SpawnWorker {
  return () => {
    const messageListeners: ((message: unknown) => void)[] = [];
    const exitListeners: ((exit: WorkerExit) => void)[] = [];
    const post = (message: unknown): void => {
      const copy = structuredClone(message);
      setImmediate(() => messageListeners.forEach((listener) => listener(copy)));
    };
    let exited = false;
    let stderr = '';
    const engine = import('./engine.js').then(async ({ createEngine }) => {
      const created = await createEngine(config);
      post({ ready: true, pid: process.pid, version: created.version });
      return created;
    });
    engine.catch((error: unknown) => {
      exited = true;
      stderr = error instanceof Error ? error.message : String(error);
      exitListeners.forEach((listener) => listener({ code: 1, signal: null }));
    });
    return {
      // No process of its own: nothing a test could kill.
      pid: undefined,
      send: (message) => {
        const request = structuredClone(message) as DataRequest;
        void engine.then((created) =>
          created
            .handle(request, (event) => post({ id: request.id, event }))
            .then(
              (value) => post({ id: request.id, ok: true, value }),
              (error: unknown) => post(errorReply(request.id, error)),
            ),
        );
      },
      onMessage: (listener) => messageListeners.push(listener),
      onExit: (listener) => exitListeners.push(listener),
      stderrTail: () => stderr,
      kill: () => {
        if (exited) return;
        exited = true;
        void engine.then((created) => created.close());
        setImmediate(() => exitListeners.forEach((listener) => listener({ code: null, signal: 'SIGKILL' })));
      },
    };
  };
}
