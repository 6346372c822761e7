// Bundles a benchmark's in-process half (or the model worker) from src/ with rolldown, so each
// bench runs the code as the app does without a full build. The bundles live under node_modules
// so they resolve the native packages (onnxruntime-node, DuckDB) left external.
import { mkdir } from 'node:fs/promises';
import { basename } from 'node:path';
import { build } from 'rolldown';

export const BENCH_CACHE = 'node_modules/.cache/mlw-bench';

/** Bundles `input` (a .ts path from the repo root) and returns the bundle's path. */
export async function bundleForBench(input, name = basename(input).replace(/\.ts$/, '.mjs')) {
  await mkdir(BENCH_CACHE, { recursive: true });
  const file = `${BENCH_CACHE}/${name}`;
  await build({
    input,
    platform: 'node',
    external: ['onnxruntime-node', /^@duckdb\//, 'zod', /^node:/, /^@?playwright/],
    // One file: the in-process data engine is a dynamic import.
    output: { file, format: 'esm', codeSplitting: false },
    logLevel: 'silent',
  });
  return file;
}

/** The data worker and, beside it, the column thread its drift comparisons start. */
export async function bundleDataWorkerForBench() {
  await bundleForBench('src/main/services/duckdb/drift/columnThreadMain.ts', 'columnThread.mjs');
  return bundleForBench('src/main/services/duckdb/workerMain.ts', 'data-worker.mjs');
}
