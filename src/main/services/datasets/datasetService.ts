import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  datasetManifestSchema,
  profileSchema,
  type DatasetManifest,
  type Profile,
} from '../../../shared/contract/datasets.js';
import { WorkbenchError, isWorkbenchError } from '../../../shared/contract/errors.js';
import type { Job } from '../../../shared/contract/jobs.js';
import { formatBytes } from '../../../shared/format/numbers.js';
import { sqlString, type DuckDb, type DuckDbSession } from '../duckdb/index.js';
import type { JobContext, JobService } from '../jobs/index.js';
import { writeJsonAtomic, type TrustedSource, type Workspace } from '../workspace/index.js';
import { toDatasetParseError } from './parseErrors.js';
import { profileRelation } from './profile.js';
import { slugify, uniqueSlug } from './slug.js';
import { inspectTextSource, sha256File, type SourceFileFacts } from './sourceFile.js';

export interface DatasetService {
  list(): Promise<DatasetManifest[]>;
  get(slug: string): Promise<{ manifest: DatasetManifest; profile: Profile }>;
  /** Imports a CSV as a job; the job's result is `{ slug }`. A temporary source is removed afterwards. */
  importCsv(input: { source: TrustedSource; name?: string }): Job;
  /** Profiles a CSV in place, without importing it (for `mlw data profile`). */
  profileCsv(
    sourcePath: string,
    options?: { signal?: AbortSignal; onProgress?: (f: number) => void },
  ): Promise<Profile>;
  /** profileCsv as a job whose result is the Profile. */
  profileJob(source: TrustedSource): Job;
}

export interface DatasetServiceDeps {
  workspace: Workspace;
  jobs: JobService;
  duckdb: DuckDb;
}

interface CsvDialect {
  delimiter: string;
  quote: string;
  hasHeader: boolean;
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

  const runImport = async (ctx: JobContext, trusted: TrustedSource, name: string | undefined) => {
    ctx.progress(0, 'Checking the file');
    const source = await inspectTextSource(trusted.path, trusted.label);
    ctx.log(
      `Reading ${trusted.temporary ? source.fileName : source.path} (${formatBytes(source.sizeBytes)})`,
    );
    const stage = workspace.scratch('imports', crypto.randomUUID());
    let onFailure = (): void => undefined;
    await mkdir(stage, { recursive: true });
    try {
      // Hash beside the conversion; if the import fails first, stop the hash and drop its outcome,
      // so a cancelled import leaves no read running and no unhandled rejection behind.
      const stopHashing = new AbortController();
      const hashing = sha256File(source.path, AbortSignal.any([ctx.signal, stopHashing.signal]));
      hashing.catch(() => undefined);
      onFailure = () => stopHashing.abort();
      const result = await duckdb.withConnection(async (session) => {
        const dialect = await sniffCsv(session, source, ctx.signal);
        ctx.log(
          `Detected delimiter ${JSON.stringify(dialect.delimiter)}, header: ${dialect.hasHeader ? 'yes' : 'no'}`,
        );
        ctx.progress(0.02, 'Converting to Parquet');
        const parquetPath = join(stage, 'data.parquet');
        await session
          .run(
            `COPY (SELECT * FROM ${readCsvSql(source.path, dialect)}) TO ${sqlString(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`,
            {
              signal: ctx.signal,
              onProgress: (fraction) => ctx.progress(0.02 + fraction * 0.68, 'Converting to Parquet'),
            },
          )
          .catch((error: unknown) => {
            throw toDatasetParseError(source.fileName, error);
          });
        ctx.progress(0.7, 'Profiling');
        const profile = await profileRelation(
          session,
          `read_parquet(${sqlString(parquetPath)})`,
          duckdb.version,
          {
            signal: ctx.signal,
            onProgress: (fraction) => ctx.progress(0.7 + fraction * 0.28, 'Profiling'),
          },
        );
        return { dialect, profile, parquetPath };
      });
      if (result.profile.rows === 0) {
        throw new WorkbenchError({
          code: 'DATASET_EMPTY',
          message: `${source.fileName} has a header but no data rows.`,
          hint: 'Export the data again with its rows; nothing was added to the workspace.',
          details: { path: source.path },
        });
      }
      ctx.progress(0.98, 'Saving');
      const sha256 = await hashing;
      const taken = new Set(await readdir(datasetsDir));
      const slug = uniqueSlug(slugify(name ?? source.fileName), taken);
      const manifest: DatasetManifest = {
        schemaVersion: 1,
        slug,
        name: name ?? source.fileName.replace(/\.[^.]+$/, ''),
        format: 'csv',
        source: {
          fileName: source.fileName,
          path: trusted.temporary ? null : source.path,
          sizeBytes: source.sizeBytes,
          sha256,
          modifiedAt: source.modifiedAt,
        },
        csv: result.dialect,
        data: { file: 'data.parquet', sizeBytes: (await stat(result.parquetPath)).size },
        rows: result.profile.rows,
        columns: result.profile.columns.map(({ name: columnName, type }) => ({ name: columnName, type })),
        importedAt: new Date().toISOString(),
      };
      await writeJsonAtomic(join(stage, 'dataset.json'), manifest);
      await writeJsonAtomic(join(stage, 'profile.json'), result.profile);
      // The data set appears whole or not at all: it is assembled in scratch and renamed into place.
      await rename(stage, join(datasetsDir, slug));
      ctx.log(`Imported ${result.profile.rows} rows x ${result.profile.columnCount} columns as ${slug}`);
      return { slug };
    } catch (error) {
      onFailure();
      await rm(stage, { recursive: true, force: true });
      throw error;
    }
  };

