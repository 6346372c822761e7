import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileSchema } from '../../shared/contract/datasets.js';
import { runMlw } from './testing/runMlw.js';

let dir: string;
let workspace: string;

const mlw = (...argv: string[]) => runMlw(workspace, argv);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-cli-'));
  workspace = join(dir, 'ws');
  const rows = Array.from(
    { length: 200 },
    (_, i) => `${i},${(i % 17) * 1.5},${i % 4 === 0 ? '' : 'group' + (i % 3)}`,
  );
  await writeFile(join(dir, 'measurements.csv'), `id,value,group\n${rows.join('\n')}\n`);
  await writeFile(join(dir, 'empty.csv'), '');
  await writeFile(join(dir, 'broken.csv'), 'name,score\n"Ann",1\n"Bob, Jr",2\n"Cy,3\n"Di",4\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mlw', () => {
  it('data profile FILE --json prints a Profile that matches the contract', async () => {
    const { code, stdout, stderr } = await mlw('data', 'profile', join(dir, 'measurements.csv'), '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const profile = profileSchema.parse(JSON.parse(stdout));
    expect(profile.rows).toBe(200);
    expect(profile.columns.map((c) => [c.name, c.kind, c.missing])).toEqual([
      ['id', 'numeric', 0],
      ['value', 'numeric', 0],
      ['group', 'categorical', 50],
    ]);
    expect(await readdir(join(workspace, 'datasets'))).toEqual([]);
  });

  it('data profile prints a readable table without --json', async () => {
    const { code, stdout } = await mlw('data', 'profile', join(dir, 'measurements.csv'));
    expect(code).toBe(0);
    expect(stdout).toContain('200 rows x 3 columns');
    expect(stdout).toMatch(/group\s+VARCHAR\s+categorical\s+50 \(25\.0%\)/);
  });

  it('data import then data list and data show', async () => {
    const imported = await mlw(
      'data',
      'import',
      join(dir, 'measurements.csv'),
      '--name',
      'Lab measurements',
      '--json',
    );
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ manifest: { slug: 'lab-measurements', rows: 200 } });
    const list = await mlw('data', 'list');
    expect(list.stdout).toMatch(/lab-measurements\s+200\s+3/);
    const show = await mlw('data', 'show', 'lab-measurements', '--json');
    expect(JSON.parse(show.stdout)).toMatchObject({ profile: { rows: 200 } });
  });

  it('exits non-zero with one clear line and a hint for an empty or broken CSV', async () => {
    const empty = await mlw('data', 'import', join(dir, 'empty.csv'));
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^mlw: empty\.csv is empty \(0 bytes\)\.\n {2}hint: .+\n$/);
    const broken = await mlw('data', 'profile', join(dir, 'broken.csv'));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('mlw: Cannot read broken.csv as CSV: line 4 has an unclosed quote');
    expect(broken.stderr).not.toMatch(/\n\s+at /);
    const verbose = await mlw('data', 'profile', join(dir, 'broken.csv'), '--verbose');
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });

  it('prints a typed error as JSON on stdout with --json', async () => {
    const missing = await mlw('data', 'show', 'no-such-set', '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toEqual({
      error: expect.objectContaining({ code: 'NOT_FOUND' }) as unknown,
    });
  });

  it('treats invalid input and unknown commands as usage errors (exit 2)', async () => {
    expect((await mlw('data', 'show', 'Not A Slug')).code).toBe(2);
    const unknown = await mlw('data', 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });

  it('engine reports an unreachable engine with a hint and exit 1', async () => {
    const { code, stdout } = await mlw(
      '--docker-host',
      'unix:///nonexistent/docker.sock',
      'engine',
      '--json',
    );
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ reachable: false, error: { code: 'DOCKER_UNREACHABLE' } });
  });
});
