import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataEngine, type DataEngine, type DuckDb } from '../duckdb/index.js';
import { createJobService, type JobService } from '../jobs/index.js';
import { openWorkspace, type Workspace } from '../workspace/index.js';
import { createDatasetService, type DatasetService } from './datasetService.js';

let dir: string;
let workspace: Workspace;
let jobs: JobService;
let engine: DataEngine;
let duckdb: DuckDb;
let datasets: DatasetService;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-datasets-'));
  workspace = await openWorkspace(join(dir, 'ws'));
  jobs = createJobService();
  engine = await createDataEngine();
  duckdb = engine.service;
  datasets = createDatasetService({ workspace, jobs, duckdb });
});

afterAll(async () => {
  await jobs.dispose();
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

async function fixture(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function workspaceDatasets(): Promise<string[]> {
  return (await readdir(workspace.folder('datasets'))).sort();
}

async function scratchImports(): Promise<string[]> {
  return readdir(workspace.scratch('imports')).catch(() => []);
}

describe('datasets service against real DuckDB', () => {
  it('imports a CSV as Parquet with a profile whose numbers match an independent computation', async () => {
    const heights = Array.from({ length: 500 }, (_, i) => 150 + ((i * 37) % 50) + (i % 3) * 0.5);
    const lines = ['id,height,team,joined'];
    heights.forEach((height, i) => {
      const team = i % 10 === 0 ? '' : ['red', 'green', 'blue'][i % 3];
      lines.push(`${i},${height},${team},2024-03-${String(1 + (i % 28)).padStart(2, '0')}`);
    });
    const path = await fixture('Team Heights.csv', `${lines.join('\n')}\n`);

    const job = datasets.importFile({ source: { path, label: path, temporary: false } });
    const done = await jobs.wait(job.id);
    expect(done.error).toBeUndefined();
    expect(done.status).toBe('succeeded');
    expect(done.result).toEqual({ slug: 'team-heights' });

    const { manifest, profile } = await datasets.get('team-heights');
    expect(manifest.rows).toBe(500);
    expect(manifest.csv).toMatchObject({ delimiter: ',', hasHeader: true });
    expect(manifest.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(profile.columns.map((c) => [c.name, c.kind])).toEqual([
      ['id', 'numeric'],
      ['height', 'numeric'],
      ['team', 'categorical'],
      ['joined', 'datetime'],
    ]);
    const height = profile.columns.find((c) => c.name === 'height');
    const mean = heights.reduce((a, b) => a + b, 0) / heights.length;
    const std = Math.sqrt(heights.reduce((a, b) => a + (b - mean) ** 2, 0) / (heights.length - 1));
    expect(height?.mean).toBeCloseTo(mean, 9);
    expect(height?.std).toBeCloseTo(std, 9);
    expect(Number(height?.min)).toBe(Math.min(...heights));
    expect(Number(height?.max)).toBe(Math.max(...heights));
    const team = profile.columns.find((c) => c.name === 'team');
    expect(team?.missing).toBe(50);
    expect(team?.missingPercent).toBeCloseTo(10, 9);
    expect(await workspaceDatasets()).toEqual(['team-heights']);
    expect(await readdir(workspace.resolve('datasets', 'team-heights'))).toEqual(
      expect.arrayContaining(['data.parquet', 'dataset.json', 'profile.json']),
    );
  });

  it('gives a second import of the same name its own slug', async () => {
    const path = await fixture('team heights.csv', 'a,b\n1,2\n3,4\n');
    const done = await jobs.wait(datasets.importFile({ source: { path, label: path, temporary: false } }).id);
    expect(done.result).toEqual({ slug: 'team-heights-2' });
  });

  it.each([
    ['empty.csv', '', 'DATASET_EMPTY', /empty\.csv is empty/],
    ['header-only.csv', 'a,b,c\n', 'DATASET_EMPTY', /header-only\.csv has a header but no data rows/],
    [
      'binary.csv',
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]),
      'DATASET_PARSE',
      /binary\.csv is not a text file/,
    ],
    [
      'broken-quote.csv',
      'name,score\n"Ann",1\n"Bob, Jr",2\n"Cy,3\n"Di",4\n',
      'DATASET_PARSE',
      /broken-quote\.csv as CSV: line 4 has an unclosed quote/,
    ],
  ])(
    'refuses %s with a clear error and leaves the workspace as it was',
    async (name, content, code, message) => {
      const before = await workspaceDatasets();
      const path = await fixture(name, content);
      const done = await jobs.wait(
        datasets.importFile({ source: { path, label: path, temporary: false } }).id,
      );
      expect(done.status).toBe('failed');
      expect(done.error?.code).toBe(code);
      expect(done.error?.message).toMatch(message);
      expect(done.error?.hint).toBeTruthy();
      expect(await workspaceDatasets()).toEqual(before);
      expect(await scratchImports()).toEqual([]);
    },
  );

  it('reports a missing file as NOT_FOUND', async () => {
    const done = await jobs.wait(
      datasets.importFile({
        source: { path: join(dir, 'nope.csv'), label: join(dir, 'nope.csv'), temporary: false },
      }).id,
    );
    expect(done.error?.code).toBe('NOT_FOUND');
    expect(done.error?.message).toContain('nope.csv');
  });

  it('cancels a running import mid-conversion, stops its hashing and cleans its scratch folder', async () => {
    const row = (i: number) => `${i},${i * 0.5},name${i % 97},${'x'.repeat(40)}`;
    const rows = Array.from({ length: 1_500_000 }, (_, i) => row(i)).join('\n');
    const path = await fixture('big.csv', `a,b,c,d\n${rows}\n`);
    const before = await workspaceDatasets();
    const job = datasets.importFile({ source: { path, label: path, temporary: false } });
    const stopWatching = jobs.onUpdate((update) => {
      if (update.id === job.id && update.stage === 'Converting to Parquet') jobs.cancel(job.id);
    });
    const done = await jobs.wait(job.id);
    stopWatching();
    expect(done.status).toBe('cancelled');
    expect(await workspaceDatasets()).toEqual(before);
    expect(await scratchImports()).toEqual([]);
  });

  it('profiles a CSV in place without importing it', async () => {
    const path = await fixture('inplace.csv', 'x;y\n1;a\n2;b\n3;\n');
    const profile = await datasets.profileCsv(path);
    expect(profile.rows).toBe(3);
    expect(profile.columns.map((c) => c.missing)).toEqual([0, 1]);
  });
});
