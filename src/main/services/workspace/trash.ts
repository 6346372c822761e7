import { mkdir, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Workspace, WorkspaceFolder } from './workspace.js';

/**
 * Moves `<folder>/<entry>` to `<folder>/.trash/<entry>.<time><suffix>`: nothing the user made is
 * erased by a remove. Returns the trash entry relative to the workspace.
 */
export async function moveToTrash(
  workspace: Workspace,
  folder: WorkspaceFolder,
  entry: string,
  suffix = '',
): Promise<string> {
  const trash = join(workspace.folder(folder), '.trash');
  await mkdir(trash, { recursive: true });
  const trashedAs = `${entry}.${new Date().toISOString().replaceAll(':', '-')}${suffix}`;
  await rename(workspace.resolve(folder, entry), join(trash, trashedAs));
  return `${folder}/.trash/${trashedAs}`;
}

/** The names of the folders in a workspace folder, hidden ones (the trash) left out. */
export async function entryFolders(workspace: Workspace, folder: WorkspaceFolder): Promise<string[]> {
  const entries = await readdir(workspace.folder(folder), { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name);
}
