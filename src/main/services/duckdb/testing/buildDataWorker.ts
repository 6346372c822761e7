import { join, resolve } from 'node:path';
import { bundleWorker } from '../../workerHost/testing/bundleWorker.js';

const repo = resolve(import.meta.dirname, '../../../../..');

/** The data worker bundled from source, for tests that fork it, with its column thread beside it. */
export async function buildDataWorker(): Promise<string> {
  const directory = join(repo, 'node_modules', '.cache', 'mlw-test', `data-worker-${process.pid}`);
  await bundleWorker('src/main/services/duckdb/drift/columnThreadMain.ts', 'columnThread', [], directory);
  return bundleWorker(
    'src/main/services/duckdb/workerMain.ts',
    'dataWorker',
    ['@duckdb/node-api', '@duckdb/node-bindings'],
    directory,
  );
}
