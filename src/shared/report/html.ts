import { escapeHtml } from '../format/html.js';
import { formatCount, formatNumber, formatPercent } from '../format/numbers.js';

export { escapeHtml };

/** The anchor of a column's section; by position, so any column name gives a valid id. */
export function columnAnchor(index: number): string {
  return `col-${index}`;
}

/** Reports are read by people in many places; numbers use one fixed locale so files compare equal. */
const LOCALE = 'en-US';

export const num = (value: number | null | undefined): string =>
  value === null || value === undefined ? '–' : formatNumber(value, LOCALE);
export const count = (value: number): string => formatCount(value, LOCALE);
export const pct = (percent: number): string => formatPercent(percent, LOCALE);

/** A two-column table of statistics. */
export function statTable(rows: [string, string][]): string {
  const body = rows.map(
    ([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
  );
  return `<table class="stats">${body.join('')}</table>`;
}
