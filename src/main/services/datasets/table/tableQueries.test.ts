import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchError } from '../../../../shared/contract/errors.js';
import type { Cell, TableFilter } from '../../../../shared/contract/tables.js';
import { createDataEngine, type DataEngine, sqlString, type DuckDb } from '../../duckdb/index.js';
import { openWorkspace, type Workspace } from '../../workspace/index.js';
import { createTableQueries, type TableQueries } from './tableQueries.js';

const ROWS = 1005;
let dir: string;
let workspace: Workspace;
let engine: DataEngine;
let duckdb: DuckDb;
let tables: TableQueries;

/**
 * A data set with the awkward parts of real ones: NULLs, NaN and ±Infinity, a BIGINT beyond 2^53,
 * ties to sort, quotes in text, and a column whose name is an injection attempt.
 */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-tables-'));
  workspace = await openWorkspace(join(dir, 'ws'));
  engine = await createDataEngine({ confinedTo: [workspace.folder('datasets')] });
  duckdb = engine.confined;
  tables = createTableQueries({ workspace, duckdb });
  const folder = join(workspace.folder('datasets'), 'demo');
  await mkdir(folder, { recursive: true });
  await duckdb.withConnection((session) =>
    session.run(`COPY (
      SELECT i AS id,
        i % 4 AS grp,
        CASE WHEN i % 10 = 0 THEN NULL WHEN i = 7 THEN 'NaN'::DOUBLE WHEN i = 8 THEN 'Infinity'::DOUBLE
             ELSE i / 2.0 END::DOUBLE AS x,
        CASE WHEN i % 3 = 0 THEN 'it''s "quoted" ' || i ELSE 'plain ' || i END AS name,
        DATE '2024-01-01' + (i % 366)::INT AS day,
        CASE WHEN i = 1 THEN 1152921504606846976 ELSE i END::BIGINT AS big,
        i AS "x"" OR 1=1; --"
      FROM range(${ROWS}) t(i)) TO ${sqlString(join(folder, 'data.parquet'))} (FORMAT parquet, ROW_GROUP_SIZE 100)`),
  );
});

