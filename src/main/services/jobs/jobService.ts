import { randomUUID } from 'node:crypto';
import type { Job, JobLogLine } from '../../../shared/contract/jobs.js';
import { WorkbenchError, cancelledError, isWorkbenchError } from '../../../shared/contract/errors.js';

/** What a job's body receives: a signal to honour and ways to report. */
export interface JobContext {
  readonly signal: AbortSignal;
  /** fraction in 0..1, or null when unknown; stage is a short human phrase ("Reading rows"). */
  progress(fraction: number | null, stage?: string): void;
  log(text: string, level?: JobLogLine['level']): void;
}

export interface JobService {
  /** Starts `body` now and returns the job's first snapshot at once. */
  start<T>(spec: { kind: string; title: string }, body: (ctx: JobContext) => Promise<T>): Job;
  /** Resolves with the final snapshot of a job (for the CLI and tests). */
  wait(id: string): Promise<Job>;
  list(): Job[];
  get(id: string): Job;
  cancel(id: string): Job;
  log(id: string, offset: number, limit: number): { lines: JobLogLine[]; total: number };
  onUpdate(listener: (job: Job) => void): () => void;
  dispose(): Promise<void>;
}

interface Entry {
  job: Job;
  controller: AbortController;
  lines: JobLogLine[];
  done: Promise<Job>;
  flushTimer: NodeJS.Timeout | undefined;
}

const MAX_LOG_LINES = 5_000;
const MAX_FINISHED_JOBS = 200;

export interface JobServiceOptions {
  /** Progress events for one job are sent at most this often (IPC must not be flooded). */
  throttleMs?: number;
  now?: () => Date;
  /** Bug-indicating errors are reported here with their stack; users only see the envelope. */
  onInternalError?: (error: unknown, job: Job) => void;
}

export function createJobService(options: JobServiceOptions = {}): JobService {
  const throttleMs = options.throttleMs ?? 100;
  const now = options.now ?? (() => new Date());
  const entries = new Map<string, Entry>();
  const listeners = new Set<(job: Job) => void>();

  const publish = (entry: Entry): void => {
    entry.flushTimer = undefined;
    const snapshot = { ...entry.job };
    for (const listener of listeners) listener(snapshot);
  };

  const schedule = (entry: Entry, immediate: boolean): void => {
    if (immediate) {
      if (entry.flushTimer) clearTimeout(entry.flushTimer);
      publish(entry);
      return;
    }
    entry.flushTimer ??= setTimeout(() => publish(entry), throttleMs);
  };

  const update = (entry: Entry, patch: Partial<Job>, immediate = false): void => {
    entry.job = { ...entry.job, ...patch };
    schedule(entry, immediate);
  };

  const pruneFinished = (): void => {
    const finished = [...entries.values()].filter((entry) => entry.job.endedAt !== null);
    for (const entry of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED_JOBS))) {
      entries.delete(entry.job.id);
    }
  };

  const entryOf = (id: string): Entry => {
    const entry = entries.get(id);
    if (!entry) {
      throw new WorkbenchError({
        code: 'NOT_FOUND',
        message: `There is no job ${id}.`,
        hint: 'It may have finished before the app restarted.',
      });
    }
    return entry;
  };

  return {
    start(spec, body) {
      const id = randomUUID();
      const controller = new AbortController();
      const entry: Entry = {
        job: {
          id,
          kind: spec.kind,
          title: spec.title,
          status: 'running',
          progress: 0,
          stage: 'Starting',
          createdAt: now().toISOString(),
          startedAt: now().toISOString(),
          endedAt: null,
          logLines: 0,
        },
        controller,
        lines: [],
        done: Promise.resolve(undefined as unknown as Job),
        flushTimer: undefined,
      };
      const context: JobContext = {
        signal: controller.signal,
        progress(fraction, stage) {
          if (entry.job.endedAt) return;
          const clamped = fraction === null ? null : Math.min(1, Math.max(0, fraction));
          update(entry, { progress: clamped, ...(stage === undefined ? {} : { stage }) });
        },
        log(text, level = 'info') {
          entry.lines.push({ at: now().toISOString(), level, text });
          if (entry.lines.length > MAX_LOG_LINES) entry.lines.splice(0, entry.lines.length - MAX_LOG_LINES);
          update(entry, { logLines: entry.lines.length });
        },
      };
      entries.set(id, entry);
      pruneFinished();
      entry.done = (async () => {
        // Let the caller receive the id before any work (and any synchronous throw) happens.
        await Promise.resolve();
        try {
          controller.signal.throwIfAborted();
          const result = await body(context);
          if (controller.signal.aborted) throw cancelledError(spec.title);
          update(
            entry,
            { status: 'succeeded', progress: 1, stage: 'Done', result, endedAt: now().toISOString() },
            true,
          );
        } catch (error) {
          const cancelled =
            controller.signal.aborted || (isWorkbenchError(error) && error.code === 'CANCELLED');
          const shaped = toWorkbenchError(error, cancelled, spec.title);
          if (shaped.code === 'INTERNAL') options.onInternalError?.(error, entry.job);
          context.log(shaped.message, cancelled ? 'warn' : 'error');
          update(
            entry,
            {
              status: cancelled ? 'cancelled' : 'failed',
              stage: cancelled ? 'Cancelled' : 'Failed',
              error: shaped.toShape(),
              endedAt: now().toISOString(),
            },
            true,
          );
        }
        return { ...entry.job };
      })();
      schedule(entry, true);
      return { ...entry.job };
    },
    wait: (id) => entryOf(id).done,
    list: () => [...entries.values()].map((entry) => ({ ...entry.job })).reverse(),
    get: (id) => ({ ...entryOf(id).job }),
    cancel(id) {
      const entry = entryOf(id);
      if (!entry.job.endedAt) {
        entry.controller.abort(cancelledError(entry.job.title));
        update(entry, { stage: 'Cancelling' }, true);
      }
      return { ...entry.job };
    },
    log(id, offset, limit) {
      const entry = entryOf(id);
      return { lines: entry.lines.slice(offset, offset + limit), total: entry.lines.length };
    },
    onUpdate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      const running = [...entries.values()].filter((entry) => !entry.job.endedAt);
      for (const entry of running) entry.controller.abort(cancelledError(entry.job.title));
      await Promise.allSettled(running.map((entry) => entry.done));
      for (const entry of entries.values()) if (entry.flushTimer) clearTimeout(entry.flushTimer);
      listeners.clear();
    },
  };
}

function toWorkbenchError(error: unknown, cancelled: boolean, title: string): WorkbenchError {
  if (cancelled) return cancelledError(title);
  if (isWorkbenchError(error)) return error;
  return new WorkbenchError(
    {
      code: 'INTERNAL',
      message: `${title} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      hint: 'This is a bug in the workbench. The job log has details; please report it.',
    },
    { cause: error },
  );
}
