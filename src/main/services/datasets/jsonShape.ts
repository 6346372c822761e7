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
const COMMA = 0x2c;
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Refuses, before DuckDB sees the file, JSON or NDJSON that DuckDB would read wrongly:
 * - nested deeper than `maxDepth` (DuckDB's reader crashes);
 * - with a record that is not an object (a number, string, array, true/false or null where a row
 *   should be): DuckDB then reads every record as one JSON value, or such a record as a row of
 *   NULLs, without a word.
 * Records are NDJSON's top-level values, and a JSON file's: the elements of its one top-level array,
 * or its top-level values. Streams the file in 1 MB chunks (an await between them, so the event loop
 * never stalls); brackets inside strings, and escaped quotes, do not count.
 */
export async function assertJsonShape(
  path: string,
  fileName: string,
  format: 'json' | 'ndjson',
  signal?: AbortSignal,
  maxDepth: number = MAX_JSON_DEPTH,
): Promise<void> {
  let depth = 0;
  let line = 1;
  let inString = false;
  let escaped = false;
  let offset = 0;
  let records = 0;
  let topValues = 0;
  // JSON whose first top-level value is an array: its elements are the records while it is open.
  let inRecordArray = false;
  let arrayLine = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    if (signal?.aborted) throw cancelledError('The import');
    const bytes = chunk as Buffer;
    for (let i = 0; i < bytes.length; i++, offset++) {
      const byte = bytes[i] ?? 0;
      if (byte === NEWLINE) line += 1;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) inString = false;
        continue;
      }
      const atRecord = depth === 0 || (inRecordArray && depth === 1);
      if (atRecord && !WHITESPACE.has(byte) && byte !== COMMA && byte !== CLOSE_BRACKET) {
        if (offset < UTF8_BOM.length && byte === UTF8_BOM[offset]) continue;
        if (depth === 0) topValues += 1;
        if (depth === 0 && format === 'json' && topValues === 1 && byte === OPEN_BRACKET) {
          inRecordArray = true;
          arrayLine = line;
        } else if (depth === 0 && topValues === 2 && arrayLine > 0) {
          // More than one top-level value: DuckDB reads each as a record, the first array too.
          throw notAnObject(fileName, format, { record: 1, line: arrayLine, kind: 'an array' }, false);
        } else {
          records += 1;
          const kind = byte === OPEN_BRACE ? undefined : kindOf(byte);
          if (kind) throw notAnObject(fileName, format, { record: records, line, kind }, inRecordArray);
        }
      }
      if (byte === QUOTE) inString = true;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        depth += 1;
        if (depth > maxDepth) throw tooDeep(fileName, maxDepth, line);
      } else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && depth > 0) {
        depth -= 1;
        if (depth === 0) inRecordArray = false;
      }
    }
  }
}

/** What a JSON value is, by its first byte; undefined when that is no JSON (DuckDB will say). */
function kindOf(byte: number): string | undefined {
  if (byte === QUOTE) return 'a string';
  if (byte === OPEN_BRACKET) return 'an array';
  if (byte === 0x2d || (byte >= 0x30 && byte <= 0x39)) return 'a number';
  if (byte === 0x74 || byte === 0x66) return 'true or false';
  if (byte === 0x6e) return 'null';
  return undefined;
}

function notAnObject(
  fileName: string,
  format: 'json' | 'ndjson',
  found: { record: number; line: number; kind: string },
  inArray: boolean,
): WorkbenchError {
  const which =
    format === 'ndjson'
      ? `the record on line ${found.line}`
      : `record ${found.record.toLocaleString('en-US')}${inArray ? ' of the array' : ''} (line ${found.line})`;
  const what =
    format === 'ndjson' ? 'one JSON object per line' : 'an array of JSON objects (or one object per line)';
  return new WorkbenchError({
    code: 'DATASET_PARSE',
    message: `Cannot import ${fileName}: it is JSON, but ${which} is ${found.kind}, not an object with named fields.`,
    hint: `A data set needs ${what}, e.g. [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]: make that record an object, or remove it.`,
    details: { line: found.line, record: found.record, kind: found.kind },
  });
}

function tooDeep(fileName: string, maxDepth: number, line: number): WorkbenchError {
  return new WorkbenchError({
    code: 'DATASET_PARSE',
    message: `Cannot import ${fileName}: its values nest more than ${maxDepth.toLocaleString('en-US')} levels deep (at line ${line.toLocaleString('en-US')}).`,
    hint: `The workbench reads JSON nested at most ${maxDepth.toLocaleString('en-US')} levels deep. Flatten the deepest values (e.g. store them as strings) and import again.`,
    details: { maxDepth, line },
  });
}
