import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ownerAlive, parseOwner, thisProcessOwner } from './processOwner.js';
import { sweepStaleScratch } from './scratchSweep.js';
import { openWorkspace, type Workspace } from './workspace.js';

let dir: string;
let workspace: Workspace;
const host = parseOwner(thisProcessOwner)?.host ?? '';
/** A process of this machine that has exited: its pid is free. */
const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
const dead = `${host}-${deadPid}-12345`;
/** This pid with another start time: what a reused pid looks like. */
const reused = `${host}-${process.pid}-1`;
const otherMachine = '00000000-1-1';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-sweep-'));
  workspace = await openWorkspace(join(dir, 'ws'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function entry(kind: string, name: string, ageHours = 0): Promise<void> {
  const path = join(workspace.scratch(), kind, name);
  await mkdir(path, { recursive: true });
  await writeFile(join(path, 'data.csv'), 'a\n1\n');
  const when = new Date(Date.now() - ageHours * 3_600_000);
  await utimes(path, when, when);
}

const kinds = [
  'uploads',
  'imports',
  'model-adds',
  'profiles',
  'previews',
  'duckdb',
  'writes',
  'some-future-kind',
];

describe('sweeping scratch', () => {
  it('tells live owners from dead ones, and a reused pid from its first owner', () => {
    expect(ownerAlive(thisProcessOwner)).toBe(true);
    expect(ownerAlive(dead)).toBe(false);
    expect(ownerAlive(reused)).toBe(false);
    expect(ownerAlive(otherMachine)).toBeUndefined();
    expect(ownerAlive('3f2b9c1e-aaaa-bbbb')).toBeUndefined();
  });

  it.each(kinds)(
    'in %s: removes what a dead process left at once, never what a live one owns',
    async (kind) => {
      await entry(kind, dead);
      await entry(kind, reused);
      await entry(kind, thisProcessOwner, 72);
      await entry(kind, otherMachine, 1);
      await entry(kind, `${otherMachine}.old`, 30);
      await entry(kind, 'legacy-uuid-young', 1);
      await entry(kind, 'legacy-uuid-old', 48);

      const removed = await sweepStaleScratch(workspace);

      expect(removed.sort()).toEqual(
        [dead, reused, `${otherMachine}.old`, 'legacy-uuid-old'].map((name) => `${kind}/${name}`).sort(),
      );
      expect((await readdir(join(workspace.scratch(), kind))).sort()).toEqual(
        [otherMachine, 'legacy-uuid-young', thisProcessOwner].sort(),
      );
    },
  );

  it('puts every kind of scratch in a folder of its owner', () => {
    expect(workspace.scratch('model-adds', 'x')).toBe(
      join(workspace.root, '.scratch', 'model-adds', thisProcessOwner, 'x'),
    );
    expect(workspace.scratch()).toBe(join(workspace.root, '.scratch'));
  });

  it('leaves the artifact folders alone and does nothing on a fresh workspace', async () => {
    await writeFile(join(workspace.folder('datasets'), 'keep.txt'), 'x');
    expect(await sweepStaleScratch(workspace)).toEqual([]);
    expect(await readdir(workspace.folder('datasets'))).toEqual(['keep.txt']);
  });
});
