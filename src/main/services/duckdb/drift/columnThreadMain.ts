// A worker thread of the data worker that sorts and tests numeric columns for drift comparisons.
// Its own small entry (the statistics, no DuckDB), so a thread is ready in a few milliseconds.
import { parentPort, workerData } from 'node:worker_threads';
import { COLUMN_THREAD, serveColumnTasks } from './columnThreads.js';

if (!parentPort || workerData !== COLUMN_THREAD)
  throw new Error('columnThreadMain runs only as a column thread of the data worker.');
serveColumnTasks(parentPort);
