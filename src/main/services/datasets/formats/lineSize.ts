import { createReadStream } from 'node:fs';
import { cancelledError } from '../../../../shared/contract/errors.js';

/** A line longer than the reader's max line size. */
export interface LongLine {
  /** 1-based. */
  line: number;
  /** Its length without the line break. */
  bytes: number;
}

const LF = 0x0a;
const CR = 0x0d;
const CHUNK = 1 << 20;

/**
 * Finds the first line DuckDB's `max_line_size` refuses: one whose bytes with its line break exceed
 * it. DuckDB cannot be relied on for this: its
 * sniffer reads one 32 MB buffer and reports the buffer's size as the line's, on line 1; and a read
 * that records faulty lines drops a line longer than its buffer without recording it. Jumps a whole
 * max line size at a time (the last line break within reach ends every line before it), so it reads
 * the file at the speed of the disk; the line number is counted only once a long line is found.
 * With `withinBytes`, looks only for a line that starts and grows too long in the file's first bytes.
 */
export async function findLongLine(
  path: string,
  maxLineSize: number,
  signal?: AbortSignal,
  withinBytes = Number.POSITIVE_INFINITY,
): Promise<LongLine | undefined> {
  // The longest a line may be without its line break.
  const most = maxLineSize - 1;
  let lineStart = 0;
  let longEnd: number | undefined;
  let base = 0;
  let lastByte = -1;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
    if (signal?.aborted) throw cancelledError('The import');
    const bytes = chunk as Buffer;
    if (longEnd === undefined && base >= withinBytes) return undefined;
    if (longEnd === undefined) {
      for (;;) {
        const from = Math.max(lineStart - base, 0);
        const reach = lineStart + most - base;
        if (reach < bytes.length) {
          const newline = bytes.lastIndexOf(LF, reach);
          if (newline >= from) {
            lineStart = base + newline + 1;
            continue;
          }
          longEnd = -1;
        } else {
          const newline = bytes.lastIndexOf(LF);
          if (newline >= from) lineStart = base + newline + 1;
        }
        break;
      }
    }
    if (longEnd === -1) {
      // The long line starts at lineStart: find where it ends, to say how long it is.
      const end = bytes.indexOf(LF, Math.max(lineStart + most - base, 0));
      if (end !== -1) {
        longEnd = base + end - (end > 0 && bytes[end - 1] === CR ? 1 : 0);
        break;
      }
    }
    base += bytes.length;
    lastByte = bytes[bytes.length - 1] ?? -1;
  }
  if (longEnd === undefined) {
    if (base - lineStart <= most) return undefined;
    longEnd = -1;
  }
  if (longEnd === -1) longEnd = base - (lastByte === CR ? 1 : 0);
  return { line: (await countLines(path, lineStart, signal)) + 1, bytes: longEnd - lineStart };
}

/** Line breaks in the first `end` bytes. */
async function countLines(path: string, end: number, signal?: AbortSignal): Promise<number> {
  let count = 0;
  if (end === 0) return 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK, end: end - 1 })) {
    if (signal?.aborted) throw cancelledError('The import');
    const bytes = chunk as Buffer;
    for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) count += 1;
  }
  return count;
}
