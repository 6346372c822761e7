import type { WorkbenchErrorShape } from '../../../shared/contract/errors.js';

/**
 * What every worker sends its host. A request carries a numeric `id`; the worker answers it once
 * with a reply, and may send events for it before that (progress).
 */
export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: WorkbenchErrorShape }
  /** An error the engine raised, not a WorkbenchError: its text crosses, so callers can read it. */
  | { id: number; ok: false; engineError: string }
  | { id: number; event: unknown };

/** What a worker says once, when it is ready for requests. */
export interface WorkerHello {
  ready: true;
  pid: number;
  [detail: string]: unknown;
}

export function isHello(message: unknown): message is WorkerHello {
  return typeof message === 'object' && message !== null && 'ready' in message;
}

/**
 * Set for a worker forked before its host knew the environment (prestartWorker): its first message
 * is then `{ environment }`, which the worker reads with `receiveEnvironment` before starting.
 */
export const WORKER_ENVIRONMENT_BY_MESSAGE = 'MLW_WORKER_ENVIRONMENT_BY_MESSAGE';
