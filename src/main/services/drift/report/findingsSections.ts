import type { DriftReport } from '../../../../shared/contract/drift.js';
import { count, escapeText } from '../../../../shared/report/html.js';

const PROBLEM: Record<DriftReport['schemaIssues'][number]['problem'], string> = {
  'missing-in-current': 'missing in current',
  'extra-in-current': 'extra in current',
  'type-mismatch': 'type mismatch',
  ignored: 'ignored',
};

/** Columns on one side only, of types that cannot be compared, or left out by the settings. */
export function schemaIssuesSection(issues: DriftReport['schemaIssues']): string {
  if (issues.length === 0)
    return '<h2 id="schema">Schema</h2><p class="note">Both sides have the same columns, of comparable types.</p>';
  const rows = issues
    .map(
      (issue) =>
        `<tr><td>${escapeText(issue.column)}<td><span class="tag">${PROBLEM[issue.problem]}</span><td>${escapeText(issue.message)}</tr>`,
    )
    .join('');
  return `<h2 id="schema">Schema issues (${count(issues.length)})</h2><table class="grid"><thead><tr><th>Column</th><th>Problem</th><th>What it means</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The current side checked against the baseline's constraints (SageMaker Model Monitor's kind). */
export function constraintsSection(constraints: NonNullable<DriftReport['constraints']>): string {
  const source = constraints.source === 'suggested' ? 'suggested from the baseline' : 'edited by hand';
  if (constraints.violations.length === 0)
    return `<h2 id="constraints">Constraints</h2><p class="note">The current side meets every constraint (${source}).</p>`;
  const rows = constraints.violations
    .map(
      (violation) =>
        `<tr><td>${escapeText(violation.column)}<td><span class="tag">${escapeText(violation.check)}</span><td>${escapeText(violation.message)}<td class="n">${violation.rows === null ? '–' : count(violation.rows)}</tr>`,
    )
    .join('');
  return `<h2 id="constraints">Constraint violations (${count(constraints.violations.length)})</h2><p class="note">Constraints ${source}.</p><table class="grid"><thead><tr><th>Column</th><th>Check</th><th>Violation</th><th class="n">Rows</th></tr></thead><tbody>${rows}</tbody></table>`;
}
