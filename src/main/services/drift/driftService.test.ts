import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftReport, DriftRunRequest, DriftSide } from '../../../shared/contract/drift.js';
import { driftSettingsSchema, suggestConstraintsRequestSchema } from '../../../shared/contract/drift.js';
import { isWorkbenchError } from '../../../shared/contract/errors.js';
import { createDatasetService, type DatasetService } from '../datasets/index.js';
import { createDataEngine, type DataEngine } from '../duckdb/index.js';
import { createJobService, type JobService } from '../jobs/index.js';
import { openWorkspace, type Workspace } from '../workspace/index.js';
import { createDriftService, type DriftService } from './driftService.js';

let dir: string;
let workspace: Workspace;
let jobs: JobService;
let engine: DataEngine;
let datasets: DatasetService;
let drift: DriftService;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-drift-'));
  workspace = await openWorkspace(join(dir, 'ws'));
  jobs = createJobService();
  engine = await createDataEngine();
  datasets = createDatasetService({ workspace, jobs, duckdb: engine.service });
  drift = createDriftService({
    workspace,
    jobs,
    duckdb: engine.service,
    datasets,
    workbenchVersion: '0.0.0-test',
    now: () => new Date('2026-12-07T12:00:00Z'),
  });
});

afterAll(async () => {
  await jobs.dispose();
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

/** A seeded normal generator (mulberry32 + Box-Muller), so the files are the same on every run. */
function normals(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

interface TableSpec {
  rows: number;
  seed: number;
  shift?: number;
  mix?: [number, number, number];
}

/** income (numeric), segment (3 categories), churned (binary), tenure (numeric, unchanged). */
async function csv(name: string, spec: TableSpec): Promise<string> {
  const random = normals(spec.seed);
  const [pa, pb] = spec.mix ?? [0.5, 0.3, 0.2];
  const lines = ['income,segment,churned,tenure'];
  for (let i = 0; i < spec.rows; i++) {
    const u = (random() + 4) / 8;
    const segment = u < pa ? 'a' : u < pa + pb ? 'b' : 'c';
    lines.push(
      [
        (50 + 10 * (random() + (spec.shift ?? 0))).toFixed(4),
        segment,
        random() > 0.5 ? 1 : 0,
        (24 + 6 * random()).toFixed(3),
      ].join(','),
    );
  }
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

const file = (path: string): DriftSide => ({ kind: 'file', path });

async function run(request: Partial<DriftRunRequest> & Pick<DriftRunRequest, 'baseline' | 'current'>) {
  const job = await jobs.wait(drift.run({ settings: driftSettingsSchema.parse({}), ...request }).id);
  if (job.status !== 'succeeded') throw Object.assign(new Error(job.error?.message), { job });
  return job.result as DriftReport;
}

async function failure(request: Pick<DriftRunRequest, 'baseline' | 'current'>) {
  const job = await jobs.wait(drift.run({ settings: driftSettingsSchema.parse({}), ...request }).id);
  expect(job.status).toBe('failed');
  return job.error;
}

describe('drift reports against real DuckDB', () => {
  it('flags the shifted columns of a large baseline with normed Wasserstein and Jensen-Shannon, drifted first', async () => {
    const baseline = await csv('base.csv', { rows: 3000, seed: 1 });
    const current = await csv('shifted.csv', { rows: 2000, seed: 2, shift: 1, mix: [0.2, 0.3, 0.5] });
    const report = await run({ baseline: file(baseline), current: file(current), id: 'shifted' });

    const byName = Object.fromEntries(report.columns.map((c) => [c.column, c]));
    expect(
      report.columns
        .map((c) => c.column)
        .slice(0, 2)
        .sort(),
    ).toEqual(['income', 'segment']);
    expect(byName.income).toMatchObject({
      kind: 'numeric',
      test: 'wasserstein',
      threshold: 0.1,
      drift: true,
    });
    expect(byName.income?.pValue).toBeNull();
    expect(byName.income?.statistic).toBeGreaterThan(0.8);
    expect(byName.segment).toMatchObject({ kind: 'categorical', test: 'jensenshannon', drift: true });
    expect(byName.churned).toMatchObject({ kind: 'binary', kindSource: 'few-values', drift: false });
    expect(byName.tenure).toMatchObject({ kind: 'numeric', drift: false });
    expect(report.dataset).toEqual({ compared: 4, drifted: 2, share: 0.5, threshold: 0.5, drift: true });
    expect(report.baseline).toMatchObject({ rows: 3000, label: baseline });
    expect(report.baseline.sha256).toMatch(/^[0-9a-f]{64}$/);

    const histogram = byName.income?.histogram;
    expect(histogram?.kind).toBe('bins');
    if (histogram?.kind === 'bins') {
      expect(histogram.baseline.reduce((a, b) => a + b, 0)).toBe(3000);
      expect(histogram.current.reduce((a, b) => a + b, 0)).toBe(2000);
      expect(histogram.edges).toHaveLength(histogram.baseline.length + 1);
    }
    const saved = JSON.parse(
      await readFile(workspace.resolve('drift', 'shifted', 'report.json'), 'utf8'),
    ) as DriftReport;
    expect(saved.columns).toEqual(report.columns);
    await access(workspace.resolve('drift', 'shifted', 'report.html'));
    expect((await drift.list()).map((r) => r.id)).toContain('shifted');
    expect((await drift.get('shifted')).dataset.drift).toBe(true);
  });

  it('uses KS, chi-square and the Z-test with p-values on a baseline of at most 1,000 rows', async () => {
    const baseline = await csv('small-base.csv', { rows: 800, seed: 3 });
    const current = await csv('small-same.csv', { rows: 700, seed: 4 });
    const report = await run({ baseline: file(baseline), current: file(current) });
    const tests = Object.fromEntries(report.columns.map((c) => [c.column, c.test]));
    expect(tests).toEqual({ income: 'ks', segment: 'chisquare', churned: 'z', tenure: 'ks' });
    for (const column of report.columns) {
      expect(column.pValue).toBeGreaterThan(0);
      expect(column.score).toBe(column.pValue);
    }
    expect(report.dataset.drift).toBe(false);
  });

  it('takes per-column and per-kind tests and thresholds from the settings', async () => {
    const baseline = await csv('o-base.csv', { rows: 2000, seed: 5 });
    const current = await csv('o-cur.csv', { rows: 2000, seed: 6, shift: 0.3 });
    const report = await run({
      baseline: file(baseline),
      current: file(current),
      settings: driftSettingsSchema.parse({
        tests: { byColumn: { income: { test: 'psi', threshold: 0.5 } }, byKind: { numeric: { test: 'ks' } } },
        ignore: ['churned'],
      }),
    });
    const income = report.columns.find((c) => c.column === 'income');
    expect(income).toMatchObject({ test: 'psi', testSource: 'column', threshold: 0.5 });
    expect(report.columns.find((c) => c.column === 'tenure')).toMatchObject({
      test: 'ks',
      testSource: 'kind',
    });
    expect(report.columns.map((c) => c.column)).not.toContain('churned');
    expect(report.schemaIssues).toContainEqual({
      column: 'churned',
      problem: 'ignored',
      message: 'churned is ignored by the settings.',
    });
  });

  it('marks what cannot be compared with its reason, and lists missing and extra columns', async () => {
    const baseline = join(dir, 'bad-base.csv');
    const current = join(dir, 'bad-cur.csv');
    const rows = Array.from({ length: 50 }, (_, i) => i);
    await writeFile(
      baseline,
      `id,age,city,gone\n${rows.map((i) => `${i},${20 + (i % 30)},c${i % 4},1`).join('\n')}\n`,
    );
    await writeFile(current, `id,age,city,extra\n${rows.map((i) => `${i},x${i},,${i}`).join('\n')}\n`);
    const report = await run({ baseline: file(baseline), current: file(current) });
    const byName = Object.fromEntries(report.columns.map((c) => [c.column, c]));
    expect(byName.age).toMatchObject({
      drift: null,
      notComputable: 'age is numeric in the baseline (BIGINT) but text in the current data (VARCHAR).',
    });
    expect(byName.city).toMatchObject({
      drift: null,
      notComputable: 'All 50 values of city are missing in the current data.',
    });
    expect(report.schemaIssues).toEqual(
      expect.arrayContaining([
        {
          column: 'gone',
          problem: 'missing-in-current',
          message: 'gone is in the baseline but not in the current data.',
        },
        {
          column: 'extra',
          problem: 'extra-in-current',
          message: 'extra is in the current data but not in the baseline.',
        },
      ]),
    );
    expect(report.dataset.compared).toBe(1);
  });

  it('compares a column of a single distinct value without a NaN: as a category, or normed by the floor', async () => {
    const baseline = join(dir, 'constant-base.csv');
    const current = join(dir, 'constant-cur.csv');
    const rows = Array.from({ length: 2000 }, (_, i) => i);
    await writeFile(baseline, `same,flat\n${rows.map(() => '7,3.5').join('\n')}\n`);
    await writeFile(current, `same,flat\n${rows.map((i) => `7,${3.5 + (i % 10) / 100}`).join('\n')}\n`);
    const report = await run({ baseline: file(baseline), current: file(current) });
    const byName = Object.fromEntries(report.columns.map((c) => [c.column, c]));
    // One value on both sides: a category (at most 5 distinct), the same on both sides.
    expect(byName.same).toMatchObject({ kind: 'binary', kindSource: 'few-values', score: 0, drift: false });
    // One value in the baseline (std 0): Wasserstein is normed by Evidently's floor of 0.001, not by 0.
    expect(byName.flat).toMatchObject({
      kind: 'numeric',
      test: 'wasserstein',
      drift: true,
      notComputable: null,
    });
    expect(byName.flat?.score).toBeCloseTo(0.045 / 0.001, 6);
    expect(byName.flat?.baseline).toMatchObject({ distinct: 1, std: 0, min: 3.5, max: 3.5 });
  });

  it('refuses an empty side and an unreadable file with what to do', async () => {
    const baseline = await csv('e-base.csv', { rows: 100, seed: 7 });
    const empty = join(dir, 'empty.csv');
    await writeFile(empty, 'income,segment,churned,tenure\n');
    const error = await failure({ baseline: file(baseline), current: file(empty) });
    expect(error?.code).toBe('DATASET_EMPTY');
    const missing = await failure({ baseline: file(baseline), current: file(join(dir, 'nope.csv')) });
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: 'Cannot read nope.csv: no such file.' });
  });

  it('compares captured requests by position with the baseline columns, hour by hour, naming the first drifted hour', async () => {
    const baseline = join(dir, 'cap-base.csv');
    const random = normals(9);
    await writeFile(
      baseline,
      `f1,f2,label\n${Array.from({ length: 600 }, () => `${random().toFixed(4)},${(5 + random()).toFixed(4)},1`).join('\n')}\n`,
    );
    const folder = workspace.resolve('captures', 'churn');
    await mkdir(folder, { recursive: true });
    const lines: string[] = [];
    for (let hour = 0; hour < 3; hour++)
      for (let i = 0; i < 200; i++) {
        const ts = new Date(Date.UTC(2026, 11, 7, 9 + hour, 0, i)).toISOString();
        const f1 = random() + (hour === 2 ? 2 : 0);
        lines.push(
          JSON.stringify({
            ts,
            requestId: `r${hour}-${i}`,
            model: 'churn',
            version: 1,
            route: '/predict',
            inputs: { input: [f1, 5 + random()] },
            outputs: { label: [1] },
          }),
        );
      }
    await writeFile(join(folder, '2026-12-07.jsonl'), `${lines.join('\n')}\n`);
    const report = await run({
      baseline: file(baseline),
      current: { kind: 'captures', deployment: 'churn' },
      settings: driftSettingsSchema.parse({ window: 'hour', label: 'label' }),
    });
    expect(report.columns.map((c) => [c.column, c.currentColumn])).toEqual(
      expect.arrayContaining([
        ['f1', 'input[0]'],
        ['f2', 'input[1]'],
      ]),
    );
    expect(report.current.rows).toBe(600);
    expect(report.windows?.map((w) => [w.start, w.rows, w.columns.f1?.drift])).toEqual([
      ['2026-12-07T09:00:00.000Z', 200, false],
      ['2026-12-07T10:00:00.000Z', 200, false],
      ['2026-12-07T11:00:00.000Z', 200, true],
    ]);
    expect(report.windows?.[2]?.end).toBe('2026-12-07T12:00:00.000Z');

    const windowed = await run({
      baseline: file(baseline),
      current: { kind: 'captures', deployment: 'churn', from: '2026-12-07T11:00:00Z' },
      settings: driftSettingsSchema.parse({ label: 'label' }),
    });
    expect(windowed.current.rows).toBe(200);
    expect(windowed.columns.find((c) => c.column === 'f1')?.drift).toBe(true);

    // Captures as the baseline: their capture time is no feature to constrain.
    const suggested = await drift.suggestConstraints(
      suggestConstraintsRequestSchema.parse({ baseline: { kind: 'captures', deployment: 'churn' } }),
    );
    expect(suggested.columns.map((c) => c.column).sort()).toEqual(['input[0]', 'input[1]']);
  });

  it('says when a deployment has no captures', async () => {
    const baseline = await csv('c-base.csv', { rows: 50, seed: 8 });
    const error = await failure({
      baseline: file(baseline),
      current: { kind: 'captures', deployment: 'never-ran' },
    });
    expect(error).toMatchObject({
      code: 'DATASET_EMPTY',
      message: 'There are no captures of never-ran: captures/never-ran/ has no capture files.',
    });
  });

  it('hands out the saved report.html for a download, written again from report.json when it is gone', async () => {
    const baseline = await csv('h-base.csv', { rows: 50, seed: 11 });
    await run({ baseline: file(baseline), current: file(baseline), id: 'as-html' });
    const saved = await readFile(workspace.resolve('drift', 'as-html', 'report.html'), 'utf8');
    expect(await drift.reportHtml('as-html')).toEqual({ fileName: 'drift-as-html.html', html: saved });
    await rm(workspace.resolve('drift', 'as-html', 'report.html'));
    const again = await drift.reportHtml('as-html');
    expect(again.html).toMatch(/^<!doctype html>/i);
    expect(await readFile(workspace.resolve('drift', 'as-html', 'report.html'), 'utf8')).toBe(again.html);
    await expect(drift.reportHtml('no-such-report')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('moves a report to the trash and then says it is gone', async () => {
    const baseline = await csv('t-base.csv', { rows: 50, seed: 10 });
    await run({ baseline: file(baseline), current: file(baseline), id: 'to-trash' });
    const { trashedTo } = await drift.remove('to-trash');
    expect(trashedTo).toMatch(/^drift\/\.trash\/to-trash\./);
    await expect(drift.get('to-trash')).rejects.toSatisfy(
      (error: unknown) => isWorkbenchError(error) && error.code === 'NOT_FOUND',
    );
  });
});

describe('a category the baseline never had', () => {
  it('drifts under chi-square (an infinite statistic, p = 0) instead of being not computable', async () => {
    const baseline = join(dir, 'cat-base.csv');
    const current = join(dir, 'cat-new.csv');
    await writeFile(
      baseline,
      `color\n${Array.from({ length: 90 }, (_, i) => ['red', 'blue', 'green'][i % 3]).join('\n')}\n`,
    );
    await writeFile(
      current,
      `color\n${Array.from({ length: 90 }, (_, i) => ['red', 'blue', 'violet'][i % 3]).join('\n')}\n`,
    );
    const report = await run({ baseline: file(baseline), current: file(current) });
    expect(report.columns[0]).toMatchObject({
      column: 'color',
      test: 'chisquare',
      statistic: null,
      pValue: 0,
      score: 0,
      drift: true,
      notComputable: null,
    });
  });
});
