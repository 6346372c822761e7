import type { ColumnProfile, LintFinding } from '../../../../shared/contract/profile.js';
import type { DuckDbSession, RunOptions } from '../../duckdb/index.js';
import type { PlannedColumn } from './columnPlan.js';
import { showInvisible } from '../../../../shared/format/invisible.js';

/** `Unnamed: 0` (pandas' index written to CSV), DuckDB's `column0` for an empty header, and `#`. */
const UNNAMED = /^(Unnamed: ?\d+|column\d+|#|)$/i;
/** A text column is "mixed" when between these shares of its non-empty values read as numbers. */
const MIXED_MIN_SHARE = 0.01;
const MIXED_MAX_SHARE = 0.99;

export function columnLint(column: ColumnProfile, rows: number): LintFinding[] {
  const findings: LintFinding[] = [];
  if (rows > 0 && column.count === 0)
    findings.push({
      type: 'empty_column',
      columns: [column.name],
      message: `${column.name} is entirely empty`,
      count: rows,
      examples: [],
    });
  if (UNNAMED.test(column.name.trim()))
    findings.push({
      type: 'unnamed_column',
      columns: [column.name],
      message: `"${column.name}" looks like an unnamed index column`,
      count: 1,
      examples: [],
    });
  const text = column.text;
  if (text) {
    const nonEmpty = column.count - text.emptyStrings;
    if (isMixed(text.numberLike, nonEmpty))
      findings.push({
        type: 'mixed_types',
        columns: [column.name],
        message: `${column.name} mixes numbers (${text.numberLike}) and text (${nonEmpty - text.numberLike})`,
        count: Math.min(text.numberLike, nonEmpty - text.numberLike),
        examples: [],
      });
  }
  return findings;
}

/** True when between 1% and 99% of a text column's non-empty values read as numbers. */
export function isMixed(numbers: number, values: number): boolean {
  const share = values === 0 ? 0 : numbers / values;
  return share >= MIXED_MIN_SHARE && share <= MIXED_MAX_SHARE;
}

/** Fields holding CR or LF, with up to 3 examples made visible (only queried when the scan found some). */
export async function newlineFinding(
  session: DuckDbSession,
  relation: string,
  column: PlannedColumn,
  count: number,
  options: RunOptions,
): Promise<LintFinding> {
  const rows = await session.rows(
    `SELECT ${column.sql} AS v FROM ${relation} WHERE contains(${column.sql}, chr(10)) OR contains(${column.sql}, chr(13)) LIMIT 3`,
    options,
  );
  return {
    type: 'embedded_newlines',
    columns: [column.name],
    message: `${count} values of ${column.name} hold a line break inside the field`,
    count,
    examples: rows.map((r) => showInvisible(String(r.v)).slice(0, 120)),
  };
}

/** Rows whose number of fields differs from the header, as the reader reports them. */
export interface RaggedRowsSummary {
  count: number;
  /** Of `count`, those kept with NULL in their missing fields; the rest were left out. */
  padded: number;
  /** `line N: <the line>`, the first few. */
  examples: string[];
  /** The reader stopped recording: the counts are lower bounds. */
  capped: boolean;
}

/** The lint finding for rows whose number of fields differs from the header: what was done with them. */
export function raggedRowsFinding(ragged: RaggedRowsSummary): LintFinding[] {
  if (ragged.count === 0) return [];
  // Past the rejects limit DuckDB stops recording, so every count is a lower bound.
  const rows = (n: number) => `${ragged.capped ? 'at least ' : ''}${n} ${n === 1 ? 'row' : 'rows'}`;
  const fix = `Fix ${ragged.count === 1 ? 'that line' : 'those lines'} in the source (a missing or extra delimiter, or a delimiter inside a value that is not quoted) and import it again.`;
  const leftOut = ragged.count - ragged.padded;
  let done: string;
  if (ragged.padded === 0) {
    const has = ragged.count === 1 && !ragged.capped ? 'has' : 'have';
    const was = ragged.count === 1 ? 'was' : 'were';
    done = `${rows(ragged.count)} ${has} more or fewer fields than the header and ${was} left out of the data set.`;
  } else {
    const kept = `${rows(ragged.padded)} with fewer fields than the header ${ragged.padded === 1 ? 'was' : 'were'} kept, with NULL in the missing fields`;
    done =
      leftOut === 0
        ? `${kept}.`
        : `${kept}; ${rows(leftOut)} with more ${leftOut === 1 ? 'was' : 'were'} left out of the data set.`;
  }
  return [
    {
      type: 'ragged_rows',
      columns: [],
      message: `${done.charAt(0).toUpperCase()}${done.slice(1)} ${fix}`,
      count: ragged.count,
      examples: ragged.examples,
    },
  ];
}
