import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The workspace a host opens when none is chosen: MLW_WORKSPACE, else a folder in the user's home. */
export function defaultWorkspaceRoot(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const fromEnv = env.MLW_WORKSPACE?.trim();
  return fromEnv ? resolve(fromEnv) : join(home, 'MLOpsWorkbench');
}
