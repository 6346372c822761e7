import { createReadStream } from 'node:fs';
import { scanUtf8 } from './detect.js';

export interface InvalidUtf8 {
  /** 1-based line number. */
  line: number;
  /** 0-based byte offset in the file. */
  byteOffset: number;
  /** The offending byte, as two hex digits. */
  byte: string;
}

/**
 * Finds the first byte that is not valid UTF-8, streaming the file. DuckDB says only that the file is
 * "not utf-8 encoded" (and its line number can be off by the sniffer's buffering), so we say exactly.
 */
export async function findInvalidUtf8(path: string, signal?: AbortSignal): Promise<InvalidUtf8 | undefined> {
  let offset = 0;
  let line = 1;
  let carry: Buffer = Buffer.alloc(0);
  for await (const raw of createReadStream(path, { signal, highWaterMark: 1024 * 1024 })) {
    const chunk = carry.length > 0 ? Buffer.concat([carry, raw as Buffer]) : (raw as Buffer);
    const scan = scanUtf8(chunk, false);
    const valid = scan.invalidAt ?? chunk.length - scan.pending;
    line += countNewlines(chunk, valid);
    if (scan.invalidAt !== undefined) {
      return {
        line,
        byteOffset: offset + scan.invalidAt,
        byte: (chunk[scan.invalidAt] ?? 0).toString(16).padStart(2, '0'),
      };
    }
    offset += valid;
    carry = chunk.subarray(valid);
  }
  if (carry.length > 0)
    return { line, byteOffset: offset, byte: (carry[0] ?? 0).toString(16).padStart(2, '0') };
  return undefined;
}

function countNewlines(bytes: Buffer, end: number): number {
  let count = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < end; i = bytes.indexOf(10, i + 1)) count += 1;
  return count;
}
