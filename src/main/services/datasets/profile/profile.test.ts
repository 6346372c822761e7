import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileSchema, type ColumnProfile, type Profile } from '../../../../shared/contract/profile.js';
import { createDataEngine, type DataEngine, sqlString, type DuckDb } from '../../duckdb/index.js';
import { profileInPlace } from './profileInPlace.js';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../../../../..');
/** Debian's Python with python3-pandas and python3-scipy (not the pyenv python3 first on PATH). */
const PYTHON = '/usr/bin/python3';

let dir: string;
let engine: DataEngine;
let duckdb: DuckDb;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-profile-'));
  engine = await createDataEngine({ tempDirectory: join(dir, 'duckdb') });
  duckdb = engine.service;
});

afterAll(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

async function profileCsv(path: string): Promise<Profile> {
  return profileInPlace(
    duckdb,
    { relationSql: `read_csv(${sqlString(path)})` },
    join(dir, 'scratch', crypto.randomUUID()),
    {},
  );
}

async function csv(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

function column(profile: Profile, name: string): ColumnProfile {
  const found = profile.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

/** Relative closeness for statistics computed in a different order of floating-point operations. */
function expectClose(
  actual: number | null | undefined,
  expected: number | null | undefined,
  label: string,
): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, label).toBeNull();
    return;
  }
  expect(actual, label).not.toBeNull();
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  expect(
    Math.abs((actual ?? Number.NaN) - expected),
    `${label}: ${actual} vs ${expected}`,
  ).toBeLessThanOrEqual(tolerance);
}

interface PandasColumn {
  count: number;
  missing: number;
  distinct: number;
  [stat: string]: unknown;
}
interface PandasStats {
  rows: number;
  columns: Record<string, PandasColumn>;
  pearson: { columns: string[]; values: (number | null)[][] };
  spearman: { columns: string[]; values: (number | null)[][] };
  cramersV: Record<string, number>;
  duplicates: number;
  missingPatterns: { columns: string[]; count: number }[];
}

