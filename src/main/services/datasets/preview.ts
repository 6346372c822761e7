import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetPreview, ImportOptions } from '../../../shared/contract/datasets.js';
import { jsonScalar, type DuckDb, type DuckDbSession } from '../duckdb/index.js';
import { detectFormat } from './formats/detect.js';
import { readerError } from './formats/readerError.js';
import { resolveReader } from './formats/readers.js';
import { inspectSource, type InspectedSource } from './sourceFile.js';

export const PREVIEW_ROWS = 20;
/** Past this size a text file is previewed from a copy of its head, so a preview stays instant. */
const HEAD_ONLY_ABOVE_BYTES = 8 * 1024 * 1024;
const HEAD_COPY_BYTES = 1024 * 1024;

/** The first rows of a file as an import with `options` would read them, with the settings used. */
export async function previewSource(
  duckdb: DuckDb,
  scratchDir: string,
  input: { path: string; label: string; options: ImportOptions; signal?: AbortSignal },
): Promise<DatasetPreview> {
  const full = await inspectSource(input.path, input.label);
  const format = input.options.format ?? detectFormat(full.fileName, full.head);
  const headOnly =
    full.sizeBytes > HEAD_ONLY_ABOVE_BYTES && (format === 'csv' || format === 'tsv' || format === 'ndjson');
  const dir = join(scratchDir, crypto.randomUUID());
  try {
    const source = headOnly ? await copyHead(full, dir) : full;
    return await duckdb.withConnection(async (session) => {
      const reader = await resolveReader(session, source, input.options, input.signal);
      const columns = await describe(session, reader.relationSql, input.signal).catch(
        async (error: unknown) => {
          throw await readerError(full, reader.format, error, input.signal);
        },
      );
      const rows = await session
        .rows(`SELECT * FROM ${reader.relationSql} LIMIT ${PREVIEW_ROWS}`, { signal: input.signal })
        .catch(async (error: unknown) => {
          throw await readerError(full, reader.format, error, input.signal);
        });
      return {
        fileName: full.fileName,
        format: reader.format,
        ...(reader.csv ? { csv: reader.csv } : {}),
        columns,
        rows: rows.map((row) => columns.map(({ name }) => jsonScalar(row[name]))),
      };
    });
  } finally {
    if (headOnly) await rm(dir, { recursive: true, force: true });
  }
}

async function describe(session: DuckDbSession, relationSql: string, signal?: AbortSignal) {
  const described = await session.rows(`DESCRIBE SELECT * FROM ${relationSql}`, { signal });
  return described.map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
}

/** The head up to its last complete line, under the source's own name so messages still name it. */
async function copyHead(source: InspectedSource, dir: string): Promise<InspectedSource> {
  const handle = await open(source.path, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(HEAD_COPY_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const lastNewline = head.lastIndexOf(10);
  const complete = lastNewline > 0 ? head.subarray(0, lastNewline + 1) : head;
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'head');
  await writeFile(path, complete);
  return { ...source, path, head: source.head };
}
