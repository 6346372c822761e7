import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  CsvEncoding,
  DatasetFormat,
  DatasetPreview,
  ImportOptions,
} from '../../../shared/contract/datasets.js';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { jsonScalar, type DuckDb, type DuckDbSession } from '../duckdb/index.js';
import { detectEncoding, detectFormat } from './formats/detect.js';
import { readerError } from './formats/readerError.js';
import { readWithRejects } from './formats/rejects.js';
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
  input: {
    path: string;
    label: string;
    options: ImportOptions;
    signal?: AbortSignal;
    /** The file is only the head of a bigger one (an upload still under way): its last line may be cut. */
    headOnly?: boolean;
  },
): Promise<DatasetPreview> {
  const full = await inspectSource(input.path, input.label);
  const format = input.options.format ?? detectFormat(full.fileName, full.head);
  const lineBased = format === 'csv' || format === 'tsv' || format === 'ndjson';
  if (input.headOnly && !lineBased) throw needsWholeFile(full.fileName, format);
  const fromHeadCopy = lineBased && (input.headOnly === true || full.sizeBytes > HEAD_ONLY_ABOVE_BYTES);
  const dir = join(scratchDir, crypto.randomUUID());
  try {
    const encoding = format === 'ndjson' ? 'utf-8' : (input.options.encoding ?? detectEncoding(full.head));
    const source = fromHeadCopy ? await copyHead(full, dir, encoding) : full;
    return await duckdb.withConnection(async (session) => {
      const reader = await resolveReader(session, source, input.options, input.signal);
      // Read as the import will: ragged rows are left out (and listed after the import), not fatal.
      const read = readWithRejects(reader, source.path);
      const columns = await describe(session, read.relationSql, input.signal).catch(
        async (error: unknown) => {
          throw await readerError(source, reader.format, error, input.signal, reader.csv);
        },
      );
      const rows = await session
        .rows(`SELECT * FROM ${read.relationSql} LIMIT ${PREVIEW_ROWS}`, { signal: input.signal })
        .catch(async (error: unknown) => {
          throw await readerError(source, reader.format, error, input.signal, reader.csv);
        });
      await read.collect(session, source, input.signal);
      return {
        fileName: full.fileName,
        format: reader.format,
        ...(reader.csv ? { csv: reader.csv } : {}),
        columns,
        rows: rows.map((row) => columns.map(({ name }) => jsonScalar(row[name]))),
      };
    });
  } finally {
    if (fromHeadCopy) await rm(dir, { recursive: true, force: true });
  }
}

/** A Parquet footer sits at the end and a JSON array closes there: neither reads from a head. */
function needsWholeFile(fileName: string, format: DatasetFormat): WorkbenchError {
  const what = format === 'parquet' ? 'A Parquet file' : 'A JSON array';
  return new WorkbenchError({
    code: 'INVALID_INPUT',
    message: `${what} can only be previewed whole, and ${fileName} is still uploading.`,
    hint: 'The preview appears when the upload finishes.',
    details: { format },
  });
}

async function describe(session: DuckDbSession, relationSql: string, signal?: AbortSignal) {
  const described = await session.rows(`DESCRIBE SELECT * FROM ${relationSql}`, { signal });
  return described.map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
}

/** The head up to its last complete line, under the source's own name so messages still name it. */
async function copyHead(
  source: InspectedSource,
  dir: string,
  encoding: CsvEncoding,
): Promise<InspectedSource> {
  const handle = await open(source.path, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(HEAD_COPY_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const end = completeLinesEnd(head, encoding);
  const complete = end > 0 ? head.subarray(0, end) : head;
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'head');
  await writeFile(path, complete);
  return { ...source, path, head: source.head };
}

/**
 * Where the last complete line of `bytes` ends (just past its newline), or 0 when no line is
 * complete. A cut line would read as a row with missing fields or an unclosed quote. In UTF-16 a
 * newline is two bytes at an even offset, in the order the byte-order mark gives (little-endian
 * without one).
 */
export function completeLinesEnd(bytes: Buffer, encoding: CsvEncoding): number {
  if (encoding !== 'utf-16') return bytes.lastIndexOf(0x0a) + 1;
  const bigEndian = bytes[0] === 0xfe && bytes[1] === 0xff;
  for (let i = (bytes.length - 2) & ~1; i >= 0; i -= 2) {
    const [first, second] = bigEndian ? [0x00, 0x0a] : [0x0a, 0x00];
    if (bytes[i] === first && bytes[i + 1] === second) return i + 2;
  }
  return 0;
}
