import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftReportSchema } from '../../shared/contract/drift.js';
import { DRIFT_EXIT_CODE, parseSide } from './driftCommands.js';
import { runMlw } from './testing/runMlw.js';

let dir: string;
let workspace: string;
let baseline: string;
let same: string;
let shifted: string;

const mlw = (...argv: string[]) => runMlw(workspace, argv);

/** 1,200 rows of x (0..99 spread evenly), grade (a/b/c) and flag (0/1), x moved by `shift`. */
async function table(name: string, shift: number, grades: string): Promise<string> {
  const lines = ['x,grade,flag'];
  for (let i = 0; i < 1200; i++)
    lines.push(`${((i * 37) % 100) + shift},${grades[i % grades.length] ?? 'a'},${i % 2}`);
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-cli-drift-'));
  workspace = join(dir, 'ws');
  baseline = await table('baseline.csv', 0, 'abc');
  same = await table('same.csv', 0, 'abc');
  shifted = await table('shifted.csv', 30, 'aac');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mlw drift', () => {
  it('prints one JSON record per column with its test, statistic, p-value, threshold and drift flag', async () => {
    const { code, stdout } = await mlw('--json', 'drift', baseline, shifted, '--id', 'json-run');
    expect(code).toBe(0);
    const report = driftReportSchema.parse(JSON.parse(stdout));
    expect(report.columns.map((c) => [c.column, c.test, c.drift])).toEqual([
      ['x', 'wasserstein', true],
      ['grade', 'jensenshannon', true],
      ['flag', 'jensenshannon', false],
    ]);
    for (const column of report.columns) {
      expect(column.pValue).toBeNull();
      expect(column.threshold).toBe(0.1);
      expect(typeof column.statistic).toBe('number');
    }
    const saved = JSON.parse(
      await readFile(join(workspace, 'drift', 'json-run', 'report.json'), 'utf8'),
    ) as unknown;
    expect(driftReportSchema.parse(saved).columns).toEqual(report.columns);
  });

  it('gates CI: --fail-on-drift exits 3 on drift and 0 without', async () => {
    const drifted = await mlw('drift', baseline, shifted, '--fail-on-drift');
    expect(drifted.code).toBe(DRIFT_EXIT_CODE);
    expect(drifted.stdout).toContain('DRIFT: 2 of 3 columns drifted (share 0.6667 ≥ 0.5)');
    const calm = await mlw('drift', baseline, same, '--fail-on-drift');
    expect(calm.code).toBe(0);
    expect(calm.stdout).toContain('No drift: 0 of 3 columns drifted');
  });

  it('takes a test and threshold per column and per kind, and the share, and writes the HTML where asked', async () => {
    const html = join(dir, 'out.html');
    const { code, stdout } = await mlw(
      '--json',
      'drift',
      baseline,
      shifted,
      '--test',
      'x=ks',
      '--threshold',
      'grade=0.9',
      '--kind-test',
      'binary=z:0.01',
      '--share',
      '0.9',
      '--html',
      html,
    );
    expect(code).toBe(0);
    const report = driftReportSchema.parse(JSON.parse(stdout));
    const byName = Object.fromEntries(report.columns.map((c) => [c.column, c]));
    expect(byName.x).toMatchObject({ test: 'ks', testSource: 'column', drift: true });
    expect(byName.x?.pValue).toBeLessThan(1e-10);
    expect(byName.grade).toMatchObject({ test: 'jensenshannon', threshold: 0.9, drift: false });
    expect(byName.flag).toMatchObject({ test: 'z', testSource: 'kind', threshold: 0.01 });
    expect(report.dataset).toMatchObject({ drifted: 1, threshold: 0.9, drift: false });
    expect((await stat(html)).size).toBeGreaterThan(500);
  });

  it('refuses unknown tests, kinds and malformed pairs with the choices', async () => {
    const test = await mlw('drift', baseline, shifted, '--test', 'x=magic');
    expect(test.code).toBe(2);
    expect(test.stderr).toContain('mlw: --test: "magic" is not a drift test.');
    expect(test.stderr).toContain('hint: Use one of: ks, chisquare, z, wasserstein');
    const pair = await mlw('drift', baseline, shifted, '--threshold', 'x');
    expect(pair.stderr).toContain('mlw: --threshold x is not NAME=VALUE.');
    const kind = await mlw('drift', baseline, shifted, '--kind', 'x=ordinal');
    expect(kind.stderr).toContain('mlw: "ordinal" is not a column kind.');
    const none = await mlw('drift');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('mlw drift needs a baseline and the current data to compare with it.');
  });

  it('lists and shows saved reports', async () => {
    const list = await mlw('drift', 'list');
    expect(list.stdout).toContain('json-run');
    const show = await mlw('drift', 'show', 'json-run');
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('DRIFT: 2 of 3 columns drifted');
  });

  it('reads a side as captures, a data set or a file', () => {
    expect(parseSide('captures:churn')).toEqual({ kind: 'captures', deployment: 'churn' });
    expect(parseSide('captures:churn@2026-12-01T00:00:00Z..')).toEqual({
      kind: 'captures',
      deployment: 'churn',
      from: '2026-12-01T00:00:00Z',
    });
    expect(parseSide('dataset:iris')).toEqual({ kind: 'dataset', slug: 'iris' });
    expect(parseSide('iris')).toEqual({ kind: 'dataset', slug: 'iris' });
    expect(parseSide(baseline)).toEqual({ kind: 'file', path: baseline });
  });
});
