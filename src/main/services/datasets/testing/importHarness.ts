import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportOptions } from '../../../../shared/contract/datasets.js';
import type { Job } from '../../../../shared/contract/jobs.js';
import { createDataEngine, sqlString, type DuckDb } from '../../duckdb/index.js';
import { createJobService, type JobService } from '../../jobs/index.js';
import { openWorkspace, type Workspace } from '../../workspace/index.js';
import { createDatasetService, type DatasetService } from '../datasetService.js';

/** A real workspace, job service and DuckDB for import tests; `close` removes everything. */
export interface ImportHarness {
  dir: string;
  workspace: Workspace;
  jobs: JobService;
  duckdb: DuckDb;
  datasets: DatasetService;
  fixture(name: string, content: string | Buffer): Promise<string>;
  /** Writes a Parquet file with DuckDB from a SELECT. */
  parquet(name: string, select: string): Promise<string>;
  importFile(path: string, options?: ImportOptions, name?: string): Promise<Job>;
  datasetSlugs(): Promise<string[]>;
  scratchImports(): Promise<string[]>;
  close(): Promise<void>;
}

export async function createImportHarness(
  options: { workspaceRoot?: string; throttleMs?: number } = {},
): Promise<ImportHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'mlw-import-'));
  const workspace = await openWorkspace(options.workspaceRoot ?? join(dir, 'ws'));
  const jobs = createJobService(options.throttleMs === undefined ? {} : { throttleMs: options.throttleMs });
  const engine = await createDataEngine();
  const duckdb = engine.service;
  const datasets = createDatasetService({ workspace, jobs, duckdb });
  return {
    dir,
    workspace,
    jobs,
    duckdb,
    datasets,
    async fixture(name, content) {
      const path = join(dir, name);
      await writeFile(path, content);
      return path;
    },
    async parquet(name, select) {
      const path = join(dir, name);
      await duckdb.withConnection((session) =>
        session.run(`COPY (${select}) TO ${sqlString(path)} (FORMAT parquet)`),
      );
      return path;
    },
    importFile: (path, options, name) =>
      jobs.wait(
        datasets.importFile({
          source: { path, label: path, temporary: false },
          ...(options ? { options } : {}),
          ...(name ? { name } : {}),
        }).id,
      ),
    datasetSlugs: async () => (await readdir(workspace.folder('datasets'))).sort(),
    scratchImports: () => readdir(workspace.scratch('imports')).catch(() => []),
    async close() {
      await jobs.dispose();
      await engine.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
