import type { WorkerHello, WorkerReply } from './protocol.js';

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
