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

const BINARY_SNIFF_BYTES = 64 * 1024;

/**
 * Checks what can be checked cheaply before DuckDB reads a file: that it exists, is a regular file,
 * is not empty and is not binary (a NUL byte in its first 64 KiB), so the user gets a precise message.
 */
export async function inspectTextSource(path: string, label = path): Promise<SourceFileFacts> {
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
      hint: 'Choose a CSV file, not a folder or device.',
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
  try {
    const buffer = Buffer.alloc(Math.min(BINARY_SNIFF_BYTES, facts.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const nul = buffer.subarray(0, bytesRead).indexOf(0);
    if (nul !== -1) {
      throw new WorkbenchError({
        code: 'DATASET_PARSE',
        message: `${fileName} is not a text file: it has a binary byte at offset ${nul}.`,
        hint: 'A CSV must be text. If it is a spreadsheet or Parquet file, export it as CSV first.',
        details: { path, offset: nul },
      });
    }
  } finally {
    await handle.close();
  }
  return { path, fileName, sizeBytes: facts.size, modifiedAt: facts.mtime.toISOString() };
}

export async function sha256File(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { signal, highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}
