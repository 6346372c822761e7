import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { DockerEngineProbe } from '../../../../test/fixtures/dockerEngine.js';
import { buildModelWorker } from '../../services/models/runtime/testing/buildWorker.js';
import { runMlw } from './runMlw.js';

/**
 * Why the CLI tests of serving images are skipped: no engine, or no bundled model server. Where the
 * engines are required (npm test, CI) a missing bundle fails them instead.
 */
export function servingSkipReason(engine: DockerEngineProbe): string | undefined {
  const bundled = existsSync('out/serving/server.mjs') || process.env.MLW_REQUIRE_ENGINES === '1';
  return engine.skipReason ?? (bundled ? undefined : 'out/serving is not built (npm run build)');
}

/** `mlw` on the test's workspace (`<dir>/ws`), and its --json form, which throws on a non-zero exit. */
export function mlwIn(dir: () => string) {
  const mlw = (...argv: string[]) => runMlw(join(dir(), 'ws'), argv);
  const json = async (...argv: string[]): Promise<unknown> => {
    const result = await mlw('--json', ...argv);
    if (result.code !== 0) throw new Error(`mlw ${argv.join(' ')} exited ${result.code}: ${result.stderr}`);
    return JSON.parse(result.stdout) as unknown;
  };
  return { mlw, json };
}

/** Removes the images a test made, those already gone included. */
export async function removeImages(engine: DockerEngineProbe, references: readonly string[]): Promise<void> {
  const docker = await engine.containers.docker();
  for (const reference of references)
    await docker
      .getImage(reference)
      .remove({ force: true })
      .catch(() => undefined);
}

/**
 * The in-process CLI runs from source, so the test file's model worker is bundled for it: set as
 * MLW_MODEL_WORKER before the file's tests and removed after them.
 */
export function useBundledModelWorker(): void {
  let worker: string | undefined;
  let previous: string | undefined;
  beforeAll(async () => {
    worker = await buildModelWorker();
    previous = process.env.MLW_MODEL_WORKER;
    process.env.MLW_MODEL_WORKER = worker;
  }, 120_000);
  afterAll(async () => {
    if (previous === undefined) delete process.env.MLW_MODEL_WORKER;
    else process.env.MLW_MODEL_WORKER = previous;
    if (worker) await rm(worker, { force: true });
  });
}

/**
 * The file's temp folder (its workspace is `<dir>/ws`), made before its tests; after them the
 * containers and images they made are removed with it. Returns the folder's path once made.
 */
export function useServingFolder(
  engine: DockerEngineProbe,
  prefix: string,
  made: { containers: readonly string[]; images: readonly string[] },
): () => string {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  }, 120_000);
  afterAll(async () => {
    if (!engine.skipReason) {
      const docker = await engine.containers.docker();
      for (const name of made.containers)
        await docker
          .getContainer(name)
          .remove({ force: true })
          .catch(() => undefined);
      await removeImages(engine, made.images);
    }
    await engine.containers.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}
