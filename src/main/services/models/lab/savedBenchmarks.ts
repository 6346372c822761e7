import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { benchResultSchema, type SavedBenchmarks } from '../../../../shared/contract/modelLab.js';

/** One registry version's benchmarks folder (`benchmarksDirFor(modelPath)`). */
export interface BenchmarksFolder {
  version: number;
  dir: string;
}

/** Why a saved file is not a benchmark: not JSON, or the first place it departs from BenchResult. */
async function readOne(file: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return {
      ok: false as const,
      reason: `Not JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const parsed = benchResultSchema.safeParse(raw);
  if (parsed.success) return { ok: true as const, result: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false as const, reason: `Not a benchmark result: ${where}${issue?.message ?? 'invalid'}` };
}

/**
 * Every benchmark saved in the given folders, newest first. A file that does not parse is listed in
 * `skipped` with the reason, so one bad file never hides the others; a missing folder has none.
 */
export async function readSavedBenchmarks(
  folders: BenchmarksFolder[],
  workspaceRoot?: string,
): Promise<SavedBenchmarks> {
  const shown = (file: string) => (workspaceRoot ? relative(workspaceRoot, file).replace(/\\/g, '/') : file);
  const saved: SavedBenchmarks = { benchmarks: [], skipped: [] };
  for (const { version, dir } of folders) {
    const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.json'));
    for (const name of names) {
      const file = join(dir, name);
      const read = await readOne(file);
      if (read.ok) saved.benchmarks.push({ version, file: shown(file), result: read.result });
      else saved.skipped.push({ version, file: shown(file), reason: read.reason });
    }
  }
  saved.benchmarks.sort(
    (a, b) => b.result.createdAt.localeCompare(a.result.createdAt) || b.file.localeCompare(a.file),
  );
  return saved;
}
