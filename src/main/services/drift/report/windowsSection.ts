import type { DriftWindow } from '../../../../shared/contract/drift.js';
import { count, escapeText } from '../../../../shared/report/html.js';
import { windowsSvg } from './driftCharts.js';
import { percent, shortTime } from './driftText.js';

/** The first window whose share of drifted columns reached the threshold, or null. */
export function firstCrossing(windows: DriftWindow[], threshold: number): number | null {
  const at = windows.findIndex((window) => window.share !== null && window.share >= threshold);
  return at === -1 ? null : at;
}

/** Drift over time: the chart, the first crossing in words, and every window in a table. */
export function windowsSection(windows: DriftWindow[], threshold: number): string {
  const first = firstCrossing(windows, threshold);
  const drifted = windows.filter((window) => window.drift === true).length;
  const crossing =
    first === null
      ? `No window reached the ${percent(threshold)} threshold.`
      : `The share of drifted columns first reached the ${percent(threshold)} threshold in window ${count(first + 1)} of ${count(windows.length)}, <b class="crossing">${escapeText(shortTime(windows[first]?.start ?? ''))} to ${escapeText(shortTime(windows[first]?.end ?? ''))}</b>.`;
  const rows = windows
    .map(
      (window, i) =>
        `<tr${i === first ? ' class="first"' : ''}><td>${escapeText(shortTime(window.start))}<td>${escapeText(shortTime(window.end))}<td class="n">${count(window.rows)}<td class="n">${window.share === null ? '–' : percent(window.share)}<td>${window.drift === null ? 'too few rows' : window.drift ? '<b class="badge drift">drift</b>' : 'no drift'}</tr>`,
    )
    .join('');
  return `<h2 id="windows">Drift over time</h2><p>${crossing} ${count(drifted)} of ${count(windows.length)} windows drifted.</p>${windowsSvg(windows, threshold, first)}<details><summary>Every window (${count(windows.length)})</summary><table class="grid"><thead><tr><th>From</th><th>To</th><th class="n">Rows</th><th class="n">Drifted columns</th><th>Drift</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}
