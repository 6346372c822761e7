import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'rolldown';

const repo = resolve(import.meta.dirname, '../../../../../..');

/**
 * Bundles the worker entry from source for tests that fork it (the app forks the electron-vite
 * build in out/main). It is written under node_modules so the bundle resolves onnxruntime-node.
 */
export async function buildModelWorker(): Promise<string> {
  const dir = join(repo, 'node_modules', '.cache', 'mlw-test');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `model-worker-${process.pid}.mjs`);
  await build({
    input: join(repo, 'src/main/services/models/runtime/workerMain.ts'),
    platform: 'node',
    external: ['onnxruntime-node', /^node:/],
    output: { file, format: 'esm' },
    logLevel: 'silent',
  });
  return file;
}
