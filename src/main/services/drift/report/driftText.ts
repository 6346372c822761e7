import type { DriftColumn, DriftSide } from '../../../../shared/contract/drift.js';
import { driftTests, type DriftTestName } from '../../../../shared/drift/driftTests.js';
import { escapeText, num, pct } from '../../../../shared/report/html.js';

/** An ISO time to the minute as written (`2026-03-01 14:00`); anything else as given. */
export function shortTime(iso: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(iso) ? iso.slice(0, 16).replace('T', ' ') : iso;
}

/** A column's drift flag as a badge; not computable columns say why beside it. */
export function driftBadge(column: Pick<DriftColumn, 'drift' | 'notComputable'>): string {
  if (column.drift === null)
    return `<b class="badge na">not computable</b> <span class="why">${escapeText(column.notComputable ?? '')}</span>`;
  return column.drift ? '<b class="badge drift">drift</b>' : '<b class="badge ok">no drift</b>';
}

/** How a test's threshold reads: "drift when p-value < 0.05" or "drift when distance ≥ 0.1". */
export function thresholdRule(test: DriftTestName, threshold: number): string {
  return driftTests[test].score === 'p_value'
    ? `drift when p-value < ${num(threshold)}`
    : `drift when distance ≥ ${num(threshold)}`;
}

/** Where a side was read from, in words. */
export function sideSource(side: DriftSide): string {
  if (side.kind === 'dataset') return `data set ${side.slug}`;
  if (side.kind === 'file') return `file ${side.path}`;
  const range = `${side.from ? shortTime(side.from) : 'the first'} to ${side.to ? shortTime(side.to) : 'the last'}`;
  return `captures of ${side.deployment}, ${range}`;
}

/** A column as named on both sides: `age`, or `age → age_years` when mapped. */
export function columnName(column: Pick<DriftColumn, 'column' | 'currentColumn'>): string {
  return column.currentColumn === column.column
    ? escapeText(column.column)
    : `${escapeText(column.column)} <small>→ ${escapeText(column.currentColumn)}</small>`;
}

/** A fraction 0..1 as an escaped percent ("<0.1%" holds a `<`). */
export function percent(fraction: number): string {
  return escapeText(pct(fraction * 100));
}
