import type { DatasetFormat } from '../../../../shared/contract/datasets.js';
import { WorkbenchError, isWorkbenchError } from '../../../../shared/contract/errors.js';
import { diskFullError, isDiskFull } from '../diskSpace.js';
import { toDatasetParseError } from '../parseErrors.js';
import type { SourceFileFacts } from '../sourceFile.js';
import { findInvalidUtf8 } from './encoding.js';

const labels: Record<DatasetFormat, string> = {
  csv: 'CSV',
  tsv: 'TSV',
  parquet: 'Parquet',
  json: 'JSON',
  ndjson: 'NDJSON',
};

/** Turns what DuckDB threw while reading a source into a message that names the file and what to do. */
export async function readerError(
  source: SourceFileFacts,
  format: DatasetFormat,
  error: unknown,
  signal?: AbortSignal,
): Promise<WorkbenchError> {
  if (isWorkbenchError(error)) return error;
  if (isDiskFull(error)) return diskFullError(source.fileName, error);
  const raw = error instanceof Error ? error.message : String(error);
  if ((format === 'csv' || format === 'tsv') && /not utf-8 encoded|invalid unicode/i.test(raw)) {
    return utf8Error(source, error, signal);
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
