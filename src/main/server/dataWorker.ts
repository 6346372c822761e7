import { existsSync } from 'node:fs';
import { forkWorker, type SpawnWorker } from '../services/workerHost/index.js';

/**
 * The data worker as a fork of its built entry. Run from source (unit tests) there is no build:
 * DuckDB then runs in the test's own process, as createWorkbench does without a spawn.
 */
export function dataWorker(entry: string | undefined): SpawnWorker | undefined {
  return entry && existsSync(entry) ? forkWorker(entry) : undefined;
}
