import {
  DEFAULT_MAX_LINE_SIZE,
  type CsvSettings,
  type DatasetFormat,
} from '../../../../shared/contract/datasets.js';
import { WorkbenchError, isWorkbenchError } from '../../../../shared/contract/errors.js';
import { diskFullError, isDiskFull } from '../diskSpace.js';
import { lineTooLongError, toDatasetParseError, unclosedQuoteError } from '../parseErrors.js';
import type { SourceFileFacts } from '../sourceFile.js';
import { readHead } from './detect.js';
import { findInvalidUtf8 } from './encoding.js';
import { findLongLine } from './lineSize.js';
import { findOpenQuote } from './quoteScan.js';

/** What is known of a CSV read when it failed: the settings it used, or those given so far. */
export type CsvReadContext = Partial<
  Pick<CsvSettings, 'delimiter' | 'quote' | 'escape' | 'skipRows' | 'encoding' | 'maxLineSize'>
>;

const labels: Record<DatasetFormat, string> = {
  csv: 'CSV',
  tsv: 'TSV',
  parquet: 'Parquet',
  json: 'JSON',
  ndjson: 'NDJSON',
};

/**
 * Turns what DuckDB threw while reading a source into a message that names the file and what to do.
 * `csv` is what the read was given, so a line over the max line size can be found exactly.
 */
export async function readerError(
  source: SourceFileFacts,
  format: DatasetFormat,
  error: unknown,
  signal?: AbortSignal,
  csv: CsvReadContext = {},
): Promise<WorkbenchError> {
  if (isWorkbenchError(error)) return error;
  if (isDiskFull(error)) return diskFullError(source.fileName, error);
  const raw = error instanceof Error ? error.message : String(error);
  if ((format === 'csv' || format === 'tsv') && /not utf-8 encoded|invalid unicode/i.test(raw)) {
    return utf8Error(source, error, signal);
  }
  if (
    (format === 'csv' || format === 'tsv') &&
    csv.encoding !== 'utf-16' &&
    /Maximum line size of \d+ bytes exceeded|does not support a full read on this file/i.test(raw)
  ) {
    const found = await lineSizeError(source, error, raw, csv, signal).catch((scanError: unknown) => {
      if (signal?.aborted) throw scanError;
      return undefined;
    });
    if (found) return found;
  }
  if (format === 'parquet') {
    return new WorkbenchError(
      {
        code: 'DATASET_PARSE',
        message: `Cannot read ${source.fileName} as Parquet: the file is truncated or corrupt (${firstLine(raw)}).`,
        hint: 'Copy or download the file again, or export it again from the tool that wrote it.',
        details: { path: source.path, reader: raw.slice(0, 2000) },
      },
      { cause: error },
    );
  }
  return toDatasetParseError(source.fileName, error, labels[format]);
}

/**
 * DuckDB's account of a line over the max line size is wrong when its sniffer meets it (line 1, and
 * the 32 MB buffer's size for the line's), and a quote that never closes reads to it the same as a
 * long line. Find which it is: a line that long, named exactly, or else the quoted field that stays
 * open past the limit, named by the line it opens on.
 */
async function lineSizeError(
  source: SourceFileFacts,
  error: unknown,
  raw: string,
  csv: CsvReadContext,
  signal?: AbortSignal,
): Promise<WorkbenchError | undefined> {
  const stated = /Maximum line size of (\d+) bytes/i.exec(raw)?.[1];
  const limit = stated !== undefined ? Number(stated) : (csv.maxLineSize ?? DEFAULT_MAX_LINE_SIZE);
  const long = await findLongLine(source.path, limit, signal);
  if (long) return lineTooLongError(source.fileName, long, limit, error);
  const quote = csv.quote ?? '"';
  const delimiter = csv.delimiter ?? guessDelimiter(await readHead(source.path));
  if (quote.length !== 1 || delimiter.length !== 1) return undefined;
  const open = await findOpenQuote(
    source.path,
    {
      delimiter: delimiter.charCodeAt(0),
      quote: quote.charCodeAt(0),
      escape: (csv.escape || quote).charCodeAt(0),
      skipLines: csv.skipRows ?? 0,
      maxQuotedBytes: limit,
    },
    signal,
  );
  return open && unclosedQuoteError(source.fileName, { ...open, maxQuotedBytes: limit }, 'CSV', error);
}

/** The sniffer failed before it found the delimiter: take the first usual one in the header line. */
function guessDelimiter(head: Buffer): string {
  const header = head.toString('latin1').split('\n', 1)[0] ?? '';
  return [',', '\t', ';', '|'].find((candidate) => header.includes(candidate)) ?? ',';
}

async function utf8Error(
  source: SourceFileFacts,
  error: unknown,
  signal?: AbortSignal,
): Promise<WorkbenchError> {
  const where = await findInvalidUtf8(source.path, signal).catch(() => undefined);
  const at = where
    ? `line ${where.line} is not valid UTF-8 (byte 0x${where.byte} at offset ${where.byteOffset})`
    : 'it is not valid UTF-8';
  return new WorkbenchError(
    {
      code: 'DATASET_PARSE',
      message: `Cannot read ${source.fileName} as UTF-8 text: ${at}.`,
      hint:
        'If the file was saved as Latin-1 (ISO-8859-1, Windows "ANSI"), import it with the encoding set to latin-1 ' +
        '(CLI: --encoding latin-1). If it mixes encodings, convert it to UTF-8 first, e.g. with iconv.',
      details: { path: source.path, ...(where ?? {}) },
    },
    { cause: error },
  );
}

/** A line a read with store_rejects recorded, told as DuckDB tells the first faulty line of a strict read. */
export function rejectedLineError(row: Record<string, unknown>): Error {
  return new Error(
    `CSV Error on Line: ${String(row.line)}\nOriginal Line: ${String(row.csv_line)}\n${String(row.error_message)}`,
  );
}

function firstLine(raw: string): string {
  return (raw.split('\n')[0] ?? raw).replace(/^[A-Za-z ]*Error:\s*/, '').trim();
}
