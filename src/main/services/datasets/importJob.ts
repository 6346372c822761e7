import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetManifest, ImportOptions } from '../../../shared/contract/datasets.js';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { formatBytes } from '../../../shared/format/numbers.js';
import { sqlString, type DuckDb, type RunOptions } from '../duckdb/index.js';
import type { JobContext } from '../jobs/index.js';
import { writeJsonAtomic, type TrustedSource, type Workspace } from '../workspace/index.js';
import { diskFullError, ensureFreeSpace, estimateImportBytes, isDiskFull } from './diskSpace.js';
import { readerError } from './formats/readerError.js';
import { readWithRejects, type RaggedRows } from './formats/rejects.js';
import { resolveReader, type ResolvedReader } from './formats/readers.js';
import { slugify, uniqueSlug } from './slug.js';
import { inspectSource, sha256File } from './sourceFile.js';

/** What the pipeline needs of a profile; the profile itself is written as the profiler made it. */
export interface ImportProfile {
  rows: number;
  columnCount: number;
  columns: { name: string; type: string }[];
}

export interface ImportPipelineDeps<P extends ImportProfile> {
  workspace: Workspace;
  duckdb: DuckDb;
  /** The profiler, passed in so the pipeline does not depend on how profiles are computed. */
  profile: (relationSql: string, raggedRows: RaggedRows, options: RunOptions) => Promise<P>;
}

export interface ImportRequest {
  source: TrustedSource;
  name?: string;
  options?: ImportOptions;
}

/**
 * Source → checks → reader (detected or given) → COPY to Parquet in scratch → profile → manifest →
 * one rename into datasets/. Anything that fails or is cancelled removes the scratch folder, so the
 * workspace never holds a half-written data set. The source is only ever read.
 */
export async function runImport<P extends ImportProfile>(
  deps: ImportPipelineDeps<P>,
  ctx: JobContext,
  { source: trusted, name, options = {} }: ImportRequest,
): Promise<{ slug: string }> {
  const { workspace } = deps;
  ctx.progress(0, 'Checking the file');
  const source = await inspectSource(trusted.path, trusted.label);
  ctx.log(`Reading ${trusted.temporary ? source.fileName : source.path} (${formatBytes(source.sizeBytes)})`);
  // Before anything is written: refuse an import the disk cannot hold.
  await ensureFreeSpace(
    workspace.scratch(),
    source.fileName,
    estimateImportBytes(source, options.sampleRows),
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
    const parquetPath = join(stage, 'data.parquet');
    const result = await deps.duckdb.withConnection(async (session) => {
      const reader = await resolveReader(session, source, options, ctx.signal);
      ctx.log(describeReader(reader, options.sampleRows));
      ctx.progress(0.02, 'Converting to Parquet');
      // Reservoir sampling reads every row once and keeps a uniform N, like `shuf -n N`.
      const read = readWithRejects(reader, source.path);
      const select = options.sampleRows
        ? `SELECT * FROM ${read.relationSql} USING SAMPLE reservoir(${options.sampleRows} ROWS)`
        : `SELECT * FROM ${read.relationSql}`;
      await session
        .run(`COPY (${select}) TO ${sqlString(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`, {
          signal: ctx.signal,
          onProgress: (fraction) => ctx.progress(0.02 + fraction * 0.68, 'Converting to Parquet'),
        })
        .catch(async (error: unknown) => {
          throw await readerError(source, reader.format, error, ctx.signal, reader.csv);
        });
      const raggedRows = await read.collect(session, source, ctx.signal);
      if (raggedRows.count > 0) ctx.log(describeRagged(raggedRows));
      ctx.progress(0.7, 'Profiling');
      const profile = await deps.profile(`read_parquet(${sqlString(parquetPath)})`, raggedRows, {
        signal: ctx.signal,
        onProgress: (fraction) => ctx.progress(0.7 + fraction * 0.28, 'Profiling'),
      });
      return { reader, profile };
    });
    if (result.profile.rows === 0) {
      const csvWithHeader = result.reader.csv?.hasHeader === true;
      throw new WorkbenchError({
        code: 'DATASET_EMPTY',
        message: csvWithHeader
          ? `${source.fileName} has a header but no data rows.`
          : `${source.fileName} has no rows.`,
        hint: 'Export the data again with its rows; nothing was added to the workspace.',
        details: { path: source.path },
      });
    }
    ctx.progress(0.98, 'Saving');
    const sha256 = await hashing;
    const datasetsDir = workspace.folder('datasets');
    const slug = uniqueSlug(slugify(name ?? source.fileName), new Set(await readdir(datasetsDir)));
    const manifest: DatasetManifest = {
      schemaVersion: 2,
      slug,
      name: name ?? source.fileName.replace(/\.[^.]+$/, ''),
      format: result.reader.format,
      source: {
        fileName: source.fileName,
        path: trusted.temporary ? null : source.path,
        sizeBytes: source.sizeBytes,
        sha256,
        modifiedAt: source.modifiedAt,
      },
      ...(result.reader.csv ? { csv: result.reader.csv } : {}),
      ...(options.sampleRows ? { sample: { rows: options.sampleRows } } : {}),
      data: { file: 'data.parquet', sizeBytes: (await stat(parquetPath)).size },
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
    // Whatever filled up (DuckDB's Parquet, a manifest's atomic write), the user's news is the same:
    // this import, and that nothing of it was kept; not a path in scratch.
    if (isDiskFull(error) || (error instanceof WorkbenchError && error.code === 'DISK_FULL')) {
      throw diskFullError(source.fileName, error);
    }
    throw error;
  }
}

function describeReader(reader: ResolvedReader, sampleRows: number | undefined): string {
  const sample = sampleRows ? `; keeping a random sample of ${sampleRows} rows` : '';
  if (!reader.csv) return `Reading as ${reader.format}${sample}`;
  const { delimiter, hasHeader, encoding } = reader.csv;
  return `Reading as ${reader.format}: delimiter ${JSON.stringify(delimiter)}, header: ${hasHeader ? 'yes' : 'no'}, encoding ${encoding}${sample}`;
}

function describeRagged({ count, padded, capped }: RaggedRows): string {
  const atLeast = capped ? 'at least ' : '';
  const leftOut = count - padded;
  const parts = [
    ...(padded > 0 ? [`Padded ${atLeast}${padded} rows with fewer fields than the header with NULLs`] : []),
    ...(leftOut > 0
      ? [
          `${padded > 0 ? 'left' : 'Left'} out ${atLeast}${leftOut} rows whose number of fields differs from the header`,
        ]
      : []),
  ];
  return `${parts.join('; ')} (listed in the profile's lint)`;
}
