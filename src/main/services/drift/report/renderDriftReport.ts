import type { DriftReport } from '../../../../shared/contract/drift.js';
import { columnAnchor, count, escapeText } from '../../../../shared/report/html.js';
import { REPORT_CSS } from '../../../../shared/report/reportStyles.js';
import { columnSection, type WindowTally } from './columnSection.js';
import { DRIFT_CSS } from './driftStyles.js';
import { constraintsSection, schemaIssuesSection } from './findingsSections.js';
import { predictionSection } from './predictionSection.js';
import { provenanceSection } from './provenance.js';
import { LEGEND, summaryTable } from './summaryTable.js';
import { percent } from './driftText.js';
import { windowsSection } from './windowsSection.js';

/**
 * The report as one self-contained HTML file: inline CSS and SVG, no script, no external file, so it
 * opens offline and can be mailed to a colleague; its size grows with columns, never with rows.
 */
export function renderDriftReportHtml(report: DriftReport): string {
  const title = `Drift: ${report.current.label} vs ${report.baseline.label}`;
  const head = `<header><h1>${escapeText(title)}</h1><p>Current <b>${escapeText(report.current.label)}</b> (${count(report.current.rows)} rows) compared with baseline <b>${escapeText(report.baseline.label)}</b> (${count(report.baseline.rows)} rows)</p></header>`;
  const tallies = windowTallies(report);
  const sections = report.columns
    .map((column, i) => columnSection(column, columnAnchor(i), tallies.get(column.column)))
    .join('');
  const body = [
    head,
    verdict(report),
    nav(report),
    `<h2 id="summary">Columns by drift</h2>${LEGEND}${summaryTable(report.columns, columnAnchor)}`,
    provenanceSection(report),
    schemaIssuesSection(report.schemaIssues),
    report.windows ? windowsSection(report.windows, report.dataset.threshold) : '',
    report.constraints ? constraintsSection(report.constraints) : '',
    report.prediction ? predictionSection(report.prediction) : '',
    `<h2 id="columns">Each column</h2>${LEGEND}${sections}`,
    `<footer>Made by MLOps Workbench ${escapeText(report.workbenchVersion)} · drift report schema v${report.schemaVersion}. Distributions show each side's share of its non-missing values, over bins shared by both sides or the most frequent categories of both (the rest summed in "(other)").</footer>`,
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light dark"><title>${escapeText(title)}</title><style>${REPORT_CSS}${DRIFT_CSS}</style></head><body><main>${body.join('')}</main></body></html>`;
}

function verdict(report: DriftReport): string {
  const { compared, drifted, share, threshold, drift } = report.dataset;
  const skipped = report.columns.length - compared;
  const notCompared = skipped > 0 ? ` ${count(skipped)} could not be compared.` : '';
  if (share === null)
    return `<div class="verdict ok"><b>No drift found</b>No column could be compared, so the data set cannot be said to drift.${notCompared}</div>`;
  const reading = `${count(drifted)} of ${count(compared)} compared columns drifted: ${percent(share)} ${drift ? '≥' : '&lt;'} the ${percent(threshold)} threshold.`;
  return drift
    ? `<div class="verdict drift"><b>Drift</b>${reading}${notCompared}</div>`
    : `<div class="verdict ok"><b>No drift</b>${reading}${notCompared}</div>`;
}

function nav(report: DriftReport): string {
  const links = [
    ['summary', `Summary (${count(report.columns.length)})`],
    ['provenance', 'Provenance'],
    ['schema', `Schema (${count(report.schemaIssues.length)})`],
    ...(report.windows ? [['windows', 'Over time']] : []),
    ...(report.constraints
      ? [['constraints', `Constraints (${count(report.constraints.violations.length)})`]]
      : []),
    ...(report.prediction ? [['prediction', 'Prediction']] : []),
    ['columns', 'Columns'],
  ];
  return `<nav>${links.map(([id, label]) => `<a href="#${id}">${label}</a>`).join('')}</nav>`;
}

/** Per column: in how many windows it was scored and drifted. */
function windowTallies(report: DriftReport): Map<string, WindowTally> {
  const tallies = new Map<string, WindowTally>();
  if (!report.windows) return tallies;
  const windows = report.windows.length;
  for (const column of report.columns) tallies.set(column.column, { drifted: 0, scored: 0, windows });
  for (const window of report.windows)
    for (const [name, result] of Object.entries(window.columns)) {
      const tally = tallies.get(name);
      if (!tally || result.drift === null) continue;
      tally.scored += 1;
      if (result.drift) tally.drifted += 1;
    }
  return tallies;
}
