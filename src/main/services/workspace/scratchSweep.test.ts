import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepStaleScratch } from './scratchSweep.js';
import { openWorkspace, type Workspace } from './workspace.js';

let dir: string;
let workspace: Workspace;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-sweep-'));
  workspace = await openWorkspace(join(dir, 'ws'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function entry(folder: string, name: string, ageHours: number): Promise<void> {
  const path = workspace.scratch(folder, name);
  await mkdir(path, { recursive: true });
  await writeFile(join(path, 'data.csv'), 'a\n1\n');
  const when = new Date(Date.now() - ageHours * 3_600_000);
  await utimes(path, when, when);
}

describe('sweeping stale scratch', () => {
  it('removes uploads and half-built imports older than a day, and nothing younger or elsewhere', async () => {
    await entry('uploads', 'abandoned', 30);
    await entry('uploads', 'in-use', 1);
    await entry('imports', 'crashed', 48);
    await entry('duckdb', 'spill', 72);
    await writeFile(join(workspace.folder('datasets'), 'keep.txt'), 'x');

    const removed = await sweepStaleScratch(workspace);

    expect(removed.sort()).toEqual(['imports/crashed', 'uploads/abandoned']);
    expect(await readdir(workspace.scratch('uploads'))).toEqual(['in-use']);
    expect(await readdir(workspace.scratch('duckdb'))).toEqual(['spill']);
    expect(await readdir(workspace.folder('datasets'))).toEqual(['keep.txt']);
  });

  it('does nothing on a fresh workspace', async () => {
    expect(await sweepStaleScratch(workspace)).toEqual([]);
  });
});
