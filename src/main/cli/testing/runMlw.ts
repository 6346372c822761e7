import type { CliIo } from '../output.js';
import type { CliLayout } from '../layout.js';
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
  const code = await runCli(['--workspace', workspace, ...argv], { layout: sourceLayout() }, io);
  return { code, stdout, stderr };
}

/**
 * Run from source there is no build beside the CLI: tests bundle the model worker and name it in
 * MLW_MODEL_WORKER, and DuckDB runs in the test's own process.
 */
function sourceLayout(): CliLayout {
  return {
    modelWorker: process.env.MLW_MODEL_WORKER ?? 'MLW_MODEL_WORKER is not set',
    dataWorker: undefined,
    renderer: '',
    // Container builds need the bundled server: node scripts/build-serving.mjs makes it.
    serving: 'out/serving',
  };
}
