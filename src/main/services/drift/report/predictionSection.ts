import type { DriftReport } from '../../../../shared/contract/drift.js';
import { count, escapeText, num } from '../../../../shared/report/html.js';
import { columnSection } from './columnSection.js';
import { summaryTable } from './summaryTable.js';

const predictionAnchor = (index: number) => `pred-${index}`;

/** The model's outputs on both sides compared like columns, and its quality where labels allow. */
export function predictionSection(prediction: NonNullable<DriftReport['prediction']>): string {
  const { model, columns, quality } = prediction;
  const head = `<h2 id="prediction">Prediction drift</h2><p>Model <b>${escapeText(model.name)}</b> version ${escapeText(String(model.version))} ran on both sides; its outputs are compared below.</p>`;
  const sections = columns.map((column, i) => columnSection(column, predictionAnchor(i), undefined)).join('');
  return `${head}${summaryTable(columns, predictionAnchor)}${quality ? qualityTable(quality) : '<p class="note">No model quality: the settings name no label column.</p>'}${sections}`;
}

function qualityTable(quality: NonNullable<NonNullable<DriftReport['prediction']>['quality']>): string {
  const metrics = [
    ...new Set([...Object.keys(quality.baseline.metrics), ...Object.keys(quality.current.metrics)]),
  ];
  const rows = metrics
    .map(
      (metric) =>
        `<tr><td>${escapeText(metric)}<td class="n">${num(quality.baseline.metrics[metric] ?? null)}<td class="n">${num(quality.current.metrics[metric] ?? null)}</tr>`,
    )
    .join('');
  return `<h3 class="sub">Model quality (${quality.baseline.task})</h3><table class="grid"><thead><tr><th>Metric</th><th class="n">Baseline</th><th class="n">Current</th></tr></thead><tbody><tr><td>Rows with a label<td class="n">${count(quality.baseline.rows)}<td class="n">${count(quality.current.rows)}</tr>${rows}</tbody></table>`;
}
