import {
  DEFAULT_MAX_LINE_SIZE,
  type CsvSettings,
  type ImportOptions,
} from '../../../../shared/contract/datasets.js';
import { sqlString, type DuckDbSession } from '../../duckdb/index.js';
import type { SourceFileFacts } from '../sourceFile.js';
import { lineTooLongError, unclosedQuoteError } from '../parseErrors.js';
import { detectEncoding } from './detect.js';
import { findLongLine } from './lineSize.js';
import { findOpenQuote } from './quoteScan.js';
import { readerError, rejectedLineError } from './readerError.js';

/** Rows DuckDB's sniffer reads to detect the dialect (its sample_size). */
const SNIFF_SAMPLE_ROWS = 20_480;
/** What DuckDB's sniffer reads at most: one buffer. */
const SNIFF_BUFFER_BYTES = 32_000_000;

/** `\t`, "tab" and a real tab all mean tab: a shell makes a literal tab hard to type. */
export function normalizeDelimiter(delimiter: string): string {
  if (delimiter === '\\t' || delimiter.toLowerCase() === 'tab') return '\t';
  return delimiter;
}

/**
 * Detects the dialect with DuckDB's sniffer, passing the user's overrides in so the rest is detected
 * around them, and returns every setting the read will use, so the manifest records them.
 */
export async function resolveCsvSettings(
  session: DuckDbSession,
  source: SourceFileFacts,
  head: Buffer,
  options: ImportOptions,
  tsv: boolean,
  signal?: AbortSignal,
): Promise<CsvSettings> {
  const encoding = options.encoding ?? detectEncoding(head);
  const givenDelimiter =
    options.delimiter !== undefined ? normalizeDelimiter(options.delimiter) : tsv ? '\t' : undefined;
  const given = {
    ...(givenDelimiter !== undefined ? { delimiter: givenDelimiter } : {}),
    ...(options.quote !== undefined ? { quote: options.quote } : {}),
    ...(options.escape !== undefined ? { escape: options.escape } : {}),
    ...(options.header !== undefined ? { hasHeader: options.header } : {}),
    ...(options.skipRows !== undefined ? { skipRows: options.skipRows } : {}),
    ...(options.maxLineSize !== undefined ? { maxLineSize: options.maxLineSize } : {}),
  };
  const maxLineSize = options.maxLineSize ?? DEFAULT_MAX_LINE_SIZE;
  if (encoding !== 'utf-16') {
    // DuckDB's sniffer takes seconds to fail on a line that long, and then names the wrong line.
    const long = await findLongLine(source.path, maxLineSize, signal, SNIFF_BUFFER_BYTES);
    if (long) throw lineTooLongError(source.fileName, long, maxLineSize);
  }
  const [row] = await session
    .rows(
      `SELECT Delimiter, Quote, Escape, HasHeader, SkipRows, len(Columns) AS columnCount FROM sniff_csv(${sqlString(source.path)}${dialectArgs({ ...given, encoding })})`,
      { signal },
    )
    .catch(async (error: unknown) => {
      throw await readerError(source, 'csv', error, signal, { ...given, encoding });
    });
  if (!row)
    throw await readerError(source, 'csv', new Error('the CSV dialect could not be detected'), signal);
  const settings: CsvSettings = {
    delimiter: given.delimiter ?? String(row.Delimiter),
    quote: given.quote ?? singleChar(row.Quote),
    escape: given.escape ?? singleChar(row.Escape),
    hasHeader: given.hasHeader ?? Boolean(row.HasHeader),
    encoding,
    skipRows: given.skipRows ?? Number(row.SkipRows ?? 0),
    columnTypes: options.columnTypes ?? {},
    maxLineSize,
    raggedRows: options.raggedRows ?? 'skip',
  };
  if (Number(row.columnCount) === 1 && given.delimiter === undefined) {
    return verifySingleColumn(session, source, head, settings, signal);
  }
  if (settings.quote === '' && given.quote === undefined) await assertQuotesClose(source, settings, signal);
  return settings;
}

/**
 * The sniffer settles on "no quote character" when quoting is broken in its sample, and the import
 * would then keep the quote characters as text and split quoted values at their delimiters, with no
 * word of it. When it chose no quote on its own, read its sample as RFC 4180 quoting would: a
 * quoted field that does not close fails the import naming its line. A file with no quotes, or with
 * quotes only inside values (12" pizza), reads as before.
 */
