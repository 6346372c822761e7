import { createReadStream } from 'node:fs';
import { WorkbenchError, cancelledError } from '../../../shared/contract/errors.js';

/**
 * How deep JSON may nest before DuckDB reads it. DuckDB's JSON reader recurses once per level and
 * overflows its stack somewhere between 3,000 and 10,000 levels (measured with 1.5: a SIGSEGV of
 * the data worker); real data sets nest a handful of levels.
 */
export const MAX_JSON_DEPTH = 1_000;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

/**
 * Refuses a JSON or NDJSON file nested deeper than `maxDepth` before DuckDB sees it. Streams the
 * file in 1 MB chunks (an await between them, so the event loop never stalls); brackets inside
 * strings, and escaped quotes, do not count.
 */
export async function assertJsonDepth(
  path: string,
  fileName: string,
  signal?: AbortSignal,
  maxDepth: number = MAX_JSON_DEPTH,
): Promise<void> {
  let depth = 0;
  let line = 1;
  let inString = false;
  let escaped = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    if (signal?.aborted) throw cancelledError('The import');
    const bytes = chunk as Buffer;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (byte === NEWLINE) line += 1;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) inString = false;
      } else if (byte === QUOTE) inString = true;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        depth += 1;
        if (depth > maxDepth) throw tooDeep(fileName, maxDepth, line);
      } else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && depth > 0) depth -= 1;
    }
  }
}

function tooDeep(fileName: string, maxDepth: number, line: number): WorkbenchError {
  return new WorkbenchError({
    code: 'DATASET_PARSE',
    message: `Cannot import ${fileName}: its values nest more than ${maxDepth.toLocaleString('en-US')} levels deep (at line ${line.toLocaleString('en-US')}).`,
    hint: `The workbench reads JSON nested at most ${maxDepth.toLocaleString('en-US')} levels deep. Flatten the deepest values (e.g. store them as strings) and import again.`,
    details: { maxDepth, line },
  });
}
