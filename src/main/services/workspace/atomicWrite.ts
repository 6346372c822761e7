import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { asDiskFull } from './diskFull.js';

export interface AtomicWriteOptions {
  /**
   * Where the temp file is written before the rename: a scratch folder of the same disk
   * (workspace.scratch('writes')), so a crash mid-write leaves nothing in a folder the user sees
   * (a version's benchmarks, a data set). Without it, or across disks, the temp goes beside the
   * target as a hidden file. Either way a failed write removes it.
   */
  tempDir?: string;
}

/**
 * Writes through a temp file and renames it, so readers never see half a file. A full disk is
 * DISK_FULL naming the path and the bytes needed; folders this write created are removed again.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const created = await mkdir(dirname(path), { recursive: true }).catch(async (error: unknown) => {
    throw await asDiskFull(error, path);
  });
  const beside = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  let temp = beside;
  try {
    if (options.tempDir) {
      await mkdir(options.tempDir, { recursive: true });
      temp = join(options.tempDir, `${randomUUID()}.tmp`);
    }
    await writeFile(temp, data);
    try {
      await rename(temp, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      // The scratch is on another disk than the target (a linked folder): write beside it instead.
      await rm(temp, { force: true });
      temp = beside;
      await writeFile(temp, data);
      await rename(temp, path);
    }
  } catch (error) {
    await rm(temp, { force: true });
    if (created) await removeEmptyUpTo(dirname(path), created);
    throw await asDiskFull(error, path, typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength);
  }
}

/** Removes `dir` and its parents up to `top` (the first folder mkdir made), while they are empty. */
async function removeEmptyUpTo(dir: string, top: string): Promise<void> {
  for (let current = dir; !relative(top, current).startsWith('..'); current = dirname(current)) {
    if (
      !(await rmdir(current).then(
        () => true,
        () => false,
      ))
    )
      return;
    if (current === top) return;
  }
}

export async function writeJsonAtomic(
  path: string,
  value: unknown,
  options: AtomicWriteOptions = {},
): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, options);
}
