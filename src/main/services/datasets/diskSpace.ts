import { statfs } from 'node:fs/promises';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { formatBytes } from '../../../shared/format/numbers.js';

/** Room for dataset.json, profile.json and file-system overhead beside the Parquet file. */
const FIXED_OVERHEAD_BYTES = 1024 * 1024;

/**
 * A conservative estimate of the disk an import writes: Parquet is usually smaller than its text
 * source, but a source of random numbers or a Parquet re-encoded with another codec may not be, so
 * we ask for 1.1x the source (plus a little) rather than trusting a ratio that holds only on average.
 * A sample of N rows needs room for N rows at the head's average line length, which is what lets
 * a file too big for the disk still be sampled.
 */
export function estimateImportBytes(
  source: { sizeBytes: number; head: Buffer },
  sampleRows?: number,
): number {
  const whole = Math.ceil(source.sizeBytes * 1.1) + FIXED_OVERHEAD_BYTES;
  if (sampleRows === undefined) return whole;
  let lines = 0;
  for (let i = source.head.indexOf(10); i !== -1; i = source.head.indexOf(10, i + 1)) lines += 1;
  // Without a few lines in the head (Parquet, one-line JSON) there is no row size to go by.
  if (lines < 2) return whole;
  const perRow = source.head.length / lines;
  return Math.min(whole, Math.ceil(sampleRows * perRow * 1.1) + FIXED_OVERHEAD_BYTES);
}

export async function freeBytes(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
}

/** Refuses before writing anything, so a big import on a small disk fails at once and leaves nothing. */
export async function ensureFreeSpace(dir: string, fileName: string, needBytes: number): Promise<void> {
  const free = await freeBytes(dir);
  if (free >= needBytes) return;
  throw new WorkbenchError({
    code: 'DISK_FULL',
    message: `Not enough free disk space to import ${fileName}: it needs about ${formatBytes(needBytes)} in the workspace, and only ${formatBytes(free)} is free.`,
    hint: 'Free some space on that disk, move the workspace to a bigger disk, or import a random sample of the rows (the sample option, CLI: --sample N).',
    details: { needBytes, freeBytes: free, dir },
  });
}

export { isDiskFull } from '../workspace/index.js';

export function diskFullError(fileName: string, cause: unknown): WorkbenchError {
  return new WorkbenchError(
    {
      code: 'DISK_FULL',
      message: `The disk filled up while importing ${fileName}; the partial copy was removed.`,
      hint: 'Free some space on the workspace disk, or import a random sample of the rows (the sample option, CLI: --sample N).',
    },
    { cause },
  );
}
