import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileSchema } from '../../../../shared/contract/profile.js';
import { createDataEngine, type DataEngine, type DuckDb } from '../../duckdb/index.js';
import { createJobService, type JobService } from '../../jobs/index.js';
import { openWorkspace, type Workspace } from '../../workspace/index.js';
import { createDatasetService, type DatasetService } from '../datasetService.js';
import { exportProfileReport } from './exportReport.js';

let dir: string;
let workspace: Workspace;
let jobs: JobService;
let engine: DataEngine;
let duckdb: DuckDb;
let datasets: DatasetService;
let slug: string;

async function finished(id: string): Promise<unknown> {
  for (;;) {
    const job = jobs.get(id);
    if (job.status === 'succeeded') return job.result;
    if (job.status !== 'running' && job.status !== 'queued') throw new Error(`${job.title}: ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-report-'));
  workspace = await openWorkspace(join(dir, 'ws'));
  jobs = createJobService();
  engine = await createDataEngine();
  duckdb = engine.service;
  datasets = createDatasetService({ workspace, jobs, duckdb });
  const lines = ['id,height,team,<b>odd</b>'];
  for (let i = 0; i < 300; i += 1) lines.push(`${i},${150 + (i % 40)},${i % 10 === 0 ? '' : `t${i % 3}`},x`);
  const path = join(dir, 'people.csv');
  await writeFile(path, `${lines.join('\n')}\n`);
  const job = datasets.importFile({ source: { path, label: path, temporary: false } });
  ({ slug } = (await finished(job.id)) as { slug: string });
});

afterAll(async () => {
  await jobs.dispose();
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

describe('profile report export', () => {
  it('writes one self-contained HTML file whose alerts link to their column', async () => {
    const job = exportProfileReport({ workspace, jobs, datasets }, slug, 'html');
    const { path } = (await finished(job.id)) as { path: string };
    expect(path).toBe(`datasets/${slug}/report.html`);
    const html = await readFile(workspace.resolve(path), 'utf8');
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html).toContain('prefers-color-scheme: dark');
    expect(html).toMatch(/<a href="#col-0">id<\/a> has a different value in every row/);
    expect(html).toContain('id="col-0"');
    // Column names are escaped, never markup.
    expect(html).toContain('&lt;b&gt;odd&lt;/b&gt;');
    expect(html).not.toContain('<b>odd</b>');
  });

  it('writes the profile as JSON that parses as the contract', async () => {
    const job = exportProfileReport({ workspace, jobs, datasets }, slug, 'json');
    const { path } = (await finished(job.id)) as { path: string };
    const profile = profileSchema.parse(JSON.parse(await readFile(workspace.resolve(path), 'utf8')));
    expect(profile.rows).toBe(300);
    expect(profile.overview.parquetSizeBytes).toBeGreaterThan(0);
  });

  it('re-profiles a data set whose stored profile is v1, and saves the v2 profile', async () => {
    const stored = workspace.resolve('datasets', slug, 'profile.json');
    await writeFile(stored, JSON.stringify({ schemaVersion: 1, rows: 300, columns: [] }));
    const { profile } = await datasets.get(slug);
    expect(profile.schemaVersion).toBe(2);
    expect(profile.columns.find((c) => c.name === 'team')?.missing).toBe(30);
    expect(JSON.parse(await readFile(stored, 'utf8'))).toMatchObject({ schemaVersion: 2 });
  });
});
