import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/contract/jobs.js';
import type { TableOutput } from '../../../shared/contract/notebooks.js';
import { createDataEngine, type DataEngine, sqlString, type DuckDb } from '../duckdb/index.js';
import { createJobService, type JobService } from '../jobs/index.js';
import { openWorkspace, type Workspace } from '../workspace/index.js';
import { ipynbSchema } from './ipynb.js';
import { createNotebookService, type NotebookService } from './notebookService.js';

let dir: string;
let workspace: Workspace;
let jobs: JobService;
let engine: DataEngine;
let duckdb: DuckDb;
let notebooks: NotebookService;
const datasets = [{ slug: 'customers', importedAt: '2026-01-01T00:00:00Z' }];
const imported: { path: string; name: string }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-notebooks-'));
  workspace = await openWorkspace(join(dir, 'ws'));
  jobs = createJobService({ throttleMs: 10 });
  engine = await createDataEngine({ confinedTo: [workspace.folder('datasets')] });
  duckdb = engine.confined;
  // A real Parquet data set where the data set service would put it.
  const folder = join(workspace.folder('datasets'), 'customers');
  await mkdir(folder, { recursive: true });
  await duckdb.withConnection((s) =>
    s.run(
      `COPY (SELECT i AS id, 'c' || i AS name, i % 7 AS score FROM range(1, 2501) t(i)) TO ${sqlString(join(folder, 'data.parquet'))} (FORMAT parquet)`,
    ),
  );
  notebooks = createNotebookService({
    workspace,
    jobs,
    duckdb,
    datasets: {
      list: () => Promise.resolve(datasets),
      importFile: (source, name) => {
        imported.push({ path: source.path, name });
        return jobs.start({ kind: 'fake', title: 'fake import' }, () => Promise.resolve({ slug: name }));
      },
    },
  });
});

