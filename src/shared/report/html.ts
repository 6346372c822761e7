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

/** Control characters as their Unicode pictures (U+0001 as ␁), the rest of C1 and bidi controls named. */
const HIDDEN = /[\p{Cc}\p{Bidi_Control}]/gu;

function showHidden(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return '␡';
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/**
 * User text (column names, labels, paths) for a report: escaped, and with control and bidi characters
 * shown as marks, so a name can neither break the page nor hide or reorder the text after it.
 */
export function escapeText(text: string): string {
  return escapeHtml(text.replace(HIDDEN, showHidden));
}
