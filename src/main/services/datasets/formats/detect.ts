import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import type { CsvEncoding, DatasetFormat } from '../../../../shared/contract/datasets.js';

/** The first bytes of a file, enough to tell its format and encoding without reading it all. */
export async function readHead(path: string, bytes = 64 * 1024): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const byExtension: Record<string, DatasetFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};

/**
 * Content first where it is certain (Parquet's PAR1 magic), then the extension the user gave the
 * file, then the first character for text without a telling extension.
 */
export function detectFormat(fileName: string, head: Buffer): DatasetFormat {
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  const known = byExtension[extname(fileName).toLowerCase()];
  if (known) return known;
  const text = stripBom(head).toString('utf8').trimStart();
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) {
    // One complete object on the first line means one record per line.
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    try {
      JSON.parse(firstLine);
      return 'ndjson';
    } catch {
      return 'json';
    }
  }
  return 'csv';
}

/** UTF-16 by its byte-order mark; Latin-1 when the head is not UTF-8 and holds no UTF-8 sequence at all. */
export function detectEncoding(head: Buffer): CsvEncoding {
  if (
    head.length >= 2 &&
    ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
  ) {
    return 'utf-16';
  }
  const scan = scanUtf8(head, true);
  if (scan.invalidAt !== undefined && scan.multibyte === 0) return 'latin-1';
  return 'utf-8';
}

function stripBom(head: Buffer): Buffer {
  return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
}

export interface Utf8Scan {
  /** Byte offset of the first byte that is not valid UTF-8. */
  invalidAt?: number;
  /** Count of valid multi-byte sequences seen before it. */
  multibyte: number;
  /** Bytes of an incomplete sequence at the end, to carry into the next chunk. */
  pending: number;
}

/**
 * A strict UTF-8 check (no overlongs, no surrogates). With `atEnd` false, a sequence cut by the end of
 * the buffer is reported as pending rather than invalid, so a file can be scanned in chunks.
 */
export function scanUtf8(bytes: Buffer, atEnd: boolean): Utf8Scan {
  let multibyte = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return { invalidAt: i, multibyte, pending: 0 };
    // The sequence runs past the end of this chunk: the next chunk decides.
    if (!atEnd && i + need >= bytes.length && bytes.subarray(i + 1).every((c) => (c & 0xc0) === 0x80)) {
      return { multibyte, pending: bytes.length - i };
    }
    let code = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return { invalidAt: i, multibyte, pending: 0 };
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      return { invalidAt: i, multibyte, pending: 0 };
    }
    multibyte += 1;
    i += need + 1;
  }
  return { multibyte, pending: 0 };
}