afterAll(async () => {
  notebooks.dispose();
  await jobs.dispose();
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

async function runSql(sql: string, limit = 1000, offset = 0): Promise<Job> {
  return jobs.wait(notebooks.runSql('nb', sql, limit, offset).id);
}

describe('notebook SQL against real DuckDB', () => {
  it('sees each data set as a view named by its slug, limited to a page with the total count', async () => {
    const job = await runSql('SELECT * FROM customers ORDER BY id', 100);
    expect(job.status).toBe('succeeded');
    const table = job.result as TableOutput;
    expect(table.columns.map((c) => c.name)).toEqual(['id', 'name', 'score']);
    expect(table.rows).toHaveLength(100);
    expect(table.rows[0]).toEqual([1, 'c1', 1]);
    expect(table.totalRows).toBe(2500);
    expect(table.truncated).toBe(true);
  });

  it('pages through a result by offset, counting every row and converting only the page', async () => {
    const sql = 'SELECT i FROM range(10000) t(i) ORDER BY i';
    // A page that starts inside one DuckDB chunk (2,048 rows) and ends in the next.
    const page = (await runSql(sql, 3000, 2000)).result as TableOutput;
    expect(page.rows).toHaveLength(3000);
    expect(page.rows[0]).toEqual([2000]);
    expect(page.rows.at(-1)).toEqual([4999]);
    expect(page).toMatchObject({ totalRows: 10000, truncated: true, offset: 2000 });
    // The last page is short; past the end is empty but still knows the total.
    const last = (await runSql(sql, 3000, 9000)).result as TableOutput;
    expect(last.rows.map((r) => r[0])).toEqual(Array.from({ length: 1000 }, (_, i) => 9000 + i));
    const past = (await runSql(sql, 10, 20000)).result as TableOutput;
    expect(past).toMatchObject({ rows: [], totalRows: 10000, truncated: true });
    // Every page together is the whole result, in order.
    const all: unknown[] = [];
    for (let offset = 0; offset < 10000; offset += 4096) {
      const next = (await runSql(sql, 4096, offset)).result as TableOutput;
      all.push(...next.rows.map((r) => r[0]));
    }
    expect(all).toEqual(Array.from({ length: 10000 }, (_, i) => i));
  });

  it('says a result is whole when it fits the limit', async () => {
    const whole = (await runSql('SELECT * FROM range(7)', 7)).result as TableOutput;
    expect(whole).toMatchObject({ totalRows: 7, truncated: false });
    expect(whole).not.toHaveProperty('offset');
  });

  it('runs several statements and shows the last, keeping state in the notebook session', async () => {
    const job = await runSql('CREATE TEMP TABLE t AS SELECT 42 AS answer;\nSELECT answer FROM t');
    expect((job.result as TableOutput).rows).toEqual([[42]]);
    expect((await runSql('SELECT count(*) AS n FROM t')).status).toBe('succeeded');
  });

  it('reports DuckDB errors with the line and column they point at', async () => {
    const job = await runSql('SELECT id,\n  nme FROM customers');
    expect(job.status).toBe('failed');
    expect(job.error?.message).toMatch(/nme/);
    expect(job.error?.details).toMatchObject({ line: 2, column: 3 });
    const syntax = await runSql('SELECT *\nFORM customers');
    expect(syntax.error?.details).toMatchObject({ line: 2 });
  });

  it('interrupts a long query through cancel', async () => {
    const job = notebooks.runSql(
      'slow',
      'SELECT count(*) FROM range(100000000) a, range(100000) b WHERE a.range + b.range < 0',
      10,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    expect(notebooks.cancel('slow').cancelled).toBe(true);
    const done = await jobs.wait(job.id);
    expect(done.status).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(3000);
    // The session still works after an interrupt.
    expect((await jobs.wait(notebooks.runSql('slow', 'SELECT 1 AS one', 10).id)).status).toBe('succeeded');
  });
});

describe('notebook files', () => {
  it('round-trips a notebook through .ipynb with languages and outputs', async () => {
    const created = await notebooks.create('Round trip', 'eda', 'customers');
    const table = (await runSql('SELECT * FROM customers LIMIT 3')).result as TableOutput;
    const document = {
      cells: created.document.cells.map((cell, i) =>
        i === 2
          ? { ...cell, outputs: [{ kind: 'table' as const, table }], executionCount: 1, elapsedMs: 12 }
          : cell,
      ),
    };
    const saved = await notebooks.save('Round trip', created.revision, document);
    const read = await notebooks.get('Round trip');
    expect(read.revision).toBe(saved.revision);
    expect(read.document).toEqual(document);
    // The file itself follows the nbformat 4 rules and carries the languages where VS Code looks.
    const text = await readFile(join(workspace.folder('notebooks'), 'Round trip.ipynb'), 'utf8');
    const raw = ipynbSchema.parse(JSON.parse(text));
    expect([raw.nbformat, raw.nbformat_minor]).toEqual([4, 5]);
    const code = raw.cells.find((c) => c.cell_type === 'code');
    expect(code?.metadata).toMatchObject({ mlw: { language: 'sql' }, vscode: { languageId: 'sql' } });
    const output = code?.cell_type === 'code' ? code.outputs[0] : undefined;
    expect(output?.output_type === 'execute_result' ? Object.keys(output.data) : []).toEqual([
      'application/vnd.mlw.table+json',
      'text/html',
      'text/plain',
    ]);
  });

  it('lists a notebook a browser download named "analysis (1)", and skips a file no name can spell', async () => {
    const created = await notebooks.create('Download source', 'blank');
    const text = await readFile(join(workspace.folder('notebooks'), 'Download source.ipynb'), 'utf8');
    await writeFile(join(workspace.folder('notebooks'), 'analysis (1).ipynb'), text);
    await writeFile(join(workspace.folder('notebooks'), 'a:b.ipynb'), text);
    const names = (await notebooks.list()).map((n) => n.name);
    expect(names).toContain('analysis (1)');
    expect(names).not.toContain('a:b');
    expect((await notebooks.get('analysis (1)')).document).toEqual(created.document);
  });

  it('refuses a save when the file changed since it was read', async () => {
    const first = await notebooks.create('Conflict', 'blank');
    await notebooks.save('Conflict', first.revision, { cells: [] });
    await expect(notebooks.save('Conflict', first.revision, first.document)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { reason: 'revision-conflict' },
    });
  });

  it('refuses a broken file with a clear message and never overwrites it', async () => {
    const path = join(workspace.folder('notebooks'), 'Broken.ipynb');
    const broken = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [{ cell_type: 'code' }],
    });
    await writeFile(path, broken);
    await expect(notebooks.get('Broken')).rejects.toMatchObject({ code: 'WORKSPACE_INVALID' });
    await expect(notebooks.get('Broken')).rejects.toThrow(/Broken\.ipynb" cannot be opened: cells\.0/);
    await writeFile(path, '{ not json');
    await expect(notebooks.get('Broken')).rejects.toThrow(/is not JSON/);
    expect(await readFile(path, 'utf8')).toBe('{ not json');
  });

  it('refuses to rename onto another notebook, also one differing only in case, but allows a case change', async () => {
    await notebooks.create('Alpha', 'blank');
    await notebooks.create('Beta', 'blank');
    await expect(notebooks.rename('Alpha', 'Beta')).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
      message: 'A notebook named "Beta" already exists.',
    });
    await expect(notebooks.rename('Alpha', 'BETA')).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
      details: { existing: 'Beta' },
    });
    await expect(notebooks.create('beta', 'blank')).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    // Both files are untouched.
    expect((await notebooks.get('Alpha')).document.cells).toHaveLength(1);
    expect((await notebooks.get('Beta')).document.cells).toHaveLength(1);
    const renamed = await notebooks.rename('Alpha', 'ALPHA');
    expect(renamed.name).toBe('ALPHA');
    const names = await readdir(workspace.folder('notebooks'));
    expect(names).toContain('ALPHA.ipynb');
    expect(names).not.toContain('Alpha.ipynb');
    // Renaming to itself changes nothing.
    expect((await notebooks.rename('ALPHA', 'ALPHA')).name).toBe('ALPHA');
    await expect(notebooks.rename('Nope', 'Other')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('renames, and deletes by moving to .trash', async () => {
    await notebooks.create('Old name', 'blank');
    await notebooks.rename('Old name', 'New name');
    await expect(notebooks.get('Old name')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { trashedAs } = await notebooks.trash('New name');
    expect(trashedAs).toMatch(/^notebooks\/\.trash\/New name\./);
    expect(await readdir(join(workspace.folder('notebooks'), '.trash'))).toHaveLength(1);
    expect((await notebooks.list()).map((n) => n.name)).not.toContain('New name');
  });
});

describe('samples', () => {
  it('lists the bundled samples and imports one with its example notebook', async () => {
    const samples = await notebooks.samples();
    expect(samples.map((s) => s.id)).toEqual(['heights', 'churn', 'sensors']);
    const { job, notebook } = await notebooks.importSample('heights');
    expect(job).not.toBeNull();
    expect(imported.at(-1)).toMatchObject({ name: 'heights' });
    const read = await notebooks.get(notebook);
    expect(read.document.cells.some((c) => c.language === 'javascript')).toBe(true);
  });
});
