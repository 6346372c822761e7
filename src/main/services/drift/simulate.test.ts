import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateRequestSchema, type SimulateRequest } from '../../../shared/contract/drift.js';
import { isWorkbenchError } from '../../../shared/contract/errors.js';
import type { Job } from '../../../shared/contract/jobs.js';
import { createDatasetService, sha256File, type DatasetService } from '../datasets/index.js';
import { createDataEngine, sqlString, type DataEngine } from '../duckdb/index.js';
import { createJobService, type JobService } from '../jobs/index.js';
import { openWorkspace, type Workspace } from '../workspace/index.js';
import { createSimulator, type Simulator } from './simulate.js';

let dir: string;
let workspace: Workspace;
let jobs: JobService;
let engine: DataEngine;
let datasets: DatasetService;
let simulator: Simulator;

const SOURCE_ROWS = 6000;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-simulate-'));
  workspace = await openWorkspace(join(dir, 'ws'));
  jobs = createJobService();
  engine = await createDataEngine();
  datasets = createDatasetService({ workspace, jobs, duckdb: engine.service });
  simulator = createSimulator({
    workspace,
    jobs,
    duckdb: engine.service,
    datasets,
    now: () => new Date('2026-12-07T15:42:10Z'),
  });
  // x: a spread of whole numbers; y: decimals; colour: a 50/30/20 mix; code: 4 values; id: unique text.
  const file = join(dir, 'source.parquet');
  await engine.service.withConnection((session) =>
    session.run(
      `COPY (SELECT (i * 7919) % 1000 AS x, (((i * 104729) % 997) / 10.0)::DECIMAL(8,1) AS y,
               CASE WHEN i % 10 < 5 THEN 'red' WHEN i % 10 < 8 THEN 'green' ELSE 'blue' END AS colour,
               (i % 4)::INTEGER AS code, 'row-' || i AS id
             FROM range(${SOURCE_ROWS}) t(i) ORDER BY i) TO ${sqlString(file)} (FORMAT parquet)`,
    ),
  );
  const imported = await jobs.wait(
    datasets.importFile({ source: { path: file, label: file, temporary: false }, name: 'source' }).id,
  );
  expect(imported.status).toBe('succeeded');
}, 60_000);

