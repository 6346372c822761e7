import type { ConstraintViolation, Constraints } from '../../../../shared/contract/drift.js';
import type { DuckDbSession } from '../../duckdb/index.js';
import { readCurrentFacts, type CheckedColumn } from './currentFacts.js';
import { extraColumnMessage, missingColumnMessage, valueViolations } from './violationMessages.js';

export interface CheckOptions {
  /** Constraint column -> current column, for columns named differently on the current side. */
  mapping?: Readonly<Record<string, string>> | undefined;
  /** Constraint columns not checked (and their current columns not counted as extra). */
  ignore?: readonly string[] | undefined;
  /** Current columns that are never extra: the capture time, a time column, the label. */
  exempt?: readonly string[] | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * The ways the current side breaks the constraints, in the constraints' column order (missing,
 * type, completeness, range, categories), then the extra columns; one scan of the current side.
 */
export async function checkConstraints(
  session: DuckDbSession,
  relationSql: string,
  currentColumns: readonly { name: string; type: string }[],
  constraints: Constraints,
  options: CheckOptions = {},
): Promise<ConstraintViolation[]> {
  const mapping = options.mapping ?? {};
  const ignored = new Set(options.ignore ?? []);
  const byName = new Map(currentColumns.map((column) => [column.name, column]));
  const used = new Set([...(options.exempt ?? []), ...[...ignored].map((name) => mapping[name] ?? name)]);
  const checked: CheckedColumn[] = [];
  const missing = new Map<string, ConstraintViolation>();
  for (const constraint of constraints.columns) {
    if (ignored.has(constraint.column)) continue;
    const currentName = mapping[constraint.column] ?? constraint.column;
    const current = byName.get(currentName);
    if (!current) {
      missing.set(constraint.column, {
        column: constraint.column,
        check: 'missing-column',
        message: missingColumnMessage(constraint.column, currentName),
        rows: null,
      });
      continue;
    }
    used.add(current.name);
    checked.push({ constraint, current });
  }
  const facts = checked.length
    ? await readCurrentFacts(session, relationSql, checked, { signal: options.signal })
    : { rows: 0, columns: [] };
  const found = new Map(
    checked.map((column, i) => [
      column.constraint.column,
      facts.columns[i] ? valueViolations(column, facts.columns[i], facts.rows, constraints.tolerance) : [],
    ]),
  );
  const violations = constraints.columns.flatMap((constraint) => {
    const absent = missing.get(constraint.column);
    return absent ? [absent] : (found.get(constraint.column) ?? []);
  });
  if (!constraints.allowExtraColumns)
    for (const column of currentColumns)
      if (!used.has(column.name))
        violations.push({
          column: column.name,
          check: 'extra-column',
          message: extraColumnMessage(column.name),
          rows: null,
        });
  return violations;
}
