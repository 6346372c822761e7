import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { includedFiles } from './includeGlob.js';

describe('the files an Include names', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlw-ssh-include-'));
    for (const folder of ['a.d', 'b.d', '.hidden.d']) await mkdir(join(dir, folder));
    for (const file of [
      'a.d/2.conf',
      'a.d/1.conf',
      'a.d/x.conf',
      'a.d/.dot.conf',
      'b.d/3.conf',
      '.hidden.d/4.conf',
    ])
      await writeFile(join(dir, file), '');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('expands *, ? and classes in any part of the path, in name order, leaving dot files to a dot pattern', () => {
    expect(includedFiles(join(dir, '*.d', '*.conf'))).toEqual(
      ['a.d/1.conf', 'a.d/2.conf', 'a.d/x.conf', 'b.d/3.conf'].map((file) => join(dir, file)),
    );
    expect(includedFiles(join(dir, 'a.d', '?.conf'))).toHaveLength(3);
    expect(includedFiles(join(dir, 'a.d', '[0-9].conf'))).toEqual([
      join(dir, 'a.d/1.conf'),
      join(dir, 'a.d/2.conf'),
    ]);
    expect(includedFiles(join(dir, 'a.d', '[!0-9].conf'))).toEqual([join(dir, 'a.d/x.conf')]);
    expect(includedFiles(join(dir, '.*.d', '*'))).toEqual([join(dir, '.hidden.d/4.conf')]);
    expect(includedFiles(join(dir, 'a.d', '.*'))).toEqual([join(dir, 'a.d/.dot.conf')]);
  });

  it('gives a path without wildcards as it is, and nothing where a wildcard finds nothing', () => {
    expect(includedFiles(join(dir, 'missing.conf'))).toEqual([join(dir, 'missing.conf')]);
    expect(includedFiles(join(dir, 'nowhere', '*.conf'))).toEqual([]);
  });
});
