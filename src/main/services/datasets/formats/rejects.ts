import {
  DEFAULT_MAX_LINE_SIZE,
  type CsvSettings,
  type RaggedRowsMode,
} from '../../../../shared/contract/datasets.js';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { sqlIdentifier, type DuckDbSession } from '../../duckdb/index.js';
import { showInvisible } from '../../../../shared/format/invisible.js';
import { lineTooLongError } from '../parseErrors.js';
import type { SourceFileFacts } from '../sourceFile.js';
import { readCsvSql, type CsvLayout, type RejectsTarget } from './csv.js';
import { findLongLine } from './lineSize.js';
import { readerError, rejectedLineError } from './readerError.js';
import type { ResolvedReader } from './readers.js';

/** Rows whose field count differs from the header, and what the import did with them. */
export interface RaggedRows {
  mode: RaggedRowsMode;
  /** All of them: left out, or (pad) padded with NULLs. */
  count: number;
  /** Of `count`, those with fewer fields kept with NULLs (pad only). */
  padded: number;
  /** `line N: <the line as written>`, the first few. */
  examples: string[];
  /** True when DuckDB stopped recording at REJECTS_LIMIT, so there are at least `count`. */
  capped: boolean;
}

/** Faulty lines DuckDB records per read; past it they are still left out, only not listed. */
const REJECTS_LIMIT = 10_000;
const EXAMPLES = 3;
const MISSING = 'MISSING COLUMNS';
const TOO_MANY = 'TOO MANY COLUMNS';
const RAGGED = new Set([MISSING, TOO_MANY]);

export interface ReadWithRejects {
  relationSql: string;
  /**
   * After a full read on the same connection: the ragged rows, as the mode handles them (`fail`
   * fails on the first, naming it). Any other faulty line (broken quoting, a value its column type
   * cannot hold) fails the read as a strict reader would, naming the line. Drops the rejects tables
   * either way.
   */
  collect(session: DuckDbSession, source: SourceFileFacts, signal?: AbortSignal): Promise<RaggedRows>;
}

const none = (): Promise<RaggedRows> =>
  Promise.resolve({ mode: 'skip', count: 0, padded: 0, examples: [], capped: false });

type Rejected = Record<string, unknown>;

/**
 * A CSV reader that records faulty lines in temporary tables of its own instead of stopping at the
 * first one, so a file with a few ragged rows still imports and the lint can say which lines they
 * were. Other formats read as they are.
 */
export function readWithRejects(reader: ResolvedReader, path: string): ReadWithRejects {
  const csv = reader.csv;
  if (!csv) return { relationSql: reader.relationSql, collect: none };
  const main = rejectsTarget();
  const layout = reader.csvLayout;
  return {
    relationSql: readCsvSql(path, csv, { rejects: main, ...(layout ? { layout, nullPadding: true } : {}) }),
    async collect(session, source, signal) {
      const mode = csv.raggedRows ?? 'skip';
      const rejected = await rejectedLines(session, main, signal);
      // A padded read records only the rows with too many fields: list the short ones it kept.
      const short = layout ? await shortRows(session, path, csv, layout, signal) : [];
      // A line the read left out for its shape also fails the casts of the fields it shifted: its
      // other errors are that. (A padded line is kept, so its failed cast is a real one.)
      const leftOut = new Set(rejected.filter(isRagged).map((r) => String(r.line)));
      const other = rejected.find((r) => !leftOut.has(String(r.line)));
      const all = [...rejected, ...short].sort((a, b) => Number(a.line) - Number(b.line));
      const firstRagged = all.find(isRagged);
      if (mode === 'fail' && firstRagged && (!other || Number(firstRagged.line) <= Number(other.line)))
        throw raggedRowError(source.fileName, firstRagged, csv);
      if (other) throw await readerError(source, reader.format, rejectedLineError(other), signal, csv);
      await assertNoLongLine(path, source, csv, signal);
      const lines = new Map<string, string>();
      for (const r of all.filter(isRagged))
        if (!lines.has(String(r.line))) lines.set(String(r.line), String(r.csv_line));
      return {
        mode,
        count: lines.size,
        padded: new Set(short.map((r) => String(r.line))).size,
        examples: [...lines]
          .slice(0, EXAMPLES)
          .map(([line, text]) => `line ${line}: ${showInvisible(text.replace(/^\r?\n/, '')).slice(0, 200)}`),
        capped: rejected.length >= REJECTS_LIMIT || short.length >= REJECTS_LIMIT,
      };
    },
  };
}

