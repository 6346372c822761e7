import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The built CLI (`npm run build`); tests that need a real process and real signals run it. */
export const BUILT_CLI = resolve(import.meta.dirname, '../../../../out/main/cli.js');

export function builtCliSkipReason(): string | undefined {
  return existsSync(BUILT_CLI) ? undefined : `${BUILT_CLI} is not built (run npm run build)`;
}

export interface SpawnedMlw {
  child: ChildProcess;
  /** Resolves when it has exited, with what it wrote. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts the built `mlw --workspace WORKSPACE ...argv` as its own process. */
export function spawnMlw(
  workspace: string,
  argv: readonly string[],
  env: NodeJS.ProcessEnv = {},
): SpawnedMlw {
  // The built CLI forks the built worker beside it, not one a test bundled for in-process runs.
  const { MLW_MODEL_WORKER: _bundled, ...inherited } = process.env;
  const child = spawn(process.execPath, [BUILT_CLI, '--workspace', workspace, ...argv], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exit = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((done) => child.on('close', (code, signal) => done({ code, signal, stdout, stderr })));
  return { child, exit };
}

/** The live (not zombie) children of `pid`, read from /proc. */
export function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === pid && state !== 'Z') found.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Polls `check` every 20 ms until it is true, or fails after `ms`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms = 60_000,
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