describe('profile numbers against an independent pandas/SciPy computation', () => {
  let profile: Profile;
  let pandas: PandasStats;

  beforeAll(async () => {
    const path = join(dir, 'wide.csv');
    await run(process.execPath, [join(repo, 'bench/generate-csv.mjs'), '--rows', '20000', '--out', path]);
    profile = await profileCsv(path);
    const { stdout } = await run(PYTHON, [join(repo, 'bench/profile_pandas.py'), path], {
      maxBuffer: 64 * 1024 * 1024,
    });
    pandas = JSON.parse(stdout) as PandasStats;
  });

  it('matches counts, missing, exact distinct and the overview', () => {
    expect(profile.rows).toBe(pandas.rows);
    for (const [name, expected] of Object.entries(pandas.columns)) {
      const actual = column(profile, name);
      expect([name, actual.count, actual.missing, actual.distinct]).toEqual([
        name,
        expected.count,
        expected.missing,
        expected.distinct,
      ]);
    }
    expect(profile.overview.duplicateRows).toBe(pandas.duplicates);
  });

  it('matches every numeric statistic, bias-corrected skewness/kurtosis and histograms', () => {
    const stats = [
      'mean',
      'std',
      'min',
      'max',
      'p5',
      'p25',
      'p50',
      'p75',
      'p95',
      'skewness',
      'kurtosis',
    ] as const;
    for (const [name, expected] of Object.entries(pandas.columns)) {
      const numeric = column(profile, name).numeric;
      if (!('mean' in expected)) continue;
      expect(numeric, name).toBeDefined();
      for (const stat of stats)
        expectClose(numeric?.[stat], expected[stat] as number | null, `${name}.${stat}`);
      expect([numeric?.zeros, numeric?.negatives, numeric?.infinities]).toEqual([
        expected.zeros,
        expected.negatives,
        expected.infinities,
      ]);
      const counts = numeric?.histogram?.counts ?? [];
      const reference = expected.histogram as number[];
      expect(
        counts.reduce((a, b) => a + b, 0),
        `${name} histogram total`,
      ).toBe(expected.count);
      // Bucket edges are computed with different floating-point steps: a value on an edge may land
      // in the neighbouring bin, so each bin may differ by a handful of values.
      counts.forEach((n, i) =>
        expect(Math.abs(n - (reference[i] ?? 0)), `${name} bin ${i}`).toBeLessThanOrEqual(3),
      );
    }
  });

  it('matches top values, string lengths and boolean counts', () => {
    for (const [name, expected] of Object.entries(pandas.columns)) {
      const actual = column(profile, name);
      if ('top' in expected) {
        const top = expected.top as [string, number][];
        // Ties may be ordered differently; the counts in rank order must be identical.
        expect(
          actual.text?.topValues.map((v) => v.count),
          name,
        ).toEqual(top.map(([, n]) => n));
        expect(actual.text?.lengthMin).toBe(expected.lengthMin);
        expect(actual.text?.lengthMax).toBe(expected.lengthMax);
        expectClose(actual.text?.lengthMean, expected.lengthMean as number, `${name}.lengthMean`);
      }
      if ('trueCount' in expected)
        expect([actual.boolean?.trueCount, actual.boolean?.falseCount]).toEqual([
          expected.trueCount,
          expected.falseCount,
        ]);
    }
  });

  it('matches Pearson exactly, Spearman closely and Cramér’s V', () => {
    const { pearson, spearman } = profile.correlations;
    pandas.pearson.columns.forEach((a, i) =>
      pandas.pearson.columns.forEach((b, j) => {
        const ours = pearson.values[pearson.columns.indexOf(a)]?.[pearson.columns.indexOf(b)];
        expect(
          Math.abs((ours ?? 0) - (pandas.pearson.values[i]?.[j] ?? 0)),
          `pearson ${a},${b}`,
        ).toBeLessThan(1e-9);
        // pandas ranks each pair over its complete rows; we rank each column over its own values:
        // identical without missing values, within 0.01 with this file's 1-20% missing.
        const rho = spearman.values[spearman.columns.indexOf(a)]?.[spearman.columns.indexOf(b)];
        expect(
          Math.abs((rho ?? 0) - (pandas.spearman.values[i]?.[j] ?? 0)),
          `spearman ${a},${b}`,
        ).toBeLessThan(0.01);
      }),
    );
    const { cramersV } = profile.correlations;
    for (const [pair, expected] of Object.entries(pandas.cramersV)) {
      const [a = '', b = ''] = pair.split(',');
      const ours = cramersV.values[cramersV.columns.indexOf(a)]?.[cramersV.columns.indexOf(b)];
      expectClose(ours, expected, `cramersV ${pair}`);
    }
  });

  it('matches the most frequent missingness patterns', () => {
    const key = (p: { columns: string[]; count: number }): string =>
      `${[...p.columns].sort().join('+')}=${p.count}`;
    expect(profile.missingPatterns.map(key)).toEqual(pandas.missingPatterns.map(key));
  });
});

describe('alerts and lint findings on hand-made files', () => {
  it('flags all-missing, constant, infinite, unique, correlated and unnamed columns, and CR/LF fields', async () => {
    const lines = ['"",empty,constant,ratio,id,x,y,note'];
    for (let i = 0; i < 60; i += 1) {
      const ratio = i === 3 ? 'inf' : i === 4 ? '-inf' : (i / 7).toFixed(3);
      const note = i === 5 ? '"two\r\nlines"' : `n${i % 3}`;
      lines.push(`${i},,same,${ratio},${1000 + i},${i},${2 * i + (i % 2)},${note}`);
    }
    const profile = await profileCsv(await csv('edges.csv', `${lines.join('\n')}\n`));
    const alerts = profile.alerts.map((a) => `${a.type}:${a.columns.join('+')}`);
    expect(alerts).toEqual(
      expect.arrayContaining([
        'all_missing:empty',
        'constant:constant',
        'infinite:ratio',
        'unique:id',
        'high_correlation:x+y',
      ]),
    );
    expect(column(profile, 'ratio').numeric?.infinities).toBe(2);
    expect(column(profile, 'ratio').numeric?.max).toBeCloseTo(59 / 7, 2);
    const lint = profile.lint.map((f) => `${f.type}:${f.columns.join('+')}`);
    expect(lint).toEqual(
      expect.arrayContaining(['empty_column:empty', 'unnamed_column:column0', 'embedded_newlines:note']),
    );
    const newline = profile.lint.find((f) => f.type === 'embedded_newlines');
    expect(newline?.examples).toEqual(['two␍␊lines']);
  });

  it('counts duplicate rows and flags a column mixing numbers and text', async () => {
    const lines = ['code,group'];
    for (let i = 0; i < 40; i += 1) lines.push(`${i % 2 === 0 ? i : `c${i}`},g${i % 4}`);
    lines.push('0,g0', '0,g0');
    const profile = await profileCsv(await csv('dupes.csv', `${lines.join('\n')}\n`));
    expect(profile.overview.duplicateRows).toBe(2);
    expect(profile.alerts.map((a) => a.type)).toContain('duplicates');
    expect(profile.lint.find((f) => f.type === 'mixed_types')?.columns).toEqual(['code']);
  });
});

