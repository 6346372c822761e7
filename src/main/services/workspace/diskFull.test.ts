import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountTinyDisk, tinyDiskSkipReason, type TinyDisk } from '../../../../test/fixtures/tinyDisk.js';
import type { WorkbenchError } from '../../../shared/contract/errors.js';
import { writeFileAtomic } from './atomicWrite.js';
import { openWorkspace } from './workspace.js';

const skipReason = tinyDiskSkipReason();
let disk: TinyDisk;

beforeAll(() => {
  if (skipReason === undefined) disk = mountTinyDisk('256k');
});
afterAll(() => {
  disk?.unmount();
});

async function failure(work: Promise<unknown>): Promise<WorkbenchError> {
  try {
    await work;
  } catch (error) {
    return error as WorkbenchError;
  }
  throw new Error('expected it to fail');
}

describe.skipIf(skipReason !== undefined)(`a full disk (${skipReason ?? 'tmpfs of 256 KiB'})`, () => {
  it('is DISK_FULL naming workbench.json when a new workspace cannot be written', async () => {
    disk.fill();
    try {
      const error = await failure(openWorkspace(join(disk.dir, 'new-ws')));
      expect(error.code).toBe('DISK_FULL');
      expect(error.message).toMatch(
        new RegExp(
          `^The disk is full: could not write ${join(disk.dir, 'new-ws', 'workbench.json')} \\(it needed \\d+ B, 0 B is free\\)\\.$`,
        ),
      );
      expect(error.hint).toMatch(/Free some space/);
    } finally {
      disk.unfill();
    }
  });

  it('is DISK_FULL with the bytes needed for an atomic write, and leaves no temp file or new folder', async () => {
    const tempDir = join(disk.dir, 'scratch-writes');
    await mkdir(tempDir, { recursive: true });
    const target = join(disk.dir, 'models', 'm', '1', 'benchmarks', 'result.json');
    const error = await failure(writeFileAtomic(target, Buffer.alloc(400 * 1024), { tempDir }));
    expect(error.code).toBe('DISK_FULL');
    expect(error.message).toContain(`could not write ${target} (it needed 410 kB, `);
    expect(error.details).toMatchObject({ path: target, needBytes: 400 * 1024 });
    expect(await readdir(tempDir)).toEqual([]);
    expect(await readdir(disk.dir)).not.toContain('models');
  });

  it('without a temp folder, removes the hidden temp it wrote beside the target', async () => {
    const target = join(disk.dir, 'beside', 'big.json');
    await mkdir(join(disk.dir, 'beside'));
    const error = await failure(writeFileAtomic(target, Buffer.alloc(400 * 1024)));
    expect(error.code).toBe('DISK_FULL');
    expect(await readdir(join(disk.dir, 'beside'))).toEqual([]);
  });
});
