import { spawn, type ChildProcess } from 'node:child_process';
import { cancelledError, WorkbenchError } from '../../../../shared/contract/errors.js';
import { createBoundedLog } from './boundedLog.js';
import { explainFailure, type ScriptError } from './failures.js';

export interface ScriptRun {
  /** The Python executable to run the script with. */
  python: string;
  /** Absolute path of the script (in the converters folder). */
  script: string;
  args: string[];
  signal?: AbortSignal;
  /** Each `{"progress": f, "message": m}` line the script prints. */
  onProgress?: (fraction: number, message: string) => void;
  /** Each line of stdout and stderr as it arrives (for a job's log). */
  onLog?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Characters of log kept for the error's details (head and tail). */
  logLimit?: number;
  /** What the script is converting, for error messages ("model.pt"). */
  subject?: string;
}

export interface ScriptOutcome<T> {
  result: T;
  log: string;
}

/**
 * Runs a converter script in its own process group, so that cancelling kills the whole tree
 * (Python with any workers it started), and turns its last JSON line into the result, or its
 * failure into a WorkbenchError that explains it, with the raw log in `details.log`.
 */
export function runConverterScript<T>(run: ScriptRun): Promise<ScriptOutcome<T>> {
  return new Promise((resolve, reject) => {
    if (run.signal?.aborted) return reject(cancelledError('The conversion'));
    const log = createBoundedLog(run.logLimit);
    let result: T | undefined;
    let scriptError: ScriptError | undefined;
    let cancelled = false;
    const child = spawn(run.python, [run.script, ...run.args], {
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' },
    });
    const onAbort = () => {
      cancelled = true;
      killTree(child);
    };
    run.signal?.addEventListener('abort', onAbort, { once: true });

    const onStdoutLine = (line: string) => {
      log.append(`${line}\n`);
      run.onLog?.(line, 'stdout');
      const message = parseProtocolLine(line);
      if (!message) return;
      if (typeof message.progress === 'number')
        run.onProgress?.(message.progress, typeof message.message === 'string' ? message.message : '');
      if ('result' in message) result = message.result as T;
      if (message.error && typeof message.error === 'object') scriptError = message.error as ScriptError;
    };
    const onStderrLine = (line: string) => {
      log.append(`${line}\n`);
      run.onLog?.(line, 'stderr');
    };
    splitLines(child.stdout, onStdoutLine);
    splitLines(child.stderr, onStderrLine);

    child.on('error', (error: NodeJS.ErrnoException) => {
      run.signal?.removeEventListener('abort', onAbort);
      reject(
        new WorkbenchError({
          code: 'NOT_FOUND',
          message: `Python could not be started at ${run.python}: ${error.code ?? error.message}.`,
          hint: 'Pick a Python environment that exists (for example /usr/bin/python3), or set MLW_PYTHON.',
        }),
      );
    });
    child.on('close', (code, signalName) => {
      run.signal?.removeEventListener('abort', onAbort);
      const text = log.text();
      if (cancelled) return reject(cancelledError('The conversion'));
      if (code === 0 && result !== undefined) return resolve({ result, log: text });
      reject(
        explainFailure({
          log: text,
          scriptError,
          exitCode: code,
          signal: signalName,
          python: run.python,
          subject: run.subject,
        }),
      );
    });
  });
}

function parseProtocolLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function splitLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line.replace(/\r$/, ''));
  });
  stream.on('end', () => {
    if (pending) onLine(pending);
  });
}

/** Kills the script and everything it started: its process group on POSIX, taskkill /T on Windows. */
function killTree(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
    return;
  }
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
