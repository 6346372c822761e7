import type { TableOutput } from '../../../shared/contract/notebooks.js';
import { jsonText } from '../duckdb/index.js';
import { escapeHtml } from '../../../shared/format/html.js';

/** Jupyter and VS Code show these fallbacks; they stay short so a saved notebook stays small. */
const FALLBACK_ROWS = 50;

const cellText = (value: unknown): string => jsonText(value) ?? '';

function footer(table: TableOutput, shown: number): string {
  return shown < table.totalRows ? `${shown} of ${table.totalRows} rows` : `${table.totalRows} rows`;
}

export function tableToHtml(table: TableOutput): string {
  const rows = table.rows.slice(0, FALLBACK_ROWS);
  const head = table.columns.map((c) => `<th>${escapeHtml(c.name)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((value) => `<td>${escapeHtml(cellText(value))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n<p>${footer(table, rows.length)}</p>`;
}

export function tableToText(table: TableOutput): string {
  const rows = table.rows.slice(0, FALLBACK_ROWS).map((row) => row.map(cellText));
  const header = table.columns.map((c) => c.name);
  const widths = header.map((name, i) =>
    Math.min(40, Math.max(name.length, ...rows.map((r) => (r[i] ?? '').length))),
  );
  const line = (cells: string[]): string =>
    cells.map((cell, i) => cell.slice(0, 40).padEnd(widths[i] ?? 0)).join('  ');
  return [line(header), ...rows.map(line), footer(table, rows.length)].join('\n');
}
