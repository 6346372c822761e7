import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  datasetManifestSchema,
  type DatasetFormat,
  type DatasetManifest,
  type DatasetPreview,
  type ImportOptions,
  type Profile,
} from '../../../shared/contract/datasets.js';
import { WorkbenchError, isWorkbenchError } from '../../../shared/contract/errors.js';
import type { Job } from '../../../shared/contract/jobs.js';
import type { DuckDb, RunOptions } from '../duckdb/index.js';
import type { JobService } from '../jobs/index.js';
import type { TrustedSource, Workspace } from '../workspace/index.js';
import { readerError } from './formats/readerError.js';
import { resolveReader } from './formats/readers.js';
import { readWithRejects, type RaggedRows } from './formats/rejects.js';
import { runImport, type ImportRequest } from './importJob.js';
import { previewSource } from './preview.js';
import { profileInPlace, profileRelation, readStoredProfile } from './profile.js';
import { inspectSource } from './sourceFile.js';

export interface DatasetService {
  list(): Promise<DatasetManifest[]>;
  get(slug: string): Promise<{ manifest: DatasetManifest; profile: Profile }>;
  /**
   * Imports a CSV, TSV, Parquet, JSON or NDJSON file as a job; the job's result is `{ slug }`.
   * A temporary source is removed afterwards.
   */
  importFile(input: ImportRequest): Job;
  /** The first rows as an import with these options would read them; reads only the head of big files. */
  preview(input: {
    source: TrustedSource;
    options?: ImportOptions;
    signal?: AbortSignal;
  }): Promise<DatasetPreview>;
  /** Profiles a file in place, without importing it (for `mlw data profile`). */
  profileCsv(
    sourcePath: string,
    options?: { signal?: AbortSignal; onProgress?: (f: number) => void },
  ): Promise<Profile>;
  /** profileCsv as a job whose result is the Profile. */
  profileJob(source: TrustedSource): Job;
  /** How DuckDB reads a file in place (a drift side): its relation, format and content hash. */
  relationOf(sourcePath: string, signal?: AbortSignal): Promise<FileRelation>;
}

export interface FileRelation {
  relationSql: string;
  format: DatasetFormat;
  fileName: string;
}

export interface DatasetServiceDeps {
  workspace: Workspace;
  jobs: JobService;
  duckdb: DuckDb;
}

export function createDatasetService({ workspace, jobs, duckdb }: DatasetServiceDeps): DatasetService {
  const datasetsDir = workspace.folder('datasets');

  const list = async (): Promise<DatasetManifest[]> => {
    const entries = await readdir(datasetsDir, { withFileTypes: true });
    const manifests = await Promise.all(
      entries
        .filter((entry) => entry.isDirectory())
        .map((entry) =>
          workspace
            .readJson(join('datasets', entry.name, 'dataset.json'), datasetManifestSchema)
            .catch(() => undefined),
        ),
    );
    return manifests
      .filter((manifest): manifest is DatasetManifest => manifest !== undefined)
      .sort((a, b) => b.importedAt.localeCompare(a.importedAt));
  };

  const importDeps = {
    workspace,
    duckdb,
    profile: (relationSql: string, raggedRows: RaggedRows, options: RunOptions) =>
      profileRelation(duckdb, relationSql, { raggedRows }, options),
  };

  const profileCsv: DatasetService['profileCsv'] = async (sourcePath, options = {}) => {
    const source = await inspectSource(sourcePath);
    return duckdb.withConnection(async (session) => {
      const reader = await resolveReader(session, source, {}, options.signal);
      const read = readWithRejects(reader, source.path);
      const profile = await profileInPlace(
        duckdb,
        {
          relationSql: read.relationSql,
          raggedRows: (copied) => read.collect(copied, source, options.signal),
        },
        workspace.scratch('profiles', crypto.randomUUID()),
        { sourceSizeBytes: source.sizeBytes },
        options,
      ).catch(async (error: unknown) => {
        throw await readerError(source, reader.format, error, options.signal, reader.csv);
      });
      if (profile.rows === 0) {
        throw new WorkbenchError({
          code: 'DATASET_EMPTY',
          message: reader.csv?.hasHeader
            ? `${source.fileName} has a header but no data rows.`
            : `${source.fileName} has no rows.`,
          hint: 'Export the data again with its rows.',
        });
      }
      return profile;
    });
  };

  const releasing = async <T>(source: TrustedSource, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } finally {
      if (source.temporary) await rm(dirname(source.path), { recursive: true, force: true });
    }
  };

  return {
    list,
    async get(slug) {
      const manifest = await workspace
        .readJson(join('datasets', slug, 'dataset.json'), datasetManifestSchema)
        .catch((error: unknown) => {
          if (isWorkbenchError(error) && error.code === 'NOT_FOUND') {
            throw new WorkbenchError({
              code: 'NOT_FOUND',
              message: `There is no data set "${slug}" in this workspace.`,
              hint: 'Import it first, or pick one from the Data list.',
            });
          }
          throw error;
        });
      return { manifest, profile: await readStoredProfile(workspace, duckdb, manifest) };
    },
    importFile(request) {
      const fileName = basename(request.source.label);
      assertWhole(request.source, 'imported');
      return jobs.start({ kind: 'datasets.import', title: `Import ${fileName}` }, (ctx) =>
        releasing(request.source, () => runImport(importDeps, ctx, request)),
      );
    },
    preview: ({ source, options = {}, signal }) =>
      previewSource(duckdb, workspace.scratch('previews'), {
        path: source.path,
        label: source.label,
        options,
        ...(signal ? { signal } : {}),
        ...(source.headOnly ? { headOnly: true } : {}),
      }),
    profileJob(source) {
      assertWhole(source, 'profiled');
      return jobs.start({ kind: 'datasets.profile', title: `Profile ${basename(source.label)}` }, (ctx) =>
        releasing(source, () =>
          profileCsv(source.path, {
            signal: ctx.signal,
            onProgress: (fraction) => ctx.progress(fraction, 'Profiling'),
          }),
        ),
      );
    },
    profileCsv,
    async relationOf(sourcePath, signal) {
      const source = await inspectSource(sourcePath);
      const reader = await duckdb.withConnection((session) => resolveReader(session, source, {}, signal));
      return {
        relationSql: reader.relationSql,
        format: reader.format,
        fileName: source.fileName,
      };
    },
  };
}

/** A head sample was uploaded for a preview; the whole file is a separate upload. */
function assertWhole(source: TrustedSource, verb: 'imported' | 'profiled'): void {
  if (!source.headOnly) return;
  throw new WorkbenchError({
    code: 'INVALID_INPUT',
    message: `That upload is only the head of ${basename(source.label)}, sent for the preview; it cannot be ${verb}.`,
    hint: 'Wait for the whole file to upload, then use its upload.',
  });
}
