import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftSettingsSchema } from '../../../shared/contract/drift.js';
import { createSqlSessions, type SqlSessions } from '../notebooks/index.js';
import { forkWorker, prestartWorker } from '../workerHost/index.js';
import { createDataEngine, type DataEngine } from './client.js';
import { sqlString } from './duckdb.js';
import { buildDataWorker } from './testing/buildDataWorker.js';

let dir: string;
let datasets: string;
let entry: string;
let engine: DataEngine;
let notebooks: SqlSessions;
const outside = (name: string): string => join(dir, 'outside', name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-data-worker-'));
  datasets = join(dir, 'ws', 'datasets');
  await mkdir(join(datasets, 'customers'), { recursive: true });
  await mkdir(join(dir, 'outside'), { recursive: true });
  await writeFile(outside('secret.txt'), 'not for notebooks\n');
  await symlink(join(dir, 'outside'), join(datasets, 'link'));
  entry = await buildDataWorker();
  engine = await createDataEngine({
    spawn: forkWorker(entry),
    tempDirectory: join(dir, 'ws', '.scratch', 'duckdb'),
    confinedTo: [datasets],
  });
  await engine.service.withConnection((s) =>
    s.run(
      `COPY (SELECT i AS id, i % 7 AS score FROM range(1, 2501) t(i)) TO ${sqlString(join(datasets, 'customers', 'data.parquet'))} (FORMAT parquet)`,
    ),
  );
  notebooks = createSqlSessions(engine.confined, () =>
    Promise.resolve([
      { slug: 'customers', parquetPath: join(datasets, 'customers', 'data.parquet'), version: '1' },
    ]),
  );
}, 60_000);