describe('top values', () => {
  it('keeps the ten most frequent, breaks ties at the tenth place by value, and never counts missing', async () => {
    // a..c appear 5, 4, 3 times; twelve values tie at 2; 30 cells are missing (more than any value).
    const counts: [string, number][] = [
      ['a', 5],
      ['b', 4],
      ['c', 3],
    ];
    for (const letter of 'zyxwvutsrqpo') counts.push([letter, 2]);
    const values = counts.flatMap(([value, n]) => Array.from({ length: n }, () => value));
    const lines = ['kind', ...values, ...Array.from({ length: 30 }, () => '')];
    const profile = await profileCsv(await csv('ties.csv', `${lines.join('\n')}\n`));

    expect(column(profile, 'kind').text?.topValues).toEqual([
      { value: 'a', count: 5 },
      { value: 'b', count: 4 },
      { value: 'c', count: 3 },
      ...['o', 'p', 'q', 'r', 's', 't', 'u'].map((value) => ({ value, count: 2 })),
    ]);
  });
});

describe('top values of a column with more distinct values than the grouped scan takes', () => {
  it('counts them in a scan of their own, with the same order and ties', async () => {
    // 110,000 distinct codes, then a few repeated ones; plus a small categorical beside it.
    const lines = ['code,kind'];
    for (let i = 0; i < 110_000; i += 1) lines.push(`c${i},k${i % 3}`);
    for (const [code, n] of [
      ['dup-a', 5],
      ['dup-c', 3],
      ['dup-b', 3],
    ] as const)
      for (let j = 0; j < n; j += 1) lines.push(`${code},k0`);
    const profile = await profileCsv(await csv('crowded.csv', `${lines.join('\n')}\n`));
    const top = column(profile, 'code').text?.topValues ?? [];
    expect(top.slice(0, 3)).toEqual([
      { value: 'dup-a', count: 5 },
      { value: 'dup-b', count: 3 },
      { value: 'dup-c', count: 3 },
    ]);
    expect(top).toHaveLength(10);
    expect(top.slice(3).every((v) => v.count === 1)).toBe(true);
    expect(column(profile, 'kind').text?.topValues.map((v) => v.count)).toEqual([36_678, 36_667, 36_666]);
  });
});

describe('wide data sets', () => {
  it('profiles 70 columns with every count consistent (grouped scans past 48 keys)', async () => {
    // 46 numeric and 24 categorical columns, each with some missing cells: 71 grouping keys in all.
    const names = Array.from({ length: 70 }, (_, i) => (i % 3 === 2 ? `cat${i}` : `num${i}`));
    const rows = Array.from({ length: 600 }, (_, r) =>
      names
        .map((name, i) => {
          if ((r + i) % 17 === 0) return '';
          return name.startsWith('cat') ? `v${(r + i) % 5}` : String(((r * 7 + i) % 40) * 0.5);
        })
        .join(','),
    );
    const profile = profileSchema.parse(
      await profileCsv(await csv('wide.csv', `${names.join(',')}\n${rows.join('\n')}\n`)),
    );

    expect(profile.columns).toHaveLength(70);
    for (const c of profile.columns) {
      expect(c.count + c.missing).toBe(600);
      if (c.numeric?.histogram) {
        expect(c.numeric.histogram.counts.reduce((a, b) => a + b, 0)).toBe(c.count);
      }
      if (c.text) {
        const listed = c.text.topValues.reduce((a, v) => a + v.count, 0);
        expect(listed + c.text.otherCount).toBe(c.count);
        expect(c.text.topValues).toHaveLength(5);
      }
    }
  });
});
