import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

const ROOT = join(import.meta.dirname, '..', '..');
/** MLW_E2E_HOST_ENTRY runs the specs against another build of the host (e.g. a copy kept apart from a rebuild). */
const HOST_ENTRY = process.env.MLW_E2E_HOST_ENTRY ?? join(ROOT, 'out', 'main', 'browser.js');
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const URL_LINE = /^MLW_URL=(\S+)$/m;

export interface BrowserHost {
  /** The tokenised address the host printed; opening it sets the auth cookie. */
  readonly url: string;
  readonly workspace: string;
  /** Everything the host wrote, for the test report when something fails. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `node out/main/browser.js` on a free port and waits for the line that says it is ready. */
export async function startBrowserHost(workspace: string): Promise<BrowserHost> {
  if (!existsSync(HOST_ENTRY)) {
    throw new Error(`${HOST_ENTRY} does not exist: run \`npm run build\` before the end-to-end tests.`);
  }
  const child = spawn(process.execPath, [HOST_ENTRY, '--workspace', workspace, '--port', '0'], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await waitForUrl(child, exited, () => output).catch(async (error: unknown) => {
    await stopProcess(child, exited);
    throw error;
  });
  return { url, workspace, output: () => output, stop: () => stopProcess(child, exited) };
}

function waitForUrl(
  child: ChildProcessByStdio<null, Readable, Readable>,
  exited: Promise<number | null>,
  output: () => string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new Error(`The browser host printed no MLW_URL line within ${READY_TIMEOUT_MS} ms:\n${output()}`),
      );
    }, READY_TIMEOUT_MS);
    const onData = (): void => {
      const match = URL_LINE.exec(output());
      if (match?.[1]) {
        cleanup();
        resolve(match[1]);
      }
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
    };
    child.stdout.on('data', onData);
    void exited.then((code) => {
      cleanup();
      reject(new Error(`The browser host exited (code ${code}) before it was ready:\n${output()}`));
    });
  });
}

/** SIGTERM, then SIGKILL if the host has not exited in time; a test never waits longer than that. */
async function stopProcess(
  child: ChildProcessByStdio<null, Readable, Readable>,
  exited: Promise<number | null>,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), delay(STOP_TIMEOUT_MS).then(() => false)]);
  if (!stopped) {
    child.kill('SIGKILL');
    await Promise.race([exited, delay(STOP_TIMEOUT_MS)]);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
