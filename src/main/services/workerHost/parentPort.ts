import { WORKER_ENVIRONMENT_BY_MESSAGE, type WorkerHello, type WorkerReply } from './protocol.js';

/** The worker's side of its channel to the host. */
export interface ParentPort<Request> {
  post(message: WorkerHello | WorkerReply): void;
  onMessage(listener: (message: Request) => void): void;
}

/** The part of Electron's process.parentPort a utilityProcess child uses. */
interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Electron's utilityProcess talks through process.parentPort; a fork through process.send. */
export function parentPort<Request>(name: string): ParentPort<Request> {
  const electronPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort)
    return {
      post: (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data as Request)),
    };
  if (!process.send) throw new Error(`The ${name} must be started by the workbench (no IPC channel).`);
  const send = process.send.bind(process);
  return {
    post: (message) => send(message),
    onMessage: (listener) => process.on('message', (message) => listener(message as Request)),
  };
}

/**
 * Waits, in a prestarted worker, for the environment its host sends as the first message and adds
 * it to process.env; resolves at once in a worker started with its environment. A host that exits
 * before sending it ends this worker too.
 */
export async function receiveEnvironment(): Promise<void> {
  if (!process.env[WORKER_ENVIRONMENT_BY_MESSAGE] || !process.send) return;
  const exitWithHost = (): never => process.exit(0);
  process.once('disconnect', exitWithHost);
  const environment = await new Promise<Record<string, string>>((resolve) => {
    const listener = (message: unknown): void => {
      const sent = (message as { environment?: unknown } | null)?.environment;
      if (typeof sent !== 'object' || sent === null) return;
      process.off('message', listener);
      resolve(sent as Record<string, string>);
    };
    process.on('message', listener);
  });
  process.off('disconnect', exitWithHost);
  delete process.env[WORKER_ENVIRONMENT_BY_MESSAGE];
  Object.assign(process.env, environment);
}