async function assertQuotesClose(
  source: SourceFileFacts,
  settings: CsvSettings,
  signal?: AbortSignal,
): Promise<void> {
  if (settings.encoding === 'utf-16' || settings.delimiter.length !== 1) return;
  const quote = 0x22;
  const maxQuotedBytes = settings.maxLineSize ?? DEFAULT_MAX_LINE_SIZE;
  const open = await findOpenQuote(
    source.path,
    {
      delimiter: settings.delimiter.charCodeAt(0),
      quote,
      escape: settings.escape.length === 1 ? settings.escape.charCodeAt(0) : quote,
      skipLines: settings.skipRows,
      maxLines: SNIFF_SAMPLE_ROWS + (settings.hasHeader ? 1 : 0),
      maxQuotedBytes,
    },
    signal,
  );
  if (open) throw unclosedQuoteError(source.fileName, { ...open, maxQuotedBytes });
}

/** sniff_csv spells "no such character" as the literal text "(empty)". */
function singleChar(value: unknown): string {
  return typeof value === 'string' && value.length === 1 ? value : '';
}

/**
 * DuckDB's sniffer falls back to one column when quoting is broken or rows are ragged, which would
 * import every line as one text value. When the header holds a delimiter, read strictly with it:
 * broken quoting fails naming its line; rows with the wrong number of fields are the only problem,
 * so the header's dialect is right and the import's read leaves those rows out (see rejects.ts).
 */
async function verifySingleColumn(
  session: DuckDbSession,
  source: SourceFileFacts,
  head: Buffer,
  sniffed: CsvSettings,
  signal?: AbortSignal,
): Promise<CsvSettings> {
  const header = head.toString(sniffed.encoding === 'latin-1' ? 'latin1' : 'utf8').split(/\r?\n/)[0] ?? '';
  const delimiter = [',', '\t', ';', '|'].find((candidate) => header.includes(candidate));
  if (!delimiter || sniffed.encoding === 'utf-16') return sniffed;
  const names = header.split(delimiter).map((name, i) => name.replace(/^"|"$/g, '').trim() || `column${i}`);
  const columns = names.map((name, i) => `${sqlString(`${name}_${i}`)}: 'VARCHAR'`).join(', ');
  const strict = `read_csv(${sqlString(source.path)}, delim = ${sqlString(delimiter)}, quote = '"', header = true, auto_detect = false, encoding = ${sqlString(sniffed.encoding)}, max_line_size = ${sniffed.maxLineSize ?? DEFAULT_MAX_LINE_SIZE}, columns = {${columns}}`;
  const failure = await session.run(`SELECT count(*) FROM ${strict})`, { signal }).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (failure !== undefined) {
    const other = await firstNotRagged(session, strict, signal);
    if (other !== null)
      throw await readerError(source, 'csv', other ?? failure, signal, { ...sniffed, delimiter, quote: '"' });
  }
  return { ...sniffed, delimiter, quote: '"', hasHeader: true };
}

/**
 * The first faulty line of a strict read that is not one with the wrong number of fields (an
 * unclosed quote), as an error naming it; null when ragged rows are the only fault; undefined
 * when that cannot be told.
 */
async function firstNotRagged(
  session: DuckDbSession,
  strictRead: string,
  signal?: AbortSignal,
): Promise<Error | null | undefined> {
  const id = crypto.randomUUID().replaceAll('-', '');
  const [table, scans] = [`mlw_sniff_rejects_${id}`, `mlw_sniff_scans_${id}`];
  try {
    await session.run(
      `SELECT count(*) FROM ${strictRead}, store_rejects = true, rejects_table = '${table}', rejects_scan = '${scans}', rejects_limit = 1000)`,
      { signal },
    );
    const [row] = await session.rows(
      `SELECT line, csv_line, error_message FROM ${table} WHERE error_type NOT IN ('MISSING COLUMNS', 'TOO MANY COLUMNS') ORDER BY line LIMIT 1`,
      { signal },
    );
    return row ? rejectedLineError(row) : null;
  } catch {
    return undefined;
  } finally {
    await session.run(`DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${scans}`);
  }
}

interface DialectArgs {
  delimiter?: string;
  quote?: string;
  escape?: string;
  hasHeader?: boolean;
  encoding?: string;
  skipRows?: number;
  columnTypes?: Record<string, string>;
  maxLineSize?: number;
}

