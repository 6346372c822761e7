import { MAX_LINE_SIZE_LIMIT } from '../../../shared/contract/datasets.js';
import { WorkbenchError, isWorkbenchError } from '../../../shared/contract/errors.js';

/**
 * Turns a DuckDB reader error into a message that names the file and the problem. DuckDB's own text
 * is long and multi-line; its first lines say what is wrong and where, which is what the user needs.
 */
export function toDatasetParseError(fileName: string, error: unknown, formatLabel = 'CSV'): WorkbenchError {
  if (isWorkbenchError(error)) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const tooLong = lineTooLong(fileName, raw, error);
  if (tooLong) return tooLong;
  const quote = unterminatedQuote(fileName, raw, error, formatLabel);
  if (quote) return quote;
  const lines = raw
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  // DuckDB follows its finding with fixes and a dump of the reader's settings (`quote = "` is always
  // there), so only the lines before them describe the problem.
  const fixesAt = lines.findIndex((line) => /^Possible (fixes|solution)|^file = /i.test(line));
  const relevant = fixesAt === -1 ? lines : lines.slice(0, fixesAt);
  const headline = (relevant[0] ?? 'unknown error').replace(/^[A-Za-z ]*Error:\s*/, '');
  const problem = relevant
    .slice(1)
    .find((line) => /found|expected|unterminated|invalid|could not|not possible/i.test(line));
  const original = relevant.find((line) => line.startsWith('Original Line:'));
  const parts = [headline, problem].filter((part): part is string => part !== undefined);
  const where = original
    ? ` (${truncate(original.replace('Original Line:', 'the line reads').trim(), 200)})`
    : '';
  return new WorkbenchError(
    {
      code: 'DATASET_PARSE',
      message: `Cannot read ${fileName} as ${formatLabel}: ${truncate(parts.join(' — '), 400)}${where}`,
      hint:
        formatLabel === 'CSV' ? hintFor(relevant.join('\n')) : `Check that the file is valid ${formatLabel}.`,
      details: { reader: truncate(raw, 2000) },
    },
    { cause: error },
  );
}

/** DuckDB's own account of a line over its max_line_size (its line and size can be off: see lineSize.ts). */
function lineTooLong(fileName: string, raw: string, error: unknown): WorkbenchError | undefined {
  const size = /Maximum line size of (\d+) bytes exceeded\. Actual Size:\s*(\d+) bytes/i.exec(raw);
  if (!size) return undefined;
  const line = /CSV Error on Line:\s*(\d+)/i.exec(raw)?.[1];
  return lineTooLongError(
    fileName,
    { ...(line ? { line: Number(line) } : {}), bytes: Number(size[2]) },
    Number(size[1]),
    error,
  );
}

/**
 * A line longer than the max line size is a limit, not a fault in the file: say which line, how
 * long it is, the limit, and the option that raises it.
 */
export function lineTooLongError(
  fileName: string,
  long: { line?: number; bytes: number },
  maxLineSize: number,
  cause?: unknown,
): WorkbenchError {
  // DuckDB counts the line break too; two more bytes cover a CR LF.
  const needed = long.bytes + 2;
  const raise =
    needed <= MAX_LINE_SIZE_LIMIT
      ? `If the line is real data, import with a max line size above its length: maxLineSize ${needed} ` +
        `(CLI: --max-line-size ${needed}; the import dialog: Advanced, Max line size).`
      : `The workbench reads lines of at most ${MAX_LINE_SIZE_LIMIT.toLocaleString('en-US')} bytes (maxLineSize, CLI: --max-line-size): split that value, or store it outside the table.`;
  return new WorkbenchError(
    {
      code: 'DATASET_PARSE',
      message:
        `Cannot read ${fileName}: ${long.line !== undefined ? `line ${long.line}` : 'a line'} is ${long.bytes.toLocaleString('en-US')} bytes long, ` +
        `over the max line size of ${maxLineSize.toLocaleString('en-US')} bytes.`,
      hint: `${raise} If it is not, check the delimiter and the line breaks: the file may not be a CSV.`,
      details: { line: long.line, lineBytes: long.bytes, maxLineSize },
    },
    cause === undefined ? undefined : { cause },
  );
}

