import type { CliIo } from '../output.js';
import { runCli } from '../program.js';

export interface MlwResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `mlw --workspace WORKSPACE ...argv` in-process, capturing what it writes (for tests). */
export async function runMlw(workspace: string, argv: readonly string[]): Promise<MlwResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (text) => (stdout += text), err: (text) => (stderr += text), interactive: false };
  const code = await runCli(['--workspace', workspace, ...argv], io);
  return { code, stdout, stderr };
}
