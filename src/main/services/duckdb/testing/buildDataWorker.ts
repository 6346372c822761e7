import { bundleWorker } from '../../workerHost/testing/bundleWorker.js';

/** The data worker bundled from source, for tests that fork it. */
export function buildDataWorker(): Promise<string> {
  return bundleWorker('src/main/services/duckdb/workerMain.ts', 'data-worker', [
    '@duckdb/node-api',
    '@duckdb/node-bindings',
  ]);
}
