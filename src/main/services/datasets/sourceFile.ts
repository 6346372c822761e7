import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { WorkbenchError } from '../../../shared/contract/errors.js';

export interface SourceFileFacts {
  path: string;
  fileName: string;
  sizeBytes: number;
  modifiedAt: string;
}

const HEAD_BYTES = 64 * 1024;

export interface InspectedSource extends SourceFileFacts {
  /** The first 64 KiB, for format and encoding detection. */
  head: Buffer;
}

/**
 * Checks what can be checked cheaply before DuckDB reads a file: that it exists, is a regular file
 * and is not empty, so the user gets a precise message. Returns its first bytes for detection.
 */
export async function inspectSource(path: string, label = path): Promise<InspectedSource> {
  const fileName = basename(label);
  const facts = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new WorkbenchError({
      code: 'NOT_FOUND',
      message: `Cannot read ${fileName}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`,
      hint: 'Check the path and that the file is readable.',
      details: { path },
    });
  });
  if (!facts.isFile()) {
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `${fileName} is not a file.`,
      hint: 'Choose a CSV, TSV, Parquet, JSON or NDJSON file, not a folder or device.',
      details: { path },
    });
  }
  if (facts.size === 0) {
    throw new WorkbenchError({
      code: 'DATASET_EMPTY',
      message: `${fileName} is empty (0 bytes).`,
      hint: 'Export the data again and check that the file has a header row and data rows.',
      details: { path },
    });
  }
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, facts.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  return { path, fileName, sizeBytes: facts.size, modifiedAt: facts.mtime.toISOString(), head };
}

/** A NUL byte in the first 64 KiB means binary, unless the text is UTF-16 (where NULs are normal). */
export function assertText(source: InspectedSource): void {
  const nul = source.head.indexOf(0);
  if (nul === -1) return;
  throw new WorkbenchError({
    code: 'DATASET_PARSE',
    message: `${source.fileName} is not a text file: it has a binary byte at offset ${nul}.`,
    hint: 'A CSV must be text. If it is a spreadsheet, export it as CSV first; a Parquet file must start with PAR1.',
    details: { path: source.path, offset: nul },
  });
}

/** inspectSource for a file that must be text (CSV, TSV, JSON). */
export async function inspectTextSource(path: string, label = path): Promise<SourceFileFacts> {
  const source = await inspectSource(path, label);
  assertText(source);
  return source;
}

export async function sha256File(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { signal, highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}
