import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchError } from '../../../../shared/contract/errors.js';
import { createDataEngine, type DataEngine, type DuckDb } from '../../duckdb/index.js';
import { createJobService, type JobService } from '../../jobs/index.js';
import { openWorkspace } from '../../workspace/index.js';
import { createDatasetService } from '../index.js';
import { createTableQueries, type TableQueries } from './tableQueries.js';

let dir: string;
let jobs: JobService;
let engine: DataEngine;
let duckdb: DuckDb;
let tables: TableQueries;

// A real import, so the hover card reads the profile the dataset service wrote.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-column-stats-'));
  const workspace = await openWorkspace(join(dir, 'ws'));
  jobs = createJobService();
  engine = await createDataEngine();
  duckdb = engine.service;
  const datasets = createDatasetService({ workspace, jobs, duckdb });
  const lines = ['id,score,city'];
  for (let i = 1; i <= 100; i += 1) {
    lines.push(`${i},${i % 10 === 0 ? '' : i / 2},${i % 2 ? 'Oslo' : 'Lima'}`);
  }
  const path = join(dir, 'cities.csv');
  await writeFile(path, `${lines.join('\n')}\n`);
  const job = await jobs.wait(datasets.importFile({ source: { path, label: path, temporary: false } }).id);
  expect(job.status).toBe('succeeded');
  tables = createTableQueries({
    workspace,
    duckdb,
    profileOf: async (slug) => (await datasets.get(slug)).profile,
  });
});

afterAll(async () => {
  await jobs.dispose();
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

describe('column stats for the header hover card', () => {
  it('gives the profile figures of one column', async () => {
    const stats = await tables.columnStats('cities', 'score');
    expect(stats).toMatchObject({ name: 'score', type: 'DOUBLE', kind: 'numeric', missingPercent: 10 });
    expect(stats.min).toBe('0.5');
    expect(stats.max).toBe('49.5');
    // (5050 - 550) / 2 over the 90 non-missing values.
    expect(stats.mean).toBeCloseTo(25, 6);
    expect((await tables.columnStats('cities', 'city')).distinct).toBe(2);
  });

  it('refuses a column the data set does not have', async () => {
    const error = await tables.columnStats('cities', 'nope').catch((e: unknown) => e as WorkbenchError);
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'There is no column "nope" in this data set.',
    });
  });
});
