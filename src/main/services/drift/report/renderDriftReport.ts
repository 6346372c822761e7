import type { DriftColumn, DriftReport } from '../../../../shared/contract/drift.js';
import { driftTests } from '../../../../shared/drift/driftTests.js';
import { escapeHtml } from '../../../../shared/format/html.js';
import { formatNumber } from '../../../../shared/format/numbers.js';

const LOCALE = 'en-US';
const num = (value: number | null): string => (value === null ? '–' : formatNumber(value, LOCALE));

/**
 * The report as one self-contained HTML file: inline CSS, no script, no external file, so it opens
 * offline and its size grows with columns, never with rows.
 */
export function renderDriftReportHtml(report: DriftReport): string {
  const { dataset } = report;
  const verdict = dataset.drift
    ? `<strong class="drift">Drift</strong> in ${dataset.drifted} of ${dataset.compared} columns`
    : `<strong class="ok">No drift</strong>: ${dataset.drifted} of ${dataset.compared} columns drifted`;
  const rows = report.columns.map(columnRow).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>Drift: ${escapeHtml(report.current.label)} vs ${escapeHtml(report.baseline.label)}</title><style>${CSS}</style></head><body><main><h1>Drift report</h1><p>${verdict} (share ${num(dataset.share)}, threshold ${num(dataset.threshold)}).</p><p>Baseline: ${escapeHtml(report.baseline.label)} (${report.baseline.rows} rows, sha256 ${report.baseline.sha256.slice(0, 12)}) · current: ${escapeHtml(report.current.label)} (${report.current.rows} rows, sha256 ${report.current.sha256.slice(0, 12)}) · ${escapeHtml(report.createdAt)} · MLOps Workbench ${escapeHtml(report.workbenchVersion)}</p><table><thead><tr><th>Column</th><th>Kind</th><th>Test</th><th>Statistic</th><th>p-value</th><th>Threshold</th><th>Drift</th></tr></thead><tbody>${rows}</tbody></table></main></body></html>`;
}

function columnRow(column: DriftColumn): string {
  const drift =
    column.drift === null
      ? `not computable: ${escapeHtml(column.notComputable ?? '')}`
      : column.drift
        ? '<strong class="drift">yes</strong>'
        : 'no';
  return `<tr><td>${escapeHtml(column.column)}</td><td>${column.kind}</td><td>${escapeHtml(driftTests[column.test].label)}</td><td>${num(column.statistic)}</td><td>${num(column.pValue)}</td><td>${num(column.threshold)}</td><td>${drift}</td></tr>`;
}

const CSS = `body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #8884;text-align:left}.drift{color:#c92a2a}.ok{color:#2b8a3e}`;
