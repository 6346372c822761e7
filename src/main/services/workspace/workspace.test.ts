import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace } from './workspace.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-workspace-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const onDisk = async (root: string): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(join(root, 'workbench.json'), 'utf8')) as Record<string, unknown>;

describe('the workspace id', () => {
  it('is given to a new workspace, written in workbench.json, and the same at every open', async () => {
    const root = join(dir, 'ws');
    const first = await openWorkspace(root);
    expect(first.manifest.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await onDisk(root)).id).toBe(first.manifest.id);
    expect((await openWorkspace(root)).manifest.id).toBe(first.manifest.id);
  });

  it('stays when the folder is moved', async () => {
    const { manifest } = await openWorkspace(join(dir, 'before'));
    await rename(join(dir, 'before'), join(dir, 'after'));
    expect((await openWorkspace(join(dir, 'after'))).manifest.id).toBe(manifest.id);
  });

  it('is added to a manifest written before ids, keeping what it already said', async () => {
    const root = join(dir, 'old');
    await mkdir(root);
    const old = { schemaVersion: 1, createdAt: '2026-01-05T09:00:00.000Z', settings: { theme: 'dark' } };
    await writeFile(join(root, 'workbench.json'), JSON.stringify(old));
    const { manifest } = await openWorkspace(root);
    expect(manifest).toMatchObject({ ...old, id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string });
    expect(await onDisk(root)).toEqual({ ...old, id: manifest.id });
    expect((await openWorkspace(root)).manifest.id).toBe(manifest.id);
  });
});
