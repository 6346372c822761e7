import { DEFAULT_MAX_LINE_SIZE } from '../../../../shared/contract/datasets.js';
import { sqlIdentifier, type DuckDbSession } from '../../duckdb/index.js';
import { lineTooLongError } from '../parseErrors.js';
import { showInvisible } from '../../../../shared/format/invisible.js';
import type { SourceFileFacts } from '../sourceFile.js';
import { readCsvSql } from './csv.js';
import { findLongLine } from './lineSize.js';
import { readerError, rejectedLineError } from './readerError.js';
import type { ResolvedReader } from './readers.js';

/** Rows whose field count differs from the header: left out of the data set, listed by the lint. */
export interface RaggedRows {
  count: number;
  /** `line N: <the line as written>`, the first few. */
  examples: string[];
  /** True when DuckDB stopped recording at REJECTS_LIMIT, so there are at least `count`. */
  capped: boolean;
}

/** Faulty lines DuckDB records per read; past it they are still left out, only not listed. */
const REJECTS_LIMIT = 10_000;
const EXAMPLES = 3;
const RAGGED = new Set(['MISSING COLUMNS', 'TOO MANY COLUMNS']);

export interface ReadWithRejects {
  relationSql: string;
  /**
   * After a full read on the same connection: the ragged rows it left out. Any other faulty line
   * (broken quoting, a value its column type cannot hold) fails the read as a strict reader would,
   * naming the line. Drops the rejects tables either way.
   */
  collect(session: DuckDbSession, source: SourceFileFacts, signal?: AbortSignal): Promise<RaggedRows>;
}

const none = (): Promise<RaggedRows> => Promise.resolve({ count: 0, examples: [], capped: false });

/**
 * A CSV reader that records faulty lines in temporary tables of its own instead of stopping at the
 * first one, so a file with a few ragged rows still imports and the lint can say which lines they
 * were. Other formats read as they are.
 */
export function readWithRejects(reader: ResolvedReader, path: string): ReadWithRejects {
  const csv = reader.csv;
  if (!csv) return { relationSql: reader.relationSql, collect: none };
  const id = crypto.randomUUID().replaceAll('-', '');
  const table = `mlw_rejects_${id}`;
  const scans = `mlw_reject_scans_${id}`;
  return {
    relationSql: readCsvSql(path, csv, { table, scans, limit: REJECTS_LIMIT }),
    async collect(session, source, signal) {
      try {
        const rejected = await session.rows(
          `SELECT line, error_type, csv_line, error_message FROM ${sqlIdentifier(table)} ORDER BY line, column_idx`,
          { signal },
        );
        // A ragged line also fails the casts of the fields it shifted: its other errors are that.
        const raggedLines = new Set(
          rejected.filter((r) => RAGGED.has(String(r.error_type))).map((r) => String(r.line)),
        );
        const other = rejected.find((r) => !raggedLines.has(String(r.line)));
        if (other) throw await readerError(source, reader.format, rejectedLineError(other), signal, csv);
        await assertNoLongLine(path, source, csv.maxLineSize ?? DEFAULT_MAX_LINE_SIZE, csv.encoding, signal);
        const lines = new Map<string, string>();
        for (const r of rejected) lines.set(String(r.line), String(r.csv_line));
        return {
          count: lines.size,
          examples: [...lines]
            .slice(0, EXAMPLES)
            .map(([line, text]) => `line ${line}: ${showInvisible(text).slice(0, 200)}`),
          capped: rejected.length >= REJECTS_LIMIT,
        };
      } finally {
        await session.run(
          `DROP TABLE IF EXISTS ${sqlIdentifier(table)}; DROP TABLE IF EXISTS ${sqlIdentifier(scans)}`,
        );
      }
    },
  };
}

/**
 * A read that records faulty lines drops a line longer than its 32 MB buffer without recording it
 * (DuckDB 1.5), so the data set would silently lack that row: look for one once the read is done.
 */
async function assertNoLongLine(
  path: string,
  source: SourceFileFacts,
  maxLineSize: number,
  encoding: string,
  signal?: AbortSignal,
): Promise<void> {
  // UTF-16 lines are twice as long in the file as in what DuckDB measures; it reads them whole.
  if (encoding === 'utf-16') return;
  const long = await findLongLine(path, maxLineSize, signal);
  if (long) throw lineTooLongError(source.fileName, long, maxLineSize);
}
