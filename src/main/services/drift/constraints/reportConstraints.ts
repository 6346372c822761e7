import type { Constraints, DriftReport, DriftSettings } from '../../../../shared/contract/drift.js';
import type { DuckDb } from '../../duckdb/index.js';
import { checkConstraints } from './checkConstraints.js';
import { suggestConstraints } from './suggestConstraints.js';

export interface ReportConstraintsInput {
  /** The request's constraints: suggested from the baseline when true. */
  constraints: true | Constraints;
  settings: DriftSettings;
  /** `timeColumn`: the baseline's own time (captures' `ts`), no data to constrain. */
  baseline: { sql: string; label: string; sha256: string; timeColumn: string | null };
  current: { sql: string; columns: readonly { name: string; type: string }[] };
  /** The columns the drift comparison paired, by mapping, name or position (captured tensors). */
  pairs: readonly { column: string; currentColumn: string }[];
  /** Current columns that are no data: the capture time. */
  exempt: readonly string[];
  signal?: AbortSignal | undefined;
}

/** The report's constraints section: what was checked on the current side, and what broke. */
export function reportConstraints(
  duckdb: DuckDb,
  input: ReportConstraintsInput,
): Promise<NonNullable<DriftReport['constraints']>> {
  const { settings, signal } = input;
  // The label is left out as the drift comparison leaves it out: served requests do not carry it.
  const skipped = [...settings.ignore, ...(settings.label ? [settings.label] : [])];
  return duckdb.withConnection(async (session) => {
    const constraints =
      input.constraints === true
        ? await suggestConstraints(session, input.baseline.sql, {
            ignore: [...skipped, ...(input.baseline.timeColumn ? [input.baseline.timeColumn] : [])],
            baseline: { label: input.baseline.label, sha256: input.baseline.sha256 },
            signal,
          })
        : input.constraints;
    const violations = await checkConstraints(
      session,
      input.current.sql,
      input.current.columns,
      constraints,
      {
        mapping: {
          ...Object.fromEntries(input.pairs.map((pair) => [pair.column, pair.currentColumn])),
          ...settings.mapping,
        },
        ignore: skipped,
        exempt: [...input.exempt, ...(settings.timeColumn ? [settings.timeColumn] : [])],
        signal,
      },
    );
    return { source: input.constraints === true ? 'suggested' : 'edited', constraints, violations };
  });
}
