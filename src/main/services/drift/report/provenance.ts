import type { DriftReport, DriftSideInfo, TestChoice } from '../../../../shared/contract/drift.js';
import { driftTests } from '../../../../shared/drift/driftTests.js';
import { formatDuration } from '../../../../shared/format/numbers.js';
import { count, escapeText, num } from '../../../../shared/report/html.js';
import { percent, shortTime, sideSource } from './driftText.js';

/** What was compared with what, under which settings, by which build: enough to redo the report. */
export function provenanceSection(report: DriftReport): string {
  const side = (title: string, info: DriftSideInfo) =>
    `<div class="card side"><h3>${title}</h3>${rowsTable([
      ['Label', escapeText(info.label)],
      ['Source', escapeText(sideSource(info.side))],
      ['Rows', count(info.rows)],
      ['Columns', count(info.columns.length)],
      ['sha256', `<code class="sha">${escapeText(info.sha256)}</code>`],
    ])}</div>`;
  const run: [string, string][] = [
    ['Report', escapeText(report.id)],
    ['Created', `${escapeText(shortTime(report.createdAt))} <small>${escapeText(report.createdAt)}</small>`],
    ['Took', formatDuration(report.durationMs, 'en-US')],
    ['Workbench', `MLOps Workbench ${escapeText(report.workbenchVersion)}`],
  ];
  if (report.prediction) {
    const { model } = report.prediction;
    run.push([
      'Model',
      `${escapeText(model.name)} version ${escapeText(String(model.version))} <code class="sha">${escapeText(model.sha256)}</code>`,
    ]);
  }
  return `<h2 id="provenance">Provenance</h2><div class="sides">${side('Baseline', report.baseline)}${side('Current', report.current)}</div><div class="sides"><div>${rowsTable(run)}</div><div>${settingsTable(report.settings)}</div></div>`;
}

function settingsTable(settings: DriftReport['settings']): string {
  const list = (items: string[]) => (items.length === 0 ? '<small>none</small>' : items.join(', '));
  const choice = (c: TestChoice) =>
    `${c.test ? escapeText(driftTests[c.test].label) : 'the default test'}${c.threshold === undefined ? '' : ` (threshold ${num(c.threshold)})`}`;
  const rows: [string, string][] = [
    ['Data set drifts at', `${percent(settings.datasetShare)} of compared columns drifting`],
    [
      'Column mapping',
      list(Object.entries(settings.mapping).map(([from, to]) => `${escapeText(from)} → ${escapeText(to)}`)),
    ],
    ['Ignored columns', list(settings.ignore.map(escapeText))],
    [
      'Kinds set',
      list(Object.entries(settings.kinds).map(([column, kind]) => `${escapeText(column)}: ${kind}`)),
    ],
    [
      'Tests per column',
      list(
        Object.entries(settings.tests.byColumn).map(([column, c]) => `${escapeText(column)}: ${choice(c)}`),
      ),
    ],
    [
      'Tests per kind',
      list(
        Object.entries(settings.tests.byKind).flatMap(([kind, c]) => (c ? [`${kind}: ${choice(c)}`] : [])),
      ),
    ],
    [
      'Window',
      settings.window
        ? `${settings.window}${settings.timeColumn ? ` by ${escapeText(settings.timeColumn)}` : ' by capture time'}`
        : '<small>none</small>',
    ],
  ];
  if (settings.label !== undefined) rows.push(['Label column', escapeText(settings.label)]);
  if (settings.model)
    rows.push([
      'Model asked for',
      `${escapeText(settings.model.name)}${settings.model.version === undefined ? ' (latest version)' : ` version ${escapeText(String(settings.model.version))}`}`,
    ]);
  return rowsTable(rows, 'Settings');
}

/** A two-column table whose values are already HTML. */
function rowsTable(rows: [string, string][], caption?: string): string {
  const head = caption ? `<caption>${caption}</caption>` : '';
  return `<table class="stats prov">${head}${rows.map(([label, value]) => `<tr><th>${label}<td>${value}`).join('')}</table>`;
}
