import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../services/workspace/index.js';

/** App-level settings, kept in Electron's user-data folder: never in a workspace, which users share. */
const settingsSchema = z.object({ lastWorkspace: z.string().optional() });

const settingsPath = (userDataDir: string): string => join(userDataDir, 'settings.json');

/** The workspace the user last opened, or undefined when there is none or the file is unreadable. */
export async function readLastWorkspace(userDataDir: string): Promise<string | undefined> {
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(await readFile(settingsPath(userDataDir), 'utf8')));
    return parsed.success ? parsed.data.lastWorkspace : undefined;
  } catch {
    return undefined;
  }
}

export async function rememberWorkspace(userDataDir: string, workspace: string): Promise<void> {
  await writeJsonAtomic(settingsPath(userDataDir), { lastWorkspace: workspace });
}

/** The command line to relaunch with: the same switches, with --workspace replaced. */
export function relaunchArgs(argv: readonly string[], workspace: string): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--workspace') i += 1;
    else if (!arg.startsWith('--workspace=')) kept.push(arg);
  }
  return [...kept, '--workspace', workspace];
}