function rejectsTarget(): RejectsTarget {
  const id = crypto.randomUUID().replaceAll('-', '');
  return { table: `mlw_rejects_${id}`, scans: `mlw_reject_scans_${id}`, limit: REJECTS_LIMIT };
}

function isRagged(row: Rejected): boolean {
  return RAGGED.has(String(row.error_type));
}

/** The lines a read recorded, in file order; drops its tables. */
async function rejectedLines(
  session: DuckDbSession,
  target: RejectsTarget,
  signal?: AbortSignal,
): Promise<Rejected[]> {
  try {
    return await session.rows(
      `SELECT line, error_type, csv_line, error_message FROM ${sqlIdentifier(target.table)} ORDER BY line, column_idx`,
      { signal },
    );
  } finally {
    await session.run(
      `DROP TABLE IF EXISTS ${sqlIdentifier(target.table)}; DROP TABLE IF EXISTS ${sqlIdentifier(target.scans)}`,
    );
  }
}

/** Rows with fewer fields than the layout's columns: a scan of the file without padding. */
async function shortRows(
  session: DuckDbSession,
  path: string,
  csv: CsvSettings,
  layout: CsvLayout,
  signal?: AbortSignal,
): Promise<Rejected[]> {
  const target = rejectsTarget();
  await session.run(`SELECT count(*) FROM ${readCsvSql(path, csv, { rejects: target, layout })}`, { signal });
  const rows = await rejectedLines(session, target, signal);
  return rows.filter((row) => row.error_type === MISSING);
}

function raggedRowError(fileName: string, row: Rejected, csv: CsvSettings): WorkbenchError {
  const counts = /Expected Number of Columns:\s*(\d+)\s*Found:\s*(\d+)/i.exec(String(row.error_message));
  const text = showInvisible(String(row.csv_line).replace(/^\r?\n/, '')).slice(0, 200);
  const against = csv.hasHeader ? 'the header has' : 'the first row has';
  const fields = counts
    ? `${counts[2]} ${counts[2] === '1' ? 'field' : 'fields'} where ${against} ${counts[1]}`
    : `${row.error_type === MISSING ? 'fewer' : 'more'} fields than ${against.replace(' has', '')}`;
  return new WorkbenchError({
    code: 'DATASET_PARSE',
    message: `Cannot read ${fileName} as CSV: line ${String(row.line)} has ${fields} (the line reads ${text}).`,
    hint:
      'Fix that line (a missing or extra delimiter, or a delimiter inside a value that is not quoted), or import ' +
      'with ragged rows left out (raggedRows "skip", CLI: --ragged skip) or short rows padded with NULLs (--ragged pad).',
    details: { line: Number(row.line), raggedRows: 'fail' },
  });
}

/**
 * A read that records faulty lines drops a line longer than its 32 MB buffer without recording it
 * (DuckDB 1.5), so the data set would silently lack that row: look for one once the read is done.
 */
async function assertNoLongLine(
  path: string,
  source: SourceFileFacts,
  csv: CsvSettings,
  signal?: AbortSignal,
): Promise<void> {
  // UTF-16 lines are twice as long in the file as in what DuckDB measures; it reads them whole.
  if (csv.encoding === 'utf-16') return;
  const maxLineSize = csv.maxLineSize ?? DEFAULT_MAX_LINE_SIZE;
  const long = await findLongLine(path, maxLineSize, signal);
  if (long) throw lineTooLongError(source.fileName, long, maxLineSize);
}
