import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { formatBytes } from '../../../shared/format/numbers.js';

/** No space left (ENOSPC), or the user's quota is used up (EDQUOT); DuckDB says it in words. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return true;
  const message = error instanceof Error ? error.message : String(error);
  return /no space left on device|disk quota exceeded|ENOSPC|EDQUOT|disk (is )?full/i.test(message);
}

async function freeBytesNear(path: string): Promise<number | undefined> {
  for (let dir = path; ; dir = dirname(dir)) {
    const disk = await statfs(dir).catch(() => undefined);
    if (disk) return disk.bavail * disk.bsize;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The one DISK_FULL a write reports: the path it was writing, what it needed when known, what is
 * free, and what to do. Every writer (atomic writes, copies, uploads, a new workspace) maps here.
 */
export async function diskFullError(
  path: string,
  cause: unknown,
  needBytes?: number,
): Promise<WorkbenchError> {
  const free = await freeBytesNear(path);
  const facts = [
    ...(needBytes === undefined ? [] : [`it needed ${formatBytes(needBytes)}`]),
    ...(free === undefined ? [] : [`${formatBytes(free)} is free`]),
  ];
  return new WorkbenchError(
    {
      code: 'DISK_FULL',
      message: `The disk is full: could not write ${path}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}.`,
      hint: 'Free some space on that disk (or raise your quota), or move the workspace to a bigger disk, then try again.',
      details: {
        path,
        ...(needBytes === undefined ? {} : { needBytes }),
        ...(free === undefined ? {} : { freeBytes: free }),
      },
    },
    { cause },
  );
}

/** `error` as DISK_FULL for `path` when the disk filled up, else `error` itself. */
export async function asDiskFull(error: unknown, path: string, needBytes?: number): Promise<unknown> {
  if (error instanceof WorkbenchError || !isDiskFull(error)) return error;
  return diskFullError(path, error, needBytes);
}
