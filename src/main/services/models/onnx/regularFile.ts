import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { cancelledError, WorkbenchError } from '../../../../shared/contract/errors.js';

/** A file opened for reading that is known to be a regular file, with the facts of that same file. */
export interface RegularFile {
  handle: FileHandle;
  size: number;
  mtimeMs: number;
}

/**
 * Opens `path` for reading only if it is a regular file. The kind is read from the opened handle
 * (fstat), so nothing can swap the file between the check and the read; O_NONBLOCK makes opening a
 * FIFO return at once instead of waiting for a writer. A pipe, socket, device or folder would hang a
 * reader or feed it forever (/dev/zero), so each is refused with what it is. `what` names the file
 * the caller wanted ("an ONNX model").
 */
export async function openRegularFile(
  path: string,
  what: string,
  signal?: AbortSignal,
): Promise<RegularFile> {
  if (signal?.aborted) throw cancelledError(`Reading ${basename(path)}`);
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw await openError(path, what, error as NodeJS.ErrnoException);
  }
  try {
    const facts = await handle.stat();
    if (!facts.isFile()) throw notRegular(path, what, facts);
    return { handle, size: facts.size, mtimeMs: facts.mtimeMs };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The facts of a regular file that other code (ONNX Runtime) opens itself; refuses any other kind. */
export async function regularFileFacts(
  path: string,
  what: string,
): Promise<{ size: number; mtimeMs: number }> {
  const { handle, size, mtimeMs } = await openRegularFile(path, what);
  await handle.close();
  return { size, mtimeMs };
}

/** A whole regular file's bytes; `maxBytes` refuses a bigger one before any of it is read. */
export async function readRegularFile(
  path: string,
  what: string,
  options: { signal?: AbortSignal; tooLarge?: { maxBytes: number; error: (size: number) => Error } } = {},
): Promise<Buffer> {
  const { signal, tooLarge } = options;
  const file = await openRegularFile(path, what, signal);
  try {
    if (tooLarge && file.size > tooLarge.maxBytes) throw tooLarge.error(file.size);
    return await file.handle.readFile({ signal });
  } catch (error) {
    if (signal?.aborted) throw cancelledError(`Reading ${basename(path)}`);
    throw error;
  } finally {
    await file.handle.close();
  }
}

const kinds: [test: (facts: Stats) => boolean, kind: string, hint: string][] = [
  [
    (facts) => facts.isDirectory(),
    'a folder',
    'Give the path of the file inside it, e.g. FOLDER/model.onnx; `mlw model check FOLDER` checks every .onnx file in a folder.',
  ],
  [
    (facts) => facts.isFIFO(),
    'a named pipe (FIFO)',
    'Reading a pipe waits for whatever writes to it; save what it carries to a file and give that file.',
  ],
  [(facts) => facts.isSocket(), 'a socket', 'Give the path of a file saved on disk.'],
  [
    (facts) => facts.isCharacterDevice(),
    'a character device',
    'A device such as /dev/zero or a terminal has no end to read to; give the path of a file saved on disk.',
  ],
  [
    (facts) => facts.isBlockDevice(),
    'a block device',
    'Give the path of a file saved on disk, not of a disk itself.',
  ],
];

/** Names the whole path: what kind a path is depends on where it is (/dev/zero, a pipe in /tmp). */
function notRegular(path: string, what: string, facts: Stats): WorkbenchError {
  const [, kind, hint] = kinds.find(([test]) => test(facts)) ?? [
    null,
    'not a regular file',
    'Give the path of a file saved on disk.',
  ];
  return new WorkbenchError({
    code: 'INVALID_INPUT',
    message: `${path} is ${kind}, not ${what} file.`,
    hint,
    details: { path },
  });
}

async function openError(path: string, what: string, error: NodeJS.ErrnoException): Promise<WorkbenchError> {
  // Opening a socket fails (ENXIO on Linux, EOPNOTSUPP on macOS): say what it is, not why open failed.
  if (error.code === 'ENXIO' || error.code === 'EOPNOTSUPP') {
    const facts = await stat(path).catch(() => null);
    if (facts && !facts.isFile()) return notRegular(path, what, facts);
  }
  const reason =
    error.code === 'ENOENT'
      ? 'no such file'
      : error.code === 'EACCES' || error.code === 'EPERM'
        ? 'permission denied'
        : error.message;
  return new WorkbenchError(
    {
      code: 'NOT_FOUND',
      message: `Cannot read ${basename(path)}: ${reason}.`,
      ...(error.code === 'ENOENT' ? {} : { hint: 'Check that the file exists and that you can read it.' }),
      details: { path },
    },
    { cause: error },
  );
}
