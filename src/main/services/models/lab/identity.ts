import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { cpus, platform, arch, totalmem } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  benchResultSchema,
  type BenchResult,
  type ModelIdentity,
} from '../../../../shared/contract/modelLab.js';
import { writeJsonAtomic } from '../../workspace/index.js';
import { openRegularFile } from '../onnx/index.js';

/** A model the lab works on: its file, how to name it, and (registry models) where benchmarks live. */
export interface LabModel {
  path: string;
  /** `name@version` for a registry model, else the path as given. */
  label: string;
  /** `models/<name>/<version>/benchmarks` for a registry model; undefined for a plain path. */
  benchmarksDir?: string;
}

/** The registry keeps a version's benchmarks beside its model file: `<version folder>/benchmarks/`. */
export function benchmarksDirFor(modelPath: string): string {
  return join(dirname(modelPath), 'benchmarks');
}

/** The model file's hash and size, read through one handle on a regular file (see openRegularFile). */
export async function identify(model: LabModel, signal?: AbortSignal): Promise<ModelIdentity> {
  const { handle, size } = await openRegularFile(model.path, 'an ONNX model', signal);
  const hash = createHash('sha256');
  // The stream closes the handle when it ends or fails.
  for await (const chunk of handle.createReadStream({ signal })) hash.update(chunk as Buffer);
  return { ref: model.label, path: model.path, sha256: hash.digest('hex'), sizeBytes: size };
}

export function ortVersion(): string {
  try {
    return (
      (createRequire(import.meta.url)('onnxruntime-node/package.json') as { version?: string }).version ??
      'unknown'
    );
  } catch {
    return 'unknown';
  }
}

export function machineInfo(): BenchResult['machine'] {
  const list = cpus();
  return {
    cpuCount: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    totalMemoryBytes: totalmem(),
    platform: `${platform()}-${arch()}`,
    ortVersion: ortVersion(),
    nodeVersion: process.versions.node,
  };
}

/** Where a benchmark made at `createdAt` is kept: `<dir>/<ISO date>.json`, colons as dashes. */
export function benchmarkFile(dir: string, createdAt: string): string {
  return join(dir, `${createdAt.replace(/:/g, '-')}.json`);
}

/**
 * Writes a benchmark to `file` atomically; the temp file lives in `tempDir` (the workspace's
 * scratch) so a crash never leaves one in the version folder, and a full disk is DISK_FULL.
 */
export async function saveBenchmark(file: string, result: BenchResult, tempDir?: string): Promise<string> {
  await writeJsonAtomic(file, result, tempDir ? { tempDir } : {});
  return file;
}

/** The newest benchmark saved in `dir` that still parses, or null. */
export async function latestBenchmark(dir: string | undefined): Promise<BenchResult | null> {
  if (!dir) return null;
  const names = (await readdir(dir).catch(() => [] as string[]))
    .filter((name) => name.endsWith('.json'))
    .sort();
  for (const name of names.reverse()) {
    try {
      const parsed = benchResultSchema.safeParse(JSON.parse(await readFile(join(dir, name), 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // A half-written or foreign file: try the next one.
    }
  }
  return null;
}
