import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConvertersDir, PACKAGED_CONVERTERS_FOLDER } from './convertersDir.js';

const repo = resolve(import.meta.dirname, '../../../../..');

describe('findConvertersDir', () => {
  it('finds resources/converters from the sources and the built hosts, and a packaged copy first', async () => {
    const development = join(repo, 'resources', 'converters');
    expect(findConvertersDir({ resourcesPath: undefined })).toBe(development);
    expect(findConvertersDir({ start: join(repo, 'out', 'main'), resourcesPath: undefined })).toBe(
      development,
    );
    const dir = await mkdtemp(join(tmpdir(), 'mlw-converters-'));
    try {
      const packaged = join(dir, PACKAGED_CONVERTERS_FOLDER);
      // A folder without the scripts' marker is not taken for them.
      expect(findConvertersDir({ start: join(dir, 'app'), resourcesPath: dir })).toBeUndefined();
      await mkdir(packaged);
      await writeFile(join(packaged, 'environment.py'), '');
      expect(findConvertersDir({ start: join(dir, 'app'), resourcesPath: dir })).toBe(packaged);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
