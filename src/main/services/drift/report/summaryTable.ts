import type { DriftColumn } from '../../../../shared/contract/drift.js';
import { driftTests } from '../../../../shared/drift/driftTests.js';
import { escapeText, num } from '../../../../shared/report/html.js';
import { miniHistogramSvg } from './driftCharts.js';
import { columnName, driftBadge } from './driftText.js';

/** The colours of baseline and current, shown once above the tables and charts that use them. */
export const LEGEND =
  '<p class="legend"><i class="sw b"></i>baseline <i class="sw c"></i>current <span class="note">· bars are each side’s share of its values</span></p>';

/**
 * Rows per table: each block of rows is laid out only when scrolled near (content-visibility, on a
 * <div>: on the table itself Chromium still lays it out).
 */
const ROWS_PER_BLOCK = 100;

/**
 * One row per column, in the order given (the service sorts by how far each drifted). Thousands of
 * rows in one table take Chromium seconds to lay out, so the rows come in blocks of fixed-layout
 * tables that share the header's column widths.
 */
export function summaryTable(columns: DriftColumn[], anchor: (index: number) => string): string {
  if (columns.length === 0) return '<p class="note">No column was compared.</p>';
  const rows = columns.map(
    (column, i) =>
      `<tr><td><a href="#${anchor(i)}">${columnName(column)}</a><td>${column.kind}<td>${miniHistogramSvg(column.histogram, anchor(i))}<td>${escapeText(driftTests[column.test].label)}<td class="n">${num(column.statistic)}<td class="n">${num(column.pValue)}<td class="n">${num(column.threshold)}<td>${driftBadge(column)}</tr>`,
  );
  const blocks: string[] = [];
  for (let at = 0; at < rows.length; at += ROWS_PER_BLOCK)
    blocks.push(
      `<div class="rows"><table class="grid summary"><tbody>${rows.slice(at, at + ROWS_PER_BLOCK).join('')}</tbody></table></div>`,
    );
  return `<div class="summary"><table class="grid summary"><thead><tr><th>Column</th><th>Kind</th><th>Distribution</th><th>Test</th><th class="n">Statistic</th><th class="n">p-value</th><th class="n">Threshold</th><th>Drift</th></tr></thead></table>${blocks.join('')}</div>`;
}
