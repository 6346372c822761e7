import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { cancelledError, WorkbenchError } from '../../../../shared/contract/errors.js';

/** Reads a whole file, turning the file system's errors into WorkbenchErrors that name it. */
export async function readWholeFile(path: string, what: string, signal?: AbortSignal): Promise<Buffer> {
  try {
    return await readFile(path, { signal });
  } catch (error) {
    if (signal?.aborted) throw cancelledError(`Reading ${basename(path)}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new WorkbenchError({
        code: 'NOT_FOUND',
        message: `Cannot read ${basename(path)}: no such file.`,
        details: { path },
      });
    }
    if (code === 'EISDIR') {
      throw new WorkbenchError({
        code: 'INVALID_INPUT',
        message: `${basename(path)} is a folder, not ${what}.`,
        hint: `Choose the ${what} file inside it.`,
        details: { path },
      });
    }
    throw new WorkbenchError(
      {
        code: 'NOT_FOUND',
        message: `Cannot read ${basename(path)}: ${(error as Error).message}`,
        details: { path },
      },
      { cause: error },
    );
  }
}

/** MODEL_INVALID for a file whose bytes are not what they should be. */
export function invalidFile(path: string, message: string, hint: string, cause?: unknown): WorkbenchError {
  return new WorkbenchError(
    { code: 'MODEL_INVALID', message: `${basename(path)} ${message}`, hint, details: { path } },
    { cause },
  );
}