  const profileCsv: DatasetService['profileCsv'] = async (sourcePath, options = {}) => {
    const source = await inspectTextSource(sourcePath);
    return duckdb.withConnection(async (session) => {
      const dialect = await sniffCsv(session, source, options.signal);
      const profile = await profileRelation(
        session,
        readCsvSql(source.path, dialect),
        duckdb.version,
        options,
      ).catch((error: unknown) => {
        throw toDatasetParseError(source.fileName, error);
      });
      if (profile.rows === 0) {
        throw new WorkbenchError({
          code: 'DATASET_EMPTY',
          message: `${source.fileName} has a header but no data rows.`,
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
      const profile = await workspace.readJson(join('datasets', slug, 'profile.json'), profileSchema);
      return { manifest, profile };
    },
    importCsv({ source, name }) {
      const fileName = basename(source.label);
      return jobs.start({ kind: 'datasets.import', title: `Import ${fileName}` }, (ctx) =>
        releasing(source, () => runImport(ctx, source, name)),
      );
    },
    profileJob(source) {
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
  };
}

async function sniffCsv(
  session: DuckDbSession,
  source: SourceFileFacts,
  signal?: AbortSignal,
): Promise<CsvDialect> {
  const [row] = await session
    .rows(
      `SELECT Delimiter, Quote, HasHeader, len(Columns) AS columnCount FROM sniff_csv(${sqlString(source.path)})`,
      { signal },
    )
    .catch((error: unknown) => {
      throw toDatasetParseError(source.fileName, error);
    });
  if (!row) throw toDatasetParseError(source.fileName, new Error('the CSV dialect could not be detected'));
  const dialect: CsvDialect = {
    delimiter: String(row.Delimiter),
    // sniff_csv spells "no quote character" as the literal text "(empty)".
    quote: typeof row.Quote === 'string' && row.Quote.length === 1 ? row.Quote : '',
    hasHeader: Boolean(row.HasHeader),
  };
  if (Number(row.columnCount) === 1) return verifySingleColumn(session, source, dialect, signal);
  return dialect;
}

/**
 * DuckDB's sniffer falls back to one column when quoting is broken, which would import every line
 * as one text value. When the header holds a delimiter, read strictly with it so the user learns
 * which line is broken instead of getting a silently wrong data set.
 */
async function verifySingleColumn(
  session: DuckDbSession,
  source: SourceFileFacts,
  sniffed: CsvDialect,
  signal?: AbortSignal,
): Promise<CsvDialect> {
  const header = await firstLine(source.path);
  const delimiter = [',', '\t', ';', '|'].find((candidate) => header.includes(candidate));
  if (!delimiter) return sniffed;
  const names = header.split(delimiter).map((name, i) => name.replace(/^"|"$/g, '').trim() || `column${i}`);
  const columns = names.map((name, i) => `${sqlString(`${name}_${i}`)}: 'VARCHAR'`).join(', ');
  await session
    .run(
      `SELECT count(*) FROM read_csv(${sqlString(source.path)}, delim = ${sqlString(delimiter)}, quote = '"', header = true, auto_detect = false, columns = {${columns}})`,
      { signal },
    )
    .catch((error: unknown) => {
      throw toDatasetParseError(source.fileName, error);
    });
  return { delimiter, quote: '"', hasHeader: true };
}

async function firstLine(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0] ?? '';
  } finally {
    await handle.close();
  }
}

function readCsvSql(path: string, dialect: CsvDialect): string {
  const quote = dialect.quote.length === 1 ? `, quote = ${sqlString(dialect.quote)}` : '';
  return `read_csv(${sqlString(path)}, delim = ${sqlString(dialect.delimiter)}, header = ${dialect.hasHeader}${quote})`;
}
