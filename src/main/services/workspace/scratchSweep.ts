import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sweepDeadOwners } from './processOwner.js';
import type { Workspace } from './workspace.js';

/**
 * Removes what dead processes left in every scratch kind (uploads, imports, model-adds, profiles,
 * previews, duckdb, writes, and any kind added later): each process works in
 * `.scratch/<kind>/<owner>/` (workspace.scratch), so an owner that is dead is swept at once and a
 * live one (the app beside a CLI in the same workspace) never is. Entries without an owner token
 * (older versions, another machine on a shared disk) go when untouched for a day.
 */
export async function sweepStaleScratch(
  workspace: Workspace,
  options: { olderThanMs?: number; now?: number } = {},
): Promise<string[]> {
  const root = workspace.scratch();
  const removed: string[] = [];
  for (const kind of await readdir(root, { withFileTypes: true }).catch(() => [])) {
    if (!kind.isDirectory()) continue;
    for (const name of await sweepDeadOwners(join(root, kind.name), options))
      removed.push(`${kind.name}/${name}`);
  }
  return removed;
}