afterAll(async () => {
  notebooks.dispose();
  await engine.close();
  await rm(dirname(entry), { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

const cell = (sql: string, signal = new AbortController().signal) =>
  notebooks.run('nb', sql, { limit: 10, signal });

describe('the data worker, a real forked process holding DuckDB', () => {
  it('runs queries in another process: rows, row arrays with bound parameters, a paged script', async () => {
    expect(engine.pid).toBeDefined();
    expect(engine.pid).not.toBe(process.pid);
    expect(engine.version).toMatch(/^DuckDB v1\./);
    const result = await engine.service.withConnection(async (s) => ({
      objects: await s.rows('SELECT 42::BIGINT AS n, $1 AS label', { params: ['x'] }),
      arrays: await s.rowArrays('SELECT range FROM range(5) WHERE range >= $1', { params: [3] }),
      page: await s.script('CREATE TEMP TABLE t AS SELECT range AS i FROM range(1000); SELECT i FROM t', {
        limit: 3,
        offset: 10,
      }),
    }));
    expect(result.objects).toEqual([{ n: '42', label: 'x' }]);
    expect(result.arrays).toEqual([['3'], ['4']]);
    expect(result.page).toEqual({
      columns: [{ name: 'i', type: 'BIGINT' }],
      rows: [[10], [11], [12]],
      totalRows: 1000,
    });
  });

  it('cancels a query through its AbortSignal (DuckDB interrupt) and keeps the connection usable', async () => {
    await engine.service.withConnection(async (s) => {
      const controller = new AbortController();
      const running = s.rows('SELECT count(DISTINCT hash(range * 7)) AS n FROM range(400000000)', {
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 200);
      await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
      await expect(s.rows('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    });
  });

  it('fails the query in flight with DATA_ENGINE_CRASHED when the worker dies, and the next call gets a fresh worker', async () => {
    const pid = engine.pid ?? 0;
    const running = engine.service.withConnection((s) =>
      s.rows('SELECT count(DISTINCT hash(range * 7)) AS n FROM range(400000000)'),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    process.kill(pid, 'SIGKILL');
    await expect(running).rejects.toMatchObject({
      code: 'DATA_ENGINE_CRASHED',
      message: expect.stringMatching(
        /^The data worker \(DuckDB\) was killed by SIGKILL while running a query\.$/,
      ) as unknown,
    });
    await expect(engine.service.withConnection((s) => s.rows('SELECT 1 AS one'))).resolves.toEqual([
      { one: 1 },
    ]);
    expect(engine.pid).not.toBe(pid);
  });

  it('reports the native crash of a 100,000-level JSON file read without the pre-scan (SIGSEGV), and lives on', async () => {
    const deep = outside('deep.json');
    const levels = 100_000;
    await writeFile(deep, `[{"a":${'['.repeat(levels - 2)}${']'.repeat(levels - 2)}}]`);
    await expect(
      engine.service.withConnection((s) => s.rows(`SELECT * FROM read_json(${sqlString(deep)})`)),
    ).rejects.toMatchObject({
      code: 'DATA_ENGINE_CRASHED',
      message: expect.stringMatching(/^The data worker \(DuckDB\) was killed by SIGSEGV/) as unknown,
    });
    await expect(engine.service.withConnection((s) => s.rows('SELECT 2 AS two'))).resolves.toEqual([
      { two: 2 },
    ]);
  });

  it("re-creates a notebook's data set views after the worker restarts", async () => {
    await expect(cell('SELECT count(*) AS n FROM customers')).resolves.toMatchObject({ rows: [[2500]] });
    const pid = engine.pid ?? 0;
    const gone = cell('SELECT count(DISTINCT hash(range * 7)) FROM range(400000000)');
    await new Promise((resolve) => setTimeout(resolve, 200));
    process.kill(pid, 'SIGKILL');
    await expect(gone).rejects.toMatchObject({ code: 'DATA_ENGINE_CRASHED' });
    await expect(cell('SELECT count(*) AS n FROM customers')).resolves.toMatchObject({ rows: [[2500]] });
  });
});

describe('notebook SQL is confined to the workspace', () => {
  it('reads the data set views, their Parquet files and the datasets folder', async () => {
    await expect(cell('SELECT max(score) AS m FROM customers')).resolves.toMatchObject({ rows: [[6]] });
    await expect(
      cell(`SELECT count(*) FROM read_parquet(${sqlString(join(datasets, 'customers', 'data.parquet'))})`),
    ).resolves.toMatchObject({ rows: [[2500]] });
    await expect(cell(`SELECT count(*) FROM glob(${sqlString(join(datasets, '*'))})`)).resolves.toBeDefined();
  });

  const outsideCases: [string, () => string, RegExp][] = [
    ['read_text of /etc/passwd', () => "SELECT * FROM read_text('/etc/passwd')", /reach \/etc\/passwd,/],
    ['read_csv of /etc/passwd', () => "SELECT * FROM read_csv('/etc/passwd')", /reach \/etc\/passwd,/],
    ['glob of /root', () => "SELECT * FROM glob('/root/*')", /reach \/root\/\*,/],
    [
      'COPY … TO a file outside',
      () => `COPY (SELECT 1) TO ${sqlString(outside('x.csv'))}`,
      /reach .*outside\/x\.csv,/,
    ],
    ['ATTACH a database outside', () => `ATTACH ${sqlString(outside('x.db'))}`, /reach .*outside\/x\.db,/],
    [
      'a symlink inside the workspace pointing out',
      () => `SELECT * FROM read_text(${sqlString(join(datasets, 'link', 'secret.txt'))})`,
      /reach .*datasets\/link\/secret\.txt,/,
    ],
    [
      'a path that climbs out with ..',
      () => `SELECT * FROM read_text(${sqlString(join(datasets, '..', '..', 'outside', 'secret.txt'))})`,
      /reach .*secret\.txt,/,
    ],
  ];
  it.each(outsideCases)('refuses %s with PATH_OUTSIDE_WORKSPACE', async (_name, sql, message) => {
    await expect(cell(sql())).rejects.toMatchObject({
      code: 'PATH_OUTSIDE_WORKSPACE',
      message: expect.stringMatching(message) as unknown,
      hint: expect.stringContaining("reach only this workspace's data sets") as unknown,
    });
  });

  const refusedCases: [string, string, RegExp][] = [
    ['INSTALL an extension', 'INSTALL spatial', /install or load a DuckDB extension/],
    ['LOAD an extension', 'LOAD spatial', /install or load a DuckDB extension/],
    ['LOAD an extension file', `LOAD '/tmp/evil.duckdb_extension'`, /install or load a DuckDB extension/],
    ['SET enable_external_access', 'SET enable_external_access = true', /setting enable_external_access/],
    ['SET allowed_directories', "SET allowed_directories = ['/']", /setting allowed_directories/],
    ['SET lock_configuration', 'SET lock_configuration = false', /setting lock_configuration/],
    [
      'SET autoload_known_extensions',
      'SET autoload_known_extensions = true',
      /setting autoload_known_extensions/,
    ],
  ];
  it.each(refusedCases)('refuses to %s with INVALID_INPUT', async (_name, sql, message) => {
    await expect(cell(sql)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(message) as unknown,
    });
  });
});

describe('a data worker started before its host knows the configuration (the CLI prestarts it)', () => {
  it('boots without it, takes the configuration from its first message, and is confined by it', async () => {
    const spawn = prestartWorker(entry);
    // Claimed late, as the CLI does after loading itself.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const prestarted = await createDataEngine({ spawn, confinedTo: [datasets] });
    try {
      const confined = createSqlSessions(prestarted.confined, () => Promise.resolve([]));
      const signal = new AbortController().signal;
      await expect(
        confined.run('p', `SELECT * FROM read_text(${sqlString(outside('secret.txt'))})`, {
          limit: 1,
          signal,
        }),
      ).rejects.toMatchObject({ code: 'PATH_OUTSIDE_WORKSPACE' });
      const [row] = await prestarted.service.withConnection((s) => s.rows('SELECT 7 AS n'));
      expect(row).toEqual({ n: 7 });
      confined.dispose();
    } finally {
      await prestarted.close();
    }
  });
});

describe('drift comparisons in the data worker', () => {
  it('sorts and tests numeric columns on worker threads beside DuckDB, with the answer of an in-process engine', async () => {
    const threads = async () =>
      Number(/Threads:\s+(\d+)/.exec(await readFile(`/proc/${engine.pid}/status`, 'utf8'))?.[1]);
    const side = (shift: number) =>
      `(SELECT i, sin(i * 0.37) * 10 + ${shift} AS x, (i % 7)::VARCHAR AS k, CASE WHEN i % 11 = 0 THEN NULL ELSE i % 3 END AS small FROM range(60000) t(i))`;
    const request = {
      baseline: { sql: side(0), label: 'baseline' },
      current: { sql: side(0.8), label: 'current' },
      settings: driftSettingsSchema.parse({}),
    };
    const before = await threads();
    const forked = await engine.service.withConnection((s) => s.drift(request));
    expect(await threads()).toBeGreaterThan(before);
    const local = await createDataEngine();
    try {
      const inProcess = await local.service.withConnection((s) => s.drift(request));
      expect(forked.columns).toEqual(inProcess.columns);
    } finally {
      await local.close();
    }
    const byName = Object.fromEntries(forked.columns.map((c) => [c.column, c]));
    expect(byName.x).toMatchObject({ kind: 'numeric', test: 'wasserstein', drift: true });
    expect(byName.i).toMatchObject({ kind: 'numeric', drift: false, score: 0 });
    expect(byName.small).toMatchObject({ kind: 'categorical', kindSource: 'few-values', drift: false });
    expect(byName.small?.baseline.missing).toBe(Math.ceil(60000 / 11));
    expect(forked.timings.sortMs).toBeGreaterThan(0);
  });
});

describe('spilling to disk', () => {
  it('creates its spill folder and the folders above it, which a fresh workspace does not have', async () => {
    const spill = join(dir, 'fresh-ws', '.scratch', 'duckdb', 'owner-1');
    const small = await createDataEngine({ tempDirectory: spill, memoryLimit: '40MB', threads: 1 });
    try {
      const [row] = await small.service.withConnection((s) =>
        s.rows(
          'SELECT count(*) AS n FROM (SELECT range AS i, md5(range::VARCHAR) AS h FROM range(3000000) ORDER BY h)',
        ),
      );
      expect(row).toEqual({ n: '3000000' });
    } finally {
      await small.close();
    }
  }, 60_000);
});
