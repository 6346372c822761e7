import type { DriftColumn, SideColumnStats } from '../../../../shared/contract/drift.js';
import { driftTests } from '../../../../shared/drift/driftTests.js';
import { count, escapeText, num } from '../../../../shared/report/html.js';
import { distributionSvg } from './driftCharts.js';
import { columnName, driftBadge, percent, thresholdRule } from './driftText.js';

const TEST_SOURCE: Record<DriftColumn['testSource'], string> = {
  default: 'default',
  column: 'set for the column',
  kind: 'set for the kind',
};

const KIND_SOURCE: Record<DriftColumn['kindSource'], string> = {
  detected: 'detected',
  'few-values': 'few distinct values',
  settings: 'set in the settings',
};

/** How many windows a column drifted in, when the report has windows. */
export interface WindowTally {
  drifted: number;
  scored: number;
  windows: number;
}

/** One column's section: its test and score, both sides' statistics, and the two distributions. */
export function columnSection(column: DriftColumn, anchor: string, tally: WindowTally | undefined): string {
  const info = driftTests[column.test];
  const score = info.score === 'p_value' ? 'Score (p-value)' : 'Score (distance)';
  const test = [
    ['Test', `${escapeText(info.label)} <small>(${TEST_SOURCE[column.testSource]})</small>`],
    [score, num(column.score)],
    ['Threshold', `${num(column.threshold)} <small>${thresholdRule(column.test, column.threshold)}</small>`],
    ['p-value', num(column.pValue)],
  ];
  // A distance test's score is its statistic.
  if (info.score === 'p_value') test.splice(3, 0, ['Statistic', num(column.statistic)]);
  if (tally)
    test.push([
      'Windows',
      tally.scored === 0
        ? `not scored in any of ${count(tally.windows)}`
        : `drifted in ${count(tally.drifted)} of ${count(tally.scored)}`,
    ]);
  const testTable = `<table class="stats">${test.map(([label, value]) => `<tr><th>${label}<td>${value}`).join('')}</table>`;
  const chart = column.histogram
    ? distributionSvg(column.histogram, anchor, `${column.column}: baseline and current`)
    : '<p class="note">No distribution to draw.</p>';
  return `<section class="column" id="${anchor}"><header><h3>${columnName(column)}</h3><small>${column.kind} · ${KIND_SOURCE[column.kindSource]}</small>${driftBadge(column)}</header><div>${testTable}${sidesTable(column.baseline, column.current)}</div><div>${chart}</div></section>`;
}

/** Rows, missing, distinct and (for numeric columns) the moments, baseline beside current. */
function sidesTable(baseline: SideColumnStats, current: SideColumnStats): string {
  const missing = (side: SideColumnStats) =>
    side.missing === 0 ? '0' : `${count(side.missing)} <small>${percent(side.missing / side.rows)}</small>`;
  const rows: [string, string, string][] = [
    ['Rows', count(baseline.rows), count(current.rows)],
    ['Missing', missing(baseline), missing(current)],
    [
      'Distinct',
      baseline.distinct === null ? '–' : count(baseline.distinct),
      current.distinct === null ? '–' : count(current.distinct),
    ],
  ];
  const stats = ['mean', 'std', 'min', 'max'] as const;
  const labels = { mean: 'Mean', std: 'Std deviation', min: 'Minimum', max: 'Maximum' };
  for (const stat of stats)
    if (baseline[stat] !== null || current[stat] !== null)
      rows.push([labels[stat], num(baseline[stat]), num(current[stat])]);
  return `<table class="stats sides"><tr><th><td>Baseline<td>Current${rows.map(([label, a, b]) => `<tr><th>${label}<td>${a}<td>${b}`).join('')}</table>`;
}
