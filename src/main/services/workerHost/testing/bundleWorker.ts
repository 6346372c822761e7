import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'rolldown';

const repo = resolve(import.meta.dirname, '../../../../..');

/**
 * Bundles a worker entry from source for tests that fork it (the app forks the electron-vite
 * build in out/main). It is written under node_modules so the bundle resolves the native packages.
 */
export async function bundleWorker(
  entry: string,
  name: string,
  external: string[],
  /** Where to write `name`.mjs, for bundles that must sit beside each other; else one per process. */
  directory?: string,
): Promise<string> {
  const dir = directory ?? join(repo, 'node_modules', '.cache', 'mlw-test');
  await mkdir(dir, { recursive: true });
  const file = join(dir, directory ? `${name}.mjs` : `${name}-${process.pid}.mjs`);
  await build({
    input: join(repo, entry),
    platform: 'node',
    external: [...external, /^node:/],
    output: { file, format: 'esm' },
    logLevel: 'silent',
  });
  return file;
}
