import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetManifestSchema } from '../../shared/contract/datasets.js';
import { driftReportSchema } from '../../shared/contract/drift.js';
import { parseShift } from './driftSimulateCommands.js';
import { runMlw } from './testing/runMlw.js';

let dir: string;
const mlw = (...argv: string[]) => runMlw(join(dir, 'ws'), argv);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-drift-simulate-'));
  const rows = Array.from({ length: 600 }, (_, i) => `${i},${(i * 37) % 100},${['a', 'b', 'c'][i % 3]}`);
  await writeFile(join(dir, 'base.csv'), `id,value,group\n${rows.join('\n')}\n`);
  const imported = await mlw('data', 'import', join(dir, 'base.csv'), '--name', 'base');
  expect(imported.code, imported.stderr).toBe(0);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mlw drift simulate', () => {
  it('has its own help, and a first argument that is no subcommand still reaches `mlw drift BASELINE CURRENT`', async () => {
    const help = await mlw('drift', 'simulate', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: mlw drift simulate [options] <source>');
    expect(help.stdout).toContain('--shift <kind:col=value>');
    const group = await mlw('drift', '--help');
    expect(group.stdout).toMatch(/simulate \[options\] <source>/);
    expect(group.stdout).toMatch(/replay \[options\] <dataset> <deployment>/);
    const compared = await mlw('drift', 'nosuch-a', 'nosuch-b');
    expect(compared.code).toBe(1);
    expect(compared.stderr).toContain('There is no data set "nosuch-a"');
  }, 30_000);

  it('makes a shifted data set that `mlw drift` then finds drifted, column by column', async () => {
    const made = await mlw(
      '--json',
      'drift',
      'simulate',
      'base',
      '--name',
      'shifted',
      '--shift',
      'mean:value=2',
      '--shift',
      'categories:group=a:0.8,b:0.1,c:0.1',
      '--seed',
      '3',
    );
    expect(made.code, made.stderr).toBe(0);
    const { manifest } = JSON.parse(made.stdout) as { manifest: unknown };
    expect(datasetManifestSchema.parse(manifest)).toMatchObject({
      slug: 'shifted',
      name: 'shifted',
      rows: 600,
    });
    const text = await mlw('drift', 'simulate', 'base', '--name', 'shifted', '--shift', 'missing:id=0.5');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Simulated shifted (shifted-2) from base: 600 rows x 3 columns');
    expect(text.stdout).toContain('compare  mlw drift base shifted-2');

    const compared = await mlw('--json', 'drift', 'base', 'shifted');
    expect(compared.code, compared.stderr).toBe(0);
    const report = driftReportSchema.parse(JSON.parse(compared.stdout));
    const verdict = Object.fromEntries(report.columns.map((c) => [c.column, c.drift]));
    expect(verdict).toEqual({ id: false, value: true, group: true });
  }, 60_000);

  it('shifts gradually over day windows from --start, which `mlw drift --window day` sees grow', async () => {
    const made = await mlw(
      '--json',
      'drift',
      'simulate',
      'base',
      '--name',
      'gradual',
      '--shift',
      'mean:value=3',
      '--rows',
      '2000',
      '--gradual',
      '4',
      '--every',
      'day',
      '--start',
      '2026-11-01T00:00:00Z',
    );
    expect(made.code, made.stderr).toBe(0);
    const compared = await mlw(
      '--json',
      'drift',
      'base',
      'gradual',
      '--window',
      'day',
      '--time-column',
      'ts',
      '--ignore',
      'id',
    );
    expect(compared.code, compared.stderr).toBe(0);
    const report = driftReportSchema.parse(JSON.parse(compared.stdout));
    expect(report.windows?.map((w) => [w.start.slice(0, 10), w.rows])).toEqual([
      ['2026-11-01', 500],
      ['2026-11-02', 500],
      ['2026-11-03', 500],
      ['2026-11-04', 500],
    ]);
    // Window 0 is the source resampled; the last is moved by 3 standard deviations.
    const value = report.windows?.map((w) => w.columns.value?.drift);
    expect(value?.[0]).toBe(false);
    expect(value?.[3]).toBe(true);
  }, 60_000);

  it('refuses bad shifts and flags with exit code 2, saying what to write instead', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--shift', 'mean:nope=1'],
        /base has no column nope \(in mean:nope=1\)[\s\S]*Its columns: id, value, group/,
      ],
      [['--shift', 'shove:value=1'], /--shift shove:value=1 is not KIND:COLUMN=VALUE[\s\S]*mean:age=1.5/],
      [['--shift', 'mean:group=1'], /column group of base is VARCHAR, not numbers/],
      [
        ['--shift', 'categories:value=1:1'],
        /value of base is BIGINT with 100 distinct values, a measurement/,
      ],
      [['--shift', 'categories:group=a:0,b:0'], /the weights for group sum to 0/],
      [['--shift', 'categories:group=a'], /"a" is not VALUE:WEIGHT/],
      [['--shift', 'missing:value=lots'], /"lots" is not a number/],
      [
        ['--shift', 'missing:value=0.1', '--every', 'day'],
        /--every and --start set the windows of a gradual shift/,
      ],
      [[], /needs at least one --shift/],
    ];
    for (const [flags, message] of cases) {
      const result = await mlw('drift', 'simulate', 'base', '--name', 'bad', ...flags);
      expect(result.code, flags.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    const listed = await mlw('--json', 'data', 'list');
    expect((JSON.parse(listed.stdout) as { slug: string }[]).map((d) => d.slug)).not.toContain('bad');
  }, 60_000);

  it('parses category weights whose values hold colons, up to the last one', () => {
    expect(parseShift('categories:time=09:00:0.5,17:30:0.5')).toEqual({
      kind: 'categories',
      column: 'time',
      weights: { '09:00': 0.5, '17:30': 0.5 },
    });
  });
});