function dialectArgs(args: DialectArgs): string {
  const parts: string[] = [];
  if (args.delimiter !== undefined) parts.push(`delim = ${sqlString(args.delimiter)}`);
  // An empty quote or escape means none (the contract's spelling, and what the sniffer reports when
  // it found none): passed on as '' so DuckDB reads quote characters as plain text.
  if (args.quote !== undefined) parts.push(`quote = ${sqlString(args.quote)}`);
  if (args.escape !== undefined) parts.push(`escape = ${sqlString(args.escape)}`);
  if (args.hasHeader !== undefined) parts.push(`header = ${args.hasHeader}`);
  if (args.encoding !== undefined) parts.push(`encoding = ${sqlString(args.encoding)}`);
  if (args.skipRows !== undefined) parts.push(`skip = ${args.skipRows}`);
  if (args.maxLineSize !== undefined) parts.push(`max_line_size = ${args.maxLineSize}`);
  const types = Object.entries(args.columnTypes ?? {});
  if (types.length > 0) {
    parts.push(
      `types = {${types.map(([name, type]) => `${sqlString(name)}: ${sqlString(type)}`).join(', ')}}`,
    );
  }
  return parts.map((part) => `, ${part}`).join('');
}

/** Where a read records its faulty lines instead of failing on the first (see rejects.ts). */
export interface RejectsTarget {
  table: string;
  scans: string;
  limit: number;
}

/**
 * The columns a read names itself, as detected without padding, and the formats the sniffer found
 * for them. Padding short rows needs it: with null_padding, DuckDB's sniffer widens the table to
 * the longest row in its sample (a "column3" for one row with an extra field) instead of leaving
 * that row out; and with an explicit skip it fails to sniff at all (DuckDB 1.5). The types come
 * from the rows with the header's number of fields, so a short row's value that does not fit its
 * column's type fails the import naming the line (columnTypes fixes it).
 */
export interface CsvLayout {
  columns: { name: string; type: string }[];
  dateFormat?: string;
  timestampFormat?: string;
  newLine?: string;
}

export async function resolveCsvLayout(
  session: DuckDbSession,
  path: string,
  settings: CsvSettings,
  signal?: AbortSignal,
): Promise<CsvLayout> {
  // ignore_errors, as the import's read that records faulty lines: the sniffer then sets ragged rows aside.
  const tolerant = `${dialectArgs(settings)}, ignore_errors = true`;
  const described = await session.rows(`DESCRIBE SELECT * FROM read_csv(${sqlString(path)}${tolerant})`, {
    signal,
  });
  const [sniffed] = await session.rows(
    `SELECT DateFormat, TimestampFormat, NewLineDelimiter FROM sniff_csv(${sqlString(path)}${tolerant})`,
    { signal },
  );
  const newLine = typeof sniffed?.NewLineDelimiter === 'string' ? sniffed.NewLineDelimiter : '';
  return {
    columns: described.map((row) => ({ name: String(row.column_name), type: String(row.column_type) })),
    ...(typeof sniffed?.DateFormat === 'string' ? { dateFormat: sniffed.DateFormat } : {}),
    ...(typeof sniffed?.TimestampFormat === 'string' ? { timestampFormat: sniffed.TimestampFormat } : {}),
    // Spelled as escapes (\r\n); anything else ("Single-Line File") is left to the reader.
    ...(['\\n', '\\r', '\\r\\n'].includes(newLine) ? { newLine } : {}),
  };
}

export interface CsvReadOptions {
  rejects?: RejectsTarget;
  /** Read with these columns and no detection (see CsvLayout). */
  layout?: CsvLayout;
  /** Keep rows with fewer fields, NULL in the missing ones (needs `layout`). */
  nullPadding?: boolean;
}

export function readCsvSql(path: string, settings: CsvSettings, options: CsvReadOptions = {}): string {
  const { rejects, layout } = options;
  const recording = rejects
    ? `, store_rejects = true, rejects_table = ${sqlString(rejects.table)}, rejects_scan = ${sqlString(rejects.scans)}, rejects_limit = ${rejects.limit}`
    : '';
  if (!layout) return `read_csv(${sqlString(path)}${dialectArgs(settings)}${recording})`;
  const columns = layout.columns.map(({ name, type }) => `${sqlString(name)}: ${sqlString(type)}`).join(', ');
  const fixed = [
    'auto_detect = false',
    `columns = {${columns}}`,
    `null_padding = ${options.nullPadding === true}`,
    ...(layout.dateFormat !== undefined ? [`dateformat = ${sqlString(layout.dateFormat)}`] : []),
    ...(layout.timestampFormat !== undefined
      ? [`timestampformat = ${sqlString(layout.timestampFormat)}`]
      : []),
    ...(layout.newLine !== undefined ? [`new_line = ${sqlString(layout.newLine)}`] : []),
  ];
  const { columnTypes: _types, ...dialect } = settings;
  return `read_csv(${sqlString(path)}${dialectArgs(dialect)}, ${fixed.join(', ')}${recording})`;
}
