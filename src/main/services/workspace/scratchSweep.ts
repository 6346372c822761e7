import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Workspace } from './workspace.js';

/** Scratch folders that hold work in progress: uploads waiting for an import, half-built imports. */
const SWEPT = ['uploads', 'imports'] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Removes scratch entries untouched for a day: what a crash or a closed window left behind. The age
 * keeps it safe while another host (a CLI beside the app) works in the same workspace right now.
 */
export async function sweepStaleScratch(
  workspace: Workspace,
  options: { olderThanMs?: number; now?: number } = {},
): Promise<string[]> {
  const cutoff = (options.now ?? Date.now()) - (options.olderThanMs ?? DAY_MS);
  const removed: string[] = [];
  for (const folder of SWEPT) {
    const parent = workspace.scratch(folder);
    const entries = await readdir(parent).catch(() => []);
    for (const entry of entries) {
      const path = join(parent, entry);
      const facts = await stat(path).catch(() => undefined);
      if (facts && facts.mtimeMs < cutoff) {
        await rm(path, { recursive: true, force: true });
        removed.push(join(folder, entry));
      }
    }
  }
  return removed;
}
