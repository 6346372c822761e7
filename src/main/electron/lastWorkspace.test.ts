import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLastWorkspace, relaunchArgs, rememberWorkspace } from './lastWorkspace.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-userdata-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('last workspace', () => {
  it('is remembered in the user-data folder and read back', async () => {
    expect(await readLastWorkspace(dir)).toBeUndefined();
    await rememberWorkspace(dir, '/home/ada/projects/churn');
    expect(await readLastWorkspace(dir)).toBe('/home/ada/projects/churn');
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toEqual({
      lastWorkspace: '/home/ada/projects/churn',
    });
  });

  it('is ignored, not fatal, when the settings file is damaged', async () => {
    await writeFile(join(dir, 'settings.json'), '{"lastWorkspace": 4');
    expect(await readLastWorkspace(dir)).toBeUndefined();
  });

  it('relaunches with the same switches and the new workspace', () => {
    expect(
      relaunchArgs(['out/main/index.js', '--workspace', '/old', '--user-data-dir', '/u'], '/new'),
    ).toEqual(['out/main/index.js', '--user-data-dir', '/u', '--workspace', '/new']);
    expect(relaunchArgs(['main.js', '--workspace=/old'], '/new')).toEqual(['main.js', '--workspace', '/new']);
  });
});
