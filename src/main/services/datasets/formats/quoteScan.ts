import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { cancelledError } from '../../../../shared/contract/errors.js';

/** A quoted field the reader cannot close where its field ends. */
export interface OpenQuote {
  /** 1-based line on which the quoted field opens. */
  line: number;
  /** That line as written, up to 200 bytes. */
  text: string;
  /**
   * `unclosed`: no closing quote before the end of the file; `text-after-quote`: its closing quote is
   * followed by more text, not a delimiter or the end of the line; `too-long`: still open after
   * `maxQuotedBytes` bytes.
   */
  reason: 'unclosed' | 'text-after-quote' | 'too-long';
}

export interface QuoteScanOptions {
  /** One byte each; an escape equal to the quote means a doubled quote stands for one. */
  delimiter: number;
  quote: number;
  escape: number;
  /** Lines before the data to ignore (title lines an export tool wrote). */
  skipLines: number;
  /** Stop at the first field start after this many lines, e.g. the sniffer's sample. */
  maxLines?: number;
  /** Report a quoted field still open after this many bytes. */
  maxQuotedBytes?: number;
}

const LF = 0x0a;
const CR = 0x0d;
const TEXT_BYTES = 200;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** Just after a quote inside a quoted field: it closes the field or, doubled, stands for itself. */
  AfterQuote,
  /** Just after the escape character inside a quoted field (when it is not the quote). */
  Escaped,
}

/**
 * Finds the first quoted field that does not close, reading the file as RFC 4180 does: a quote
 * opens a field only at its start, and must be followed by a delimiter or the end of the line.
 * DuckDB's sniffer treats quoting it cannot make sense of as no quoting at all, and then imports the
 * quote characters as text; this says which line broke it. Streams the file; stops at the first
 * finding.
 */
export async function findOpenQuote(
  path: string,
  options: QuoteScanOptions,
  signal?: AbortSignal,
): Promise<OpenQuote | undefined> {
  const { delimiter, quote, escape, skipLines } = options;
  const maxLines = options.maxLines ?? Number.POSITIVE_INFINITY;
  const maxQuoted = options.maxQuotedBytes ?? Number.POSITIVE_INFINITY;
  let state = State.FieldStart;
  let line = 1;
  let lineStart = 0;
  let opened = { line: 0, lineStart: 0, offset: 0 };
  let base = 0;
  const found = async (reason: OpenQuote['reason']): Promise<OpenQuote> => ({
    line: opened.line,
    text: await lineText(path, opened.lineStart),
    reason,
  });
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    if (signal?.aborted) throw cancelledError('The import');
    const bytes = chunk as Buffer;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (byte === LF) {
        line += 1;
        lineStart = base + i + 1;
      }
      if (line <= skipLines) continue;
      switch (state) {
        case State.FieldStart:
          if (line > skipLines + maxLines) return undefined;
          if (byte === quote) {
            state = State.Quoted;
            opened = { line, lineStart, offset: base + i };
          } else if (byte !== delimiter && byte !== LF) state = State.Unquoted;
          break;
        case State.Unquoted:
          if (byte === delimiter || byte === LF) state = State.FieldStart;
          break;
        case State.Quoted:
          if (base + i - opened.offset > maxQuoted) return found('too-long');
          if (byte === escape && escape !== quote) state = State.Escaped;
          else if (byte === quote) state = State.AfterQuote;
          break;
        case State.Escaped:
          state = State.Quoted;
          break;
        case State.AfterQuote:
          if (byte === quote && escape === quote) state = State.Quoted;
          else if (byte === delimiter || byte === LF) state = State.FieldStart;
          // CR LF ends the line too; the LF that follows starts the next field.
          else if (byte === CR) state = State.Unquoted;
          else return found('text-after-quote');
          break;
      }
    }
    base += bytes.length;
  }
  if (state === State.Quoted || state === State.Escaped) return found('unclosed');
  return undefined;
}

/** The line starting at `offset`, up to its end or TEXT_BYTES bytes, without its line break. */
async function lineText(path: string, offset: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(TEXT_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, TEXT_BYTES, offset);
    const text = buffer.subarray(0, bytesRead);
    const end = text.indexOf(LF);
    return text
      .subarray(0, end === -1 ? bytesRead : end)
      .toString('utf8')
      .replace(/\r$/, '');
  } finally {
    await handle.close();
  }
}
