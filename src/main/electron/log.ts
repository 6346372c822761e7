import { createWriteStream, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface AppLog {
  /** A bug-indicating error, with its stack. */
  error(where: string, error: unknown): void;
  /** Something that should not happen but the app survives (a refused IPC sender, a crashed renderer). */
  warn(message: string): void;
  close(): Promise<void>;
}

/**
 * One file, `main.log`, that a user can attach to a bug report. It holds stacks and messages only:
 * never inputs, environment variables or tokens. At start, a file past `maxBytes` becomes
 * `main.old.log`, so the log can never grow without bound.
 */
export function openAppLog(dir: string, { maxBytes = 1_000_000, echo = true } = {}): AppLog {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'main.log');
  try {
    if (statSync(file).size > maxBytes) renameSync(file, join(dir, 'main.old.log'));
  } catch {
    // No log yet.
  }
  const stream = createWriteStream(file, { flags: 'a' });
  const write = (level: string, text: string): void => {
    const line = `${new Date().toISOString()} ${level} ${text}\n`;
    stream.write(line);
    if (echo) process.stderr.write(line);
  };
  return {
    error: (where, error) =>
      write('ERROR', `[${where}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    warn: (message) => write('WARN', message),
    close: () => new Promise((done) => stream.end(done)),
  };
}
