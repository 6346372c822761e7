import { WorkbenchError, isWorkbenchError } from '../../shared/contract/errors.js';

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
      if (options.json) io.out(`${JSON.stringify({ error: shaped.toShape() }, null, 2)}\n`);
      io.err(`mlw: ${shaped.message}\n`);
      if (shaped.hint) io.err(`  hint: ${shaped.hint}\n`);
      if (options.verbose && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
      if (options.verbose && shaped.cause instanceof Error && shaped.cause.stack)
        io.err(`caused by: ${shaped.cause.stack}\n`);
      return shaped.code === 'INVALID_INPUT' ? 2 : 1;
    },
  };
}
