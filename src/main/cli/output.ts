import { WorkbenchError, isWorkbenchError } from '../../shared/contract/errors.js';
import { redactUrlsIn } from '../../shared/format/redactUrl.js';
import { terminalLines, terminalText } from './terminalText.js';

/** Where the CLI writes; the process's streams in use, buffers in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress bars only then). */
  readonly interactive: boolean;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY,
};

/**
 * The io every printer writes through: whatever a printer forgot to escape, no raw control character
 * (ESC, CR, C1, bidi) reaches the terminal. JSON passes unharmed: JSON.stringify already escapes
 * C0, and what is left is escaped in a form JSON reads back.
 */
export function guardedIo(io: CliIo): CliIo {
  return {
    out: (text) => io.out(terminalLines(text)),
    err: (text) => io.err(terminalLines(text)),
    interactive: io.interactive,
  };
}

export interface Output {
  readonly json: boolean;
  readonly verbose: boolean;
  readonly io: CliIo;
  /** Machine-readable result on stdout with --json, else a human rendering. */
  result(value: unknown, human: () => string): void;
  /** One clear line (and a hint) for the user; the stack only with --verbose. Returns the exit code. */
  error(error: unknown): number;
}

export function createOutput(options: { json: boolean; verbose: boolean; io: CliIo }): Output {
  const { io } = options;
  return {
    ...options,
    result(value, human) {
      io.out(options.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
    error(error) {
      const shaped = isWorkbenchError(error)
        ? error
        : new WorkbenchError({
            code: 'INTERNAL',
            message: error instanceof Error ? error.message : String(error),
          });
      if (options.json) io.out(`${redactUrlsIn(JSON.stringify({ error: shaped.toShape() }, null, 2))}\n`);
      // A message names files, columns, inputs and endpoints as given: one line, escaped, no password.
      io.err(`mlw: ${terminalText(redactUrlsIn(shaped.message))}\n`);
      if (shaped.hint) io.err(`  hint: ${terminalText(redactUrlsIn(shaped.hint))}\n`);
      if (options.verbose && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
      if (options.verbose && shaped.cause instanceof Error && shaped.cause.stack)
        io.err(`caused by: ${shaped.cause.stack}\n`);
      return shaped.code === 'INVALID_INPUT' ? 2 : 1;
    },
  };
}
