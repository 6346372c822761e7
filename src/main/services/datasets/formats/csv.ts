import type { CsvSettings, ImportOptions } from '../../../../shared/contract/datasets.js';
import { sqlString, type DuckDbSession } from '../../duckdb/index.js';
import type { SourceFileFacts } from '../sourceFile.js';
import { detectEncoding } from './detect.js';
import { readerError } from './readerError.js';

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
  };
  const [row] = await session
    .rows(
      `SELECT Delimiter, Quote, Escape, HasHeader, SkipRows, len(Columns) AS columnCount FROM sniff_csv(${sqlString(source.path)}${dialectArgs({ ...given, encoding })})`,
      { signal },
    )
    .catch(async (error: unknown) => {
      throw await readerError(source, 'csv', error, signal);
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
  };
  if (Number(row.columnCount) === 1 && given.delimiter === undefined) {
    return verifySingleColumn(session, source, head, settings, signal);
  }
  return settings;
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
  const strict = `read_csv(${sqlString(source.path)}, delim = ${sqlString(delimiter)}, quote = '"', header = true, auto_detect = false, encoding = ${sqlString(sniffed.encoding)}, columns = {${columns}}`;
  const failure = await session.run(`SELECT count(*) FROM ${strict})`, { signal }).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (failure !== undefined && !(await onlyRaggedRows(session, strict, signal)))
    throw await readerError(source, 'csv', failure, signal);
  return { ...sniffed, delimiter, quote: '"', hasHeader: true };
}

/** Whether the only faulty lines of a strict read are ones with the wrong number of fields. */
async function onlyRaggedRows(
  session: DuckDbSession,
  strictRead: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const id = crypto.randomUUID().replaceAll('-', '');
  const [table, scans] = [`mlw_sniff_rejects_${id}`, `mlw_sniff_scans_${id}`];
  try {
    await session.run(
      `SELECT count(*) FROM ${strictRead}, store_rejects = true, rejects_table = '${table}', rejects_scan = '${scans}', rejects_limit = 1000)`,
      { signal },
    );
    const [row] = await session.rows(
      `SELECT count(*) FILTER (WHERE error_type NOT IN ('MISSING COLUMNS', 'TOO MANY COLUMNS')) AS other FROM ${table}`,
      { signal },
    );
    return Number(row?.other ?? 1) === 0;
  } catch {
    return false;
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

export function readCsvSql(path: string, settings: CsvSettings, rejects?: RejectsTarget): string {
  const recording = rejects
    ? `, store_rejects = true, rejects_table = ${sqlString(rejects.table)}, rejects_scan = ${sqlString(rejects.scans)}, rejects_limit = ${rejects.limit}`
    : '';
  return `read_csv(${sqlString(path)}${dialectArgs(settings)}${recording})`;
}
