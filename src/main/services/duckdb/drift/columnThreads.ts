// Column tasks on worker threads of the data worker, one per core. A thread that dies fails only
// the task it held; where no thread can start, the tasks run in the data worker's own thread.
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type MessagePort } from 'node:worker_threads';
import {
  runColumnTask,
  runHere,
  taskBuffers,
  type ColumnTask,
  type ColumnWork,
  type CompareOutcome,
  type SortOutcome,
  warmUp,
} from './columnWork.js';

/**
 * The thread entry beside the data worker's file, built with it: columnThread.js next to
 * out/main/dataWorker.js, or with the extension of a bundle made for tests and benchmarks.
 */
export function columnThreadEntry(dataWorkerUrl: string): string {
  const own = fileURLToPath(dataWorkerUrl);
  return fileURLToPath(new URL(`./columnThread${extname(own)}`, dataWorkerUrl));
}

/** Marks a thread started to serve column tasks (its workerData). */
export const COLUMN_THREAD = 'mlw-drift-column-thread';

type Reply =
  { ready: true } | { id: number; ok: true; outcome: unknown } | { id: number; ok: false; message: string };

interface Queued {
  task: ColumnTask;
  resolve: (outcome: unknown) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  /** Warmed up and taking tasks. */
  ready: boolean;
  /** The task it works on: each thread takes the next one when done, so big columns balance out. */
  busy: (Queued & { id: number }) | null;
}

export function columnThreads(entry: string, count = Math.min(4, availableParallelism())): ColumnWork {
  const threads: Thread[] = [];
  const queue: Queued[] = [];
  let nextId = 1;
  // Set when a thread cannot start here: the tasks then run in this thread, slower but the same.
  let unavailable = false;

  const runInline = ({ task, resolve, reject }: Queued): void => {
    void runHere(task).then(resolve, reject);
  };

  const dispatch = () => {
    if (unavailable) {
      queue.splice(0).forEach(runInline);
      return;
    }
    for (const thread of threads) {
      if (!thread.ready || thread.busy) continue;
      const next = queue.shift();
      if (!next) return;
      const id = nextId++;
      try {
        thread.worker.postMessage({ id, task: next.task }, taskBuffers(next.task));
      } catch (error) {
        // Values that cannot be sent (a detached buffer, not an array at all) fail only their task.
        next.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      thread.busy = { ...next, id };
      thread.worker.ref();
    }
    if (queue.length > 0 && threads.length < count) start();
  };

  const start = () => {
    let worker: Worker;
    try {
      worker = new Worker(entry, { workerData: COLUMN_THREAD });
    } catch {
      unavailable = true;
      return;
    }
    // An idle thread must not keep the data worker alive once its host lets go of it.
    worker.unref();
    const thread: Thread = { worker, ready: false, busy: null };
    const fail = (reason: string) => {
      if (!threads.includes(thread)) return;
      threads.splice(threads.indexOf(thread), 1);
      // Its task's values went to the thread with it: that task cannot be run again.
      thread.busy?.reject(new Error(`A drift column thread ${reason}; run the comparison again.`));
      if (!thread.ready) unavailable = true;
      dispatch();
    };
    worker.on('message', (reply: Reply) => {
      if ('ready' in reply) thread.ready = true;
      else if (thread.busy?.id === reply.id) {
        const { resolve, reject } = thread.busy;
        thread.busy = null;
        worker.unref();
        if (reply.ok) resolve(reply.outcome);
        else reject(new Error(reply.message));
      }
      dispatch();
    });
    worker.on('error', (error) => fail(`failed (${error.message})`));
    worker.on('exit', (code) => fail(`ended (exit code ${code})`));
    threads.push(thread);
  };

  const run = (task: ColumnTask): Promise<unknown> =>
    new Promise((resolve, reject) => {
      // Nothing to gain from a thread, and a detached buffer (length 0) would never come back.
      if (taskBuffers(task).some((buffer) => buffer.byteLength === 0)) runInline({ task, resolve, reject });
      else {
        queue.push({ task, resolve, reject });
        dispatch();
      }
    });

  return {
    prepare: () => {
      while (!unavailable && threads.length < count) start();
    },
    sort: (raw) => run({ kind: 'sort', raw }) as Promise<SortOutcome>,
    compare: (task) => run({ kind: 'compare', ...task }) as Promise<CompareOutcome>,
    close: async () => {
      const stopping = threads.splice(0);
      const closed = new Error('The data worker closed while a drift comparison ran.');
      stopping.forEach(({ busy }) => busy?.reject(closed));
      queue.splice(0).forEach(({ reject }) => reject(closed));
      await Promise.all(stopping.map(({ worker }) => worker.terminate()));
    },
  };
}

/** The thread's side: runs each task it is sent and hands the outcome's buffers back. */
export function serveColumnTasks(port: MessagePort): void {
  warmUp();
  port.postMessage({ ready: true } satisfies Reply);
  port.on('message', ({ id, task }: { id: number; task: ColumnTask }) => {
    try {
      const { outcome, transfer } = runColumnTask(task);
      port.postMessage({ id, ok: true, outcome } satisfies Reply, transfer);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage({ id, ok: false, message } satisfies Reply);
    }
  });
}