/** Where a quoted field fails to close, as the quote scan or DuckDB found it. */
export interface UnclosedQuote {
  line: number;
  /** The line as written (its start). */
  text: string;
  /** What the scan saw (see OpenQuote); DuckDB says only "unterminated quote". */
  reason?: 'unclosed' | 'text-after-quote' | 'too-long';
  /** For `too-long`: the bytes it stayed open for. */
  maxQuotedBytes?: number;
}

const UNCLOSED_QUOTE_HINT =
  'A field that starts with a quote must end with one, just before the next delimiter or the end of the line; ' +
  'a quote inside it is written twice (""). Fix the quoting on that line, or, if quote characters are plain ' +
  'text in this file, import with no quote character (quote "", CLI: --quote "").';

/** A quoted field that does not close: named by its line, whichever reader found it. */
export function unclosedQuoteError(
  fileName: string,
  where: UnclosedQuote,
  formatLabel = 'CSV',
  cause?: unknown,
): WorkbenchError {
  const detail =
    where.reason === undefined
      ? ''
      : {
          unclosed: ', never closed before the end of the file',
          'text-after-quote': ': text follows the quote that should close it',
          'too-long': `, still open after ${(where.maxQuotedBytes ?? 0).toLocaleString('en-US')} bytes`,
        }[where.reason];
  return new WorkbenchError(
    {
      code: 'DATASET_PARSE',
      message: `Cannot read ${fileName} as ${formatLabel}: line ${where.line} has an unclosed quote${detail} (the line reads ${truncate(where.text, 200)}).`,
      hint:
        where.reason === 'too-long'
          ? `${UNCLOSED_QUOTE_HINT} If the quoted value really is that long, raise the max line size (maxLineSize; CLI: --max-line-size BYTES).`
          : UNCLOSED_QUOTE_HINT,
      details: { line: where.line },
    },
    cause === undefined ? undefined : { cause },
  );
}

function unterminatedQuote(
  fileName: string,
  raw: string,
  error: unknown,
  formatLabel: string,
): WorkbenchError | undefined {
  if (!/unterminated quote/i.test(raw)) return undefined;
  const line = /CSV Error on Line:\s*(\d+)/i.exec(raw)?.[1];
  if (!line) return undefined;
  const text = /Original Line:\s?(.*)/.exec(raw)?.[1] ?? '';
  return unclosedQuoteError(fileName, { line: Number(line), text: text.trim() }, formatLabel, error);
}

function hintFor(raw: string): string {
  if (/(QUOTE|ESCAPE) must not appear in the DELIMITER|QUOTE and ESCAPE/i.test(raw)) {
    return 'The delimiter, quote and escape must be different characters: choose another one, or leave it to detection.';
  }
  if (/could not convert string|error when converting column/i.test(raw)) {
    return 'A value does not fit the type its column is read as: choose another type for that column (VARCHAR reads anything), or leave the type to detection.';
  }
  if (/not possible to automatically detect the CSV parsing/i.test(raw)) {
    return 'No way of reading the file fits these settings: check the delimiter, quote, escape and skipped lines, or leave them to detection.';
  }
  if (/unterminated quote|quote/i.test(raw)) {
    return 'A quoted field is not closed. Fix the quoting in that line, or export the file again.';
  }
  if (/expected \d+ (values|columns)|too many columns|columns/i.test(raw)) {
    return 'Rows have different numbers of fields. Check the delimiter and the line named above.';
  }
  if (/utf-?8|unicode|encoding/i.test(raw)) {
    return 'The file is not valid UTF-8. Choose its encoding (utf-16 or latin-1) in the import options, or save it as UTF-8.';
  }
  return 'Check that the file is a delimited text file with a header row.';
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