afterAll(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

const ids = (rows: Cell[][]): Cell[] => rows.map((row) => row[0] ?? null);

async function rejection(promise: Promise<unknown>): Promise<WorkbenchError> {
  try {
    await promise;
  } catch (error) {
    return error as WorkbenchError;
  }
  throw new Error('expected a rejection');
}

describe('table queries against real DuckDB', () => {
  it('pages in file order, with the total from Parquet metadata, including the last partial page', async () => {
    const first = await tables.rows({ slug: 'demo', offset: 0, limit: 200 });
    expect(first.columns.map((c) => c.name)).toEqual([
      'id',
      'grp',
      'x',
      'name',
      'day',
      'big',
      'x" OR 1=1; --',
    ]);
    expect(first.total).toBe(ROWS);
    expect(ids(first.rows)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    const middle = await tables.rows({ slug: 'demo', offset: 450, limit: 100 });
    expect(ids(middle.rows)).toEqual(Array.from({ length: 100 }, (_, i) => 450 + i));
    const last = await tables.rows({ slug: 'demo', offset: 1000, limit: 200 });
    expect(ids(last.rows)).toEqual([1000, 1001, 1002, 1003, 1004]);
    const past = await tables.rows({ slug: 'demo', offset: 5000, limit: 10 });
    expect(past.rows).toEqual([]);
  });

  it('makes every cell JSON-safe: big integers as strings, NaN and Infinity as strings, dates as ISO', async () => {
    const page = await tables.rows({ slug: 'demo', offset: 0, limit: 11 });
    const row = (i: number): Cell[] => page.rows[i] ?? [];
    expect(row(0)[2]).toBeNull();
    expect(row(7)[2]).toBe('NaN');
    expect(row(8)[2]).toBe('Infinity');
    expect(row(1)[5]).toBe('1152921504606846976');
    expect(row(2)[5]).toBe(2);
    expect(row(3)[4]).toBe('2024-01-04');
    expect(JSON.parse(JSON.stringify(page.rows))).toEqual(page.rows);
  });

  it('sorts stably: ties keep file order, NULLs last in both directions', async () => {
    const asc = await tables.rows({
      slug: 'demo',
      offset: 0,
      limit: 300,
      sort: [{ column: 'grp', direction: 'asc' }],
    });
    expect(ids(asc.rows).slice(0, 4)).toEqual([0, 4, 8, 12]);
    const desc = await tables.rows({
      slug: 'demo',
      offset: 0,
      limit: 5,
      sort: [{ column: 'grp', direction: 'desc' }],
    });
    expect(ids(desc.rows)).toEqual([3, 7, 11, 15, 19]);
    const byX = await tables.rows({
      slug: 'demo',
      offset: 1000,
      limit: 10,
      sort: [{ column: 'x', direction: 'desc' }],
    });
    expect(byX.rows.every((row) => row[2] === null)).toBe(true);
  });

  it.each<[TableFilter, number]>([
    [{ column: 'grp', op: 'eq', value: 2 }, 251],
    [{ column: 'grp', op: 'ne', value: '2' }, ROWS - 251],
    [{ column: 'id', op: 'lt', value: 10 }, 10],
    [{ column: 'id', op: 'le', value: 10 }, 11],
    [{ column: 'id', op: 'gt', value: 1000 }, 4],
    [{ column: 'id', op: 'ge', value: 1000 }, 5],
    [{ column: 'day', op: 'ge', value: '2024-12-31' }, 2],
    [{ column: 'name', op: 'contains', value: 'IT\'S "QUOTED"' }, 335],
    [{ column: 'x', op: 'is_null' }, 101],
    [{ column: 'x', op: 'not_null' }, ROWS - 101],
  ])('filters with %j to %i rows, and counts them', async (filter, expected) => {
    const filters = [filter];
    const { total } = await tables.count({ slug: 'demo', filters });
    expect(total).toBe(expected);
    const page = await tables.rows({ slug: 'demo', offset: 0, limit: 1000, filters });
    expect(page.rows.length).toBe(Math.min(expected, 1000));
    expect(page.total).toBe(expected > 1000 ? null : expected);
  });

  it('combines filters with AND and pages through the filtered rows', async () => {
    const filters: TableFilter[] = [
      { column: 'grp', op: 'eq', value: 1 },
      { column: 'id', op: 'lt', value: 100 },
    ];
    const page = await tables.rows({ slug: 'demo', offset: 20, limit: 10, filters });
    expect(ids(page.rows)).toEqual([81, 85, 89, 93, 97]);
    expect(page.total).toBe(25);
  });

  it('refuses unknown columns with INVALID_INPUT naming the column', async () => {
    const sort = await rejection(
      tables.rows({ slug: 'demo', offset: 0, limit: 5, sort: [{ column: 'nope', direction: 'asc' }] }),
    );
    expect(sort.code).toBe('INVALID_INPUT');
    expect(sort.message).toBe('There is no column "nope" in this data set.');
    const injected = await rejection(
      tables.count({ slug: 'demo', filters: [{ column: 'id" IS NOT NULL OR "id', op: 'is_null' }] }),
    );
    expect(injected.code).toBe('INVALID_INPUT');
  });

  it('treats injection attempts in values and quoted column names as plain data', async () => {
    const value = "x' OR '1'='1";
    const { total } = await tables.count({ slug: 'demo', filters: [{ column: 'name', op: 'eq', value }] });
    expect(total).toBe(0);
    const page = await tables.rows({
      slug: 'demo',
      offset: 0,
      limit: 3,
      sort: [{ column: 'x" OR 1=1; --', direction: 'desc' }],
      filters: [{ column: 'x" OR 1=1; --', op: 'contains', value: "'); DROP TABLE t; --" }],
    });
    expect(page.rows).toEqual([]);
    expect(page.total).toBe(0);
  });

  it('reports a value the column cannot hold as INVALID_INPUT', async () => {
    const error = await rejection(
      tables.count({ slug: 'demo', filters: [{ column: 'id', op: 'gt', value: 'abc' }] }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/does not fit its column/);
  });

  it('says NOT_FOUND for a data set that does not exist', async () => {
    const error = await rejection(tables.rows({ slug: 'missing', offset: 0, limit: 5 }));
    expect(error.code).toBe('NOT_FOUND');
  });

  it('cancels an in-flight query by its id, and by the caller signal', async () => {
    // Cancelled before DuckDB starts or while it runs: either way the caller sees CANCELLED, not an error.
    const slow: TableFilter[] = [{ column: 'name', op: 'contains', value: 'no such text' }];
    const pending = tables.count({ slug: 'demo', filters: slow, queryId: 'q1' });
    expect(tables.cancel('q1')).toBe(true);
    expect((await rejection(pending)).code).toBe('CANCELLED');
    expect(tables.cancel('q1')).toBe(false);

    const controller = new AbortController();
    const viaSignal = tables.rows(
      { slug: 'demo', offset: 0, limit: 5, sort: [{ column: 'x', direction: 'asc' }] },
      controller.signal,
    );
    controller.abort();
    expect((await rejection(viaSignal)).code).toBe('CANCELLED');
  });

  it('a new query with the same id supersedes the previous one', async () => {
    const first = tables.rows({
      slug: 'demo',
      offset: 0,
      limit: 5,
      sort: [{ column: 'x', direction: 'asc' }],
      queryId: 'grid',
    });
    const second = tables.rows({ slug: 'demo', offset: 0, limit: 5, queryId: 'grid' });
    expect((await rejection(first)).code).toBe('CANCELLED');
    expect(ids((await second).rows)).toEqual([0, 1, 2, 3, 4]);
  });

  it('interrupts a sort that is already running in DuckDB', async () => {
    // 3M rows sorted by a hash take DuckDB about a second: long enough to stop halfway.
    const folder = join(workspace.folder('datasets'), 'big');
    await mkdir(folder, { recursive: true });
    await duckdb.withConnection((session) =>
      session.run(
        `COPY (SELECT i AS id, hash(i) AS h FROM range(3000000) t(i)) TO ${sqlString(join(folder, 'data.parquet'))} (FORMAT parquet)`,
      ),
    );
    const sort = [{ column: 'h', direction: 'asc' as const }];
    // Every page by ORDER BY … OFFSET, so each one is a full sort to interrupt.
    const sorting = createTableQueries({ workspace, duckdb, deepOffset: Number.POSITIVE_INFINITY });
    const started = performance.now();
    const full = await sorting.rows({ slug: 'big', offset: 2_000_000, limit: 10, sort });
    const fullMs = performance.now() - started;
    expect(full.rows).toHaveLength(10);

    const controller = new AbortController();
    const stoppedAt = performance.now();
    const pending = sorting.rows({ slug: 'big', offset: 2_000_000, limit: 10, sort }, controller.signal);
    setTimeout(() => controller.abort(), Math.min(50, fullMs / 4));
    expect((await rejection(pending)).code).toBe('CANCELLED');
    // Well before the sort could have finished: DuckDB stopped, it did not run to the end.
    expect(performance.now() - stoppedAt).toBeLessThan(fullMs * 0.6);
  });

  it('serves deep sorted and filtered pages from the stored view order, same rows as top-N', async () => {
    const deep = createTableQueries({ workspace, duckdb, deepOffset: 100 });
    const views = [
      {
        sort: [
          { column: 'grp', direction: 'desc' as const },
          { column: 'x', direction: 'asc' as const },
        ],
      },
      { filters: [{ column: 'name', op: 'contains' as const, value: 'quoted' }] },
      {
        sort: [{ column: 'day', direction: 'asc' as const }],
        filters: [{ column: 'x', op: 'not_null' as const }],
      },
    ];
    for (const view of views) {
      for (const offset of [150, 300, 900]) {
        const expected = await tables.rows({ slug: 'demo', offset, limit: 50, ...view });
        const actual = await deep.rows({ slug: 'demo', offset, limit: 50, ...view });
        expect(actual.rows, JSON.stringify({ view, offset })).toEqual(expected.rows);
        if (view.filters) expect(actual.total).toBe((await tables.count({ slug: 'demo', ...view })).total);
      }
    }
  });

  it('interrupts the stored order of the previous view when the sort changes', async () => {
    const sortBy = (direction: 'asc' | 'desc') => [{ column: 'h', direction }];
    const started = performance.now();
    await tables.rows({ slug: 'big', offset: 1_000_000, limit: 5, sort: sortBy('asc') });
    const buildMs = performance.now() - started;

    const changedAt = performance.now();
    const old = tables.rows({ slug: 'big', offset: 1_000_000, limit: 5, sort: sortBy('desc') });
    await new Promise((resolve) => setTimeout(resolve, Math.min(50, buildMs / 4)));
    const current = tables.rows({
      slug: 'big',
      offset: 1_000_000,
      limit: 5,
      sort: [{ column: 'id', direction: 'desc' }],
    });
    expect((await rejection(old)).code).toBe('CANCELLED');
    expect(performance.now() - changedAt).toBeLessThan(buildMs);
    expect((await current).rows.map((row) => row[0])).toEqual([
      1_999_999, 1_999_998, 1_999_997, 1_999_996, 1_999_995,
    ]);
  });
});