afterAll(async () => {
  await jobs.dispose();
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

async function simulate(
  request: Omit<SimulateRequest, 'seed' | 'source'> & { seed?: number },
): Promise<string> {
  const job = await jobs.wait(
    (await simulator.start(simulateRequestSchema.parse({ source: 'source', ...request }))).id,
  );
  expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
  return (job.result as { slug: string }).slug;
}

async function rowsOf(slug: string, sql: string): Promise<Record<string, unknown>[]> {
  const file = workspace.resolve('datasets', slug, 'data.parquet');
  return engine.service.withConnection((session) =>
    session.rows(sql.replaceAll('DATA', `read_parquet(${sqlString(file)})`)),
  );
}

async function refusal(request: Omit<SimulateRequest, 'seed' | 'source' | 'name'>): Promise<string> {
  const error = await simulator
    .start(simulateRequestSchema.parse({ source: 'source', name: 'refused', ...request }))
    .then(
      (job: Job) => job,
      (caught: unknown) => caught,
    );
  if (!isWorkbenchError(error)) throw new Error(`expected a refusal, got ${JSON.stringify(error)}`);
  expect(error.code).toBe('INVALID_INPUT');
  return `${error.message} ${error.hint ?? ''}`;
}

const stats = (slug: string, column: string) =>
  rowsOf(
    slug,
    `SELECT avg("${column}")::DOUBLE AS mean, stddev_samp("${column}")::DOUBLE AS std, count(*) AS rows FROM DATA`,
  ).then(([row]) => row as { mean: number; std: number; rows: string });

describe('drift simulator', () => {
  it('moves a mean by `by` standard deviations and leaves the spread and the rows as they were', async () => {
    const before = await stats('source', 'x');
    const slug = await simulate({ name: 'mean shifted', shifts: [{ kind: 'mean', column: 'x', by: 1.5 }] });
    expect(slug).toBe('mean-shifted');
    const after = await stats(slug, 'x');
    expect(after.mean - before.mean).toBeCloseTo(1.5 * before.std, 6);
    expect(after.std).toBeCloseTo(before.std, 6);
    expect(Number(after.rows)).toBe(SOURCE_ROWS);
    // All rows in order: the untouched columns are the source's, row for row.
    const [same] = await rowsOf(
      slug,
      `SELECT count(*) FILTER (WHERE id = 'row-' || (file_row_number)) AS same FROM read_parquet(${sqlString(workspace.resolve('datasets', slug, 'data.parquet'))}, file_row_number = true)`,
    );
    expect(Number(same?.same)).toBe(SOURCE_ROWS);
    const { manifest, profile } = await datasets.get(slug);
    expect(manifest.name).toBe('mean shifted');
    expect(manifest.columns.map((c) => [c.name, c.type])).toEqual([
      ['x', 'DOUBLE'],
      ['y', 'DECIMAL(8,1)'],
      ['colour', 'VARCHAR'],
      ['code', 'INTEGER'],
      ['id', 'VARCHAR'],
    ]);
    expect(profile.rows).toBe(SOURCE_ROWS);
    const record = JSON.parse(
      await readFile(workspace.resolve('datasets', slug, 'simulation.json'), 'utf8'),
    ) as { source: { slug: string }; request: SimulateRequest };
    expect(record.source.slug).toBe('source');
    expect(record.request.shifts).toEqual([{ kind: 'mean', column: 'x', by: 1.5 }]);
    // The scratch copy went with the import.
    expect(await readdir(workspace.scratch('simulations')).catch(() => [])).toEqual([]);
  }, 60_000);

  it('scales the spread around the mean by `factor`, the mean staying put', async () => {
    const before = await stats('source', 'y');
    const slug = await simulate({ name: 'scaled', shifts: [{ kind: 'scale', column: 'y', factor: 2 }] });
    const after = await stats(slug, 'y');
    expect(after.std / before.std).toBeCloseTo(2, 6);
    expect(after.mean).toBeCloseTo(before.mean, 6);
  }, 60_000);

  it('redraws categories to the weights: shares within 3 standard errors for N rows; unnamed ones vanish, new ones appear', async () => {
    const rows = 20_000;
    const slug = await simulate({
      name: 'mixed',
      rows,
      shifts: [{ kind: 'categories', column: 'colour', weights: { red: 0.7, purple: 0.3, blue: 0 } }],
    });
    const shares: Record<string, number> = Object.fromEntries(
      (
        await rowsOf(slug, `SELECT colour, count(*)::DOUBLE / ${rows} AS share FROM DATA GROUP BY colour`)
      ).map((r) => [String(r.colour), Number(r.share)]),
    );
    expect(Object.keys(shares).sort()).toEqual(['purple', 'red']);
    const se = Math.sqrt((0.7 * 0.3) / rows);
    expect(Math.abs((shares.red ?? 0) - 0.7)).toBeLessThan(3 * se);
    expect(Math.abs((shares.purple ?? 0) - 0.3)).toBeLessThan(3 * se);
    // A few-valued numeric code takes weights too, and keeps its type.
    const coded = await simulate({
      name: 'coded',
      shifts: [{ kind: 'categories', column: 'code', weights: { '3': 1 } }],
    });
    expect(await rowsOf(coded, 'SELECT DISTINCT code FROM DATA')).toEqual([{ code: 3 }]);
    expect((await datasets.get(coded)).manifest.columns.find((c) => c.name === 'code')?.type).toBe('INTEGER');
  }, 60_000);

  it('sets a share of values missing, within 3 standard errors', async () => {
    const slug = await simulate({
      name: 'holes',
      shifts: [{ kind: 'missing', column: 'colour', share: 0.2 }],
    });
    const [row] = await rowsOf(
      slug,
      'SELECT avg((colour IS NULL)::INTEGER)::DOUBLE AS share, count(x) AS xs FROM DATA',
    );
    expect(Math.abs(Number(row?.share) - 0.2)).toBeLessThan(3 * Math.sqrt((0.2 * 0.8) / SOURCE_ROWS));
    expect(Number(row?.xs)).toBe(SOURCE_ROWS);
  }, 60_000);

  it('draws `rows` rows with replacement: the same seed the same file, another seed other rows', async () => {
    const request = { rows: 3000, shifts: [{ kind: 'missing' as const, column: 'y', share: 0.3 }] };
    const a = await simulate({ name: 'seeded', seed: 7, ...request });
    const b = await simulate({ name: 'seeded', seed: 7, ...request });
    const c = await simulate({ name: 'seeded', seed: 8, ...request });
    expect([a, b, c]).toEqual(['seeded', 'seeded-2', 'seeded-3']);
    const hash = (slug: string) => sha256File(workspace.resolve('datasets', slug, 'data.parquet'));
    expect(await hash(a)).toBe(await hash(b));
    expect(await hash(a)).not.toBe(await hash(c));
    const [drawn] = await rowsOf(a, 'SELECT count(*) AS rows, count(DISTINCT id) AS ids FROM DATA');
    expect(Number(drawn?.rows)).toBe(3000);
    // With replacement: 3000 draws from 6000 rows repeat some (about 3000 - 6000(1 - e^-0.5) = 639).
    expect(Number(drawn?.ids)).toBeLessThan(2800);
    expect(Number(drawn?.ids)).toBeGreaterThan(2200);
  }, 60_000);

  it('shifts gradually over timestamped windows: the count, the step, and a strength growing k/(windows-1)', async () => {
    const before = await stats('source', 'x');
    const windows = 5;
    const slug = await simulate({
      name: 'gradual',
      rows: 10_000,
      gradual: { windows, every: 'hour' },
      shifts: [
        { kind: 'mean', column: 'x', by: 2 },
        { kind: 'missing', column: 'colour', share: 0.4 },
      ],
    });
    const perWindow = await rowsOf(
      slug,
      `SELECT date_trunc('hour', ts)::VARCHAR AS hour, min(ts)::VARCHAR AS first, count(*) AS rows,
              avg(x)::DOUBLE AS mean, avg((colour IS NULL)::INTEGER)::DOUBLE AS missing
         FROM DATA GROUP BY 1 ORDER BY 1`,
    );
    // The clock read 15:42:10: the first window starts on the hour.
    expect(perWindow.map((w) => [w.hour, w.first, Number(w.rows)])).toEqual(
      [15, 16, 17, 18, 19].map((hour) => [`2026-12-07 ${hour}:00:00`, `2026-12-07 ${hour}:00:00`, 2000]),
    );
    const [order] = await rowsOf(
      slug,
      'SELECT bool_and(ts >= previous) AS ordered FROM (SELECT ts, lag(ts) OVER () AS previous FROM DATA) WHERE previous IS NOT NULL',
    );
    expect(order?.ordered).toBe(true);
    perWindow.forEach((window, k) => {
      const strength = k / (windows - 1);
      // Each window's mean is a sample mean of 2000 draws: within 4 standard errors of its target.
      expect(Math.abs(Number(window.mean) - (before.mean + 2 * before.std * strength))).toBeLessThan(
        (4 * before.std) / Math.sqrt(2000),
      );
      expect(Math.abs(Number(window.missing) - 0.4 * strength)).toBeLessThan(
        4 * Math.sqrt(0.25 / 2000) + 1e-9,
      );
    });
    expect((await datasets.get(slug)).manifest.columns[0]).toEqual({ name: 'ts', type: 'TIMESTAMP' });
  }, 60_000);

  it('steps windows by day from a given start, mixing categories between the source and the target', async () => {
    const slug = await simulate({
      name: 'daily',
      gradual: { windows: 3, every: 'day', start: '2026-01-10T06:30:00+02:00' },
      shifts: [{ kind: 'categories', column: 'colour', weights: { blue: 1 } }],
    });
    const perDay = await rowsOf(
      slug,
      `SELECT min(ts)::VARCHAR AS first, avg((colour = 'blue')::INTEGER)::DOUBLE AS blue FROM DATA GROUP BY date_trunc('day', ts - INTERVAL '270 minutes') ORDER BY 1`,
    );
    expect(perDay.map((d) => d.first)).toEqual([
      '2026-01-10 04:30:00',
      '2026-01-11 04:30:00',
      '2026-01-12 04:30:00',
    ]);
    // The source is 20 % blue: window k is 0.2 + 0.8 k/2 blue.
    expect(Number(perDay[0]?.blue)).toBeCloseTo(0.2, 2);
    expect(Math.abs(Number(perDay[1]?.blue) - 0.6)).toBeLessThan(4 * Math.sqrt(0.24 / 2000));
    expect(Number(perDay[2]?.blue)).toBe(1);
  }, 60_000);

  it('stops when cancelled, leaving no data set and no scratch copy behind', async () => {
    const job = await simulator.start(
      simulateRequestSchema.parse({
        source: 'source',
        name: 'cancelled',
        rows: 20_000_000,
        shifts: [{ kind: 'mean', column: 'x', by: 1 }],
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    jobs.cancel(job.id);
    const ended = await jobs.wait(job.id);
    expect(ended.status).toBe('cancelled');
    expect((await datasets.list()).map((d) => d.slug)).not.toContain('cancelled');
    expect(await readdir(workspace.scratch('simulations')).catch(() => [])).toEqual([]);
  }, 60_000);

  it('refuses bad shifts at once, naming the column and what to do', async () => {
    expect(await refusal({ shifts: [{ kind: 'mean', column: 'nope', by: 1 }] })).toMatch(
      /source has no column nope \(in mean:nope=1\)\. Its columns: x, y, colour, code, id/,
    );
    expect(await refusal({ shifts: [{ kind: 'scale', column: 'colour', factor: 2 }] })).toMatch(
      /scale:colour=2: column colour of source is VARCHAR, not numbers.*--shift categories:colour=/,
    );
    expect(await refusal({ shifts: [{ kind: 'categories', column: 'x', weights: { '1': 1 } }] })).toMatch(
      /x of source is BIGINT with 1000 distinct values, a measurement rather than categories.*mean:x=BY/,
    );
    expect(
      await refusal({ shifts: [{ kind: 'categories', column: 'colour', weights: { red: 0, blue: 0 } }] }),
    ).toMatch(/the weights for colour sum to 0.*Give at least one category a positive weight/);
    expect(await refusal({ shifts: [{ kind: 'categories', column: 'code', weights: { high: 1 } }] })).toMatch(
      /code is INTEGER, so its categories are whole numbers, not "high"/,
    );
    expect(
      await refusal({
        rows: 3,
        gradual: { windows: 4, every: 'hour' },
        shifts: [{ kind: 'missing', column: 'x', share: 0.1 }],
      }),
    ).toMatch(/4 windows need at least as many rows; the simulation has 3/);
    const missing = await simulator
      .start(
        simulateRequestSchema.parse({
          source: 'nosuch',
          name: 'n',
          shifts: [{ kind: 'missing', column: 'x', share: 0.1 }],
        }),
      )
      .catch((error: unknown) => error);
    expect(isWorkbenchError(missing) && missing.code).toBe('NOT_FOUND');
    expect((await datasets.list()).map((d) => d.slug)).not.toContain('refused');
  }, 60_000);
});
