import { join } from 'node:path';
import type { Job } from '../../../shared/contract/jobs.js';
import type { NotebookFile, Sample } from '../../../shared/contract/notebooks.js';
import type { DuckDb } from '../duckdb/index.js';
import type { JobService } from '../jobs/index.js';
import type { TrustedSource, Workspace } from '../workspace/index.js';
import { createNotebookStore, type NotebookStore } from './notebookStore.js';
import { createSampleCatalog, findSamplesDir } from './samples.js';
import { createSqlSessions } from './sqlSessions.js';
import { newCell, templateDocument } from './templates.js';

/** The store's file operations, plus creating from templates, SQL sessions and samples. */
export interface NotebookService extends Pick<NotebookStore, 'list' | 'get' | 'save' | 'rename' | 'trash'> {
  create(name: string, template: 'blank' | 'eda', dataset?: string): Promise<NotebookFile>;
  /** Starts a query as a job whose result is a TableOutput of at most `limit` rows from `offset`. */
  runSql(notebook: string, sql: string, limit: number, offset?: number): Job;
  cancel(notebook: string): { cancelled: boolean };
  samples(): Promise<Sample[]>;
  /** Imports a sample (unless its data set exists) and writes its example notebook (unless it exists). */
  importSample(id: string): Promise<{ job: Job | null; notebook: string }>;
  dispose(): void;
}

export interface NotebookServiceDeps {
  workspace: Workspace;
  jobs: JobService;
  duckdb: DuckDb;
  /**
   * The data set service's list and import, passed in by the composition root, so this service
   * depends on two functions rather than on the data set service's whole interface.
   */
  datasets: {
    list(): Promise<{ slug: string; importedAt: string }[]>;
    importFile(source: TrustedSource, name: string): Job;
  };
  /** Where the bundled samples are; found beside the app when not given. */
  samplesDir?: string;
}

export function createNotebookService(deps: NotebookServiceDeps): NotebookService {
  const { workspace, jobs, duckdb, datasets } = deps;
  const store = createNotebookStore(workspace);
  const catalog = createSampleCatalog(deps.samplesDir ?? findSamplesDir());
  const sessions = createSqlSessions(duckdb, async () =>
    (await datasets.list()).map((manifest) => ({
      slug: manifest.slug,
      parquetPath: join(workspace.folder('datasets'), manifest.slug, 'data.parquet'),
      version: manifest.importedAt,
    })),
  );
  const running = new Map<string, Set<string>>();

  return {
    list: () => store.list(),
    get: (name) => store.get(name),
    create: (name, template, dataset) => store.create(name, templateDocument(template, dataset)),
    save: (name, revision, document) => store.save(name, revision, document),
    async rename(name, to) {
      const summary = await store.rename(name, to);
      sessions.close(name);
      return summary;
    },
    async trash(name) {
      const result = await store.trash(name);
      sessions.close(name);
      return result;
    },
    runSql(notebook, sql, limit, offset = 0) {
      const ids = running.get(notebook) ?? new Set<string>();
      running.set(notebook, ids);
      let jobId = '';
      const job = jobs.start({ kind: 'notebook.sql', title: `SQL cell in ${notebook}` }, async (ctx) => {
        try {
          return await sessions.run(notebook, sql, {
            limit,
            offset,
            signal: ctx.signal,
            onProgress: (fraction) => ctx.progress(fraction, 'Running the query'),
          });
        } finally {
          ids.delete(jobId);
        }
      });
      jobId = job.id;
      ids.add(job.id);
      return job;
    },
    cancel(notebook) {
      const ids = [...(running.get(notebook) ?? [])];
      for (const id of ids) jobs.cancel(id);
      return { cancelled: ids.length > 0 };
    },
    samples: () => catalog.list(),
    async importSample(id) {
      const sample = await catalog.get(id);
      const present = (await datasets.list()).some((manifest) => manifest.slug === sample.id);
      const job = present
        ? null
        : datasets.importFile({ path: sample.path, label: sample.fileName, temporary: false }, sample.id);
      if (!(await store.exists(sample.notebook))) {
        await store.create(sample.notebook, { cells: sample.cells.map(newCell) });
      }
      return { job, notebook: sample.notebook };
    },
    dispose: () => sessions.dispose(),
  };
}
