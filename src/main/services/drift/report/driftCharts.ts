import type { DriftHistogram, DriftWindow } from '../../../../shared/contract/drift.js';
import { escapeText, num } from '../../../../shared/report/html.js';
import { percent, shortTime } from './driftText.js';

/**
 * The drift report's inline SVG charts. A report may hold thousands of columns, so each chart is a
 * few paths with integer coordinates, styles come from classes (driftStyles.ts: baseline `b`, current
 * `c`, the legend's two colours), and a column's bins are drawn once, as a symbol its section's chart
 * and its summary row both show.
 */

/** Each side's counts as shares of that side's total, so sides of different sizes compare. */
export function sideShares(histogram: DriftHistogram): { baseline: number[]; current: number[] } {
  if (histogram.kind === 'bins')
    return { baseline: asShares(histogram.baseline), current: asShares(histogram.current) };
  return {
    baseline: asShares([...histogram.baseline, histogram.other.baseline]),
    current: asShares([...histogram.current, histogram.other.current]),
  };
}

function asShares(counts: number[]): number[] {
  const total = counts.reduce((sum, n) => sum + n, 0);
  return counts.map((n) => (total === 0 ? 0 : n / total));
}

/** A histogram as one closed step outline from (0, height) over `width`: V y0 H x1 V y1 ... Z. */
function stepPath(shares: number[], max: number, width: number, height: number): string {
  let d = `M0 ${height}`;
  let lastY = height;
  shares.forEach((value, i) => {
    const y = Math.round(height - (value / max) * (height - 1));
    if (y !== lastY) d += `V${y}`;
    d += `H${Math.round(((i + 1) * width) / shares.length)}`;
    lastY = y;
  });
  return `${d}V${height}Z`;
}

function overlaid(shares: { baseline: number[]; current: number[] }, width: number, height: number): string {
  const max = Math.max(1e-12, ...shares.baseline, ...shares.current);
  return `<path class="b" d="${stepPath(shares.baseline, max, width, height)}"/><path class="c" d="${stepPath(shares.current, max, width, height)}"/>`;
}

/**
 * The same for a symbol: the page's stylesheet does not reach into a <use>'s copy, so the baseline
 * inherits its fill from the <use> (class `u`) and the current side draws in its `color`.
 */
function overlaidSymbol(
  shares: { baseline: number[]; current: number[] },
  width: number,
  height: number,
): string {
  const max = Math.max(1e-12, ...shares.baseline, ...shares.current);
  return `<path d="${stepPath(shares.baseline, max, width, height)}"/><path fill="currentColor" fill-opacity=".2" stroke="currentColor" vector-effect="non-scaling-stroke" d="${stepPath(shares.current, max, width, height)}"/>`;
}

/**
 * The id of the symbol holding a column's bins. It lives in the summary row: the column sections
 * skip rendering while off screen (content-visibility), and a symbol there would go unstyled.
 */
const binsSymbol = (anchor: string) => `h-${anchor}`;

const PLOT_W = 428;
const PLOT_H = 130;
/** The symbol's own units: one per bin across, 100 up (short numbers in its paths). */
const SYMBOL_H = 100;

/**
 * The summary table's sparkline: both sides overlaid, no axes. Bins are drawn here once, as the
 * symbol the column's section shows larger; categories as steps, since their section shows bars.
 */
export function miniHistogramSvg(histogram: DriftHistogram | null, anchor: string): string {
  if (!histogram) return '';
  if (histogram.kind === 'bins') {
    const shares = sideShares(histogram);
    const bins = shares.baseline.length;
    const symbol = `<symbol id="${binsSymbol(anchor)}" viewBox="0 0 ${bins} ${SYMBOL_H}" preserveAspectRatio="none">${overlaidSymbol(shares, bins, SYMBOL_H)}</symbol>`;
    return `<svg class="mini" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">${symbol}<use class="u" href="#${binsSymbol(anchor)}" width="1" height="1"/></svg>`;
  }
  const bins = histogram.categories.length + 1;
  return `<svg class="mini" viewBox="0 0 ${bins} 48" preserveAspectRatio="none" aria-hidden="true">${overlaid(sideShares(histogram), bins, 48)}</svg>`;
}

/** A column's chart: overlaid bins with their edges as ticks, or grouped bars per category. */
export function distributionSvg(histogram: DriftHistogram, anchor: string, title: string): string {
  return histogram.kind === 'bins' ? binsSvg(histogram, anchor, title) : categoriesHtml(histogram, title);
}

const LEFT = 42;
const TOP = 12;
const BW = LEFT + PLOT_W + 10;
const BH = TOP + PLOT_H + 28;

function binsSvg(
  histogram: Extract<DriftHistogram, { kind: 'bins' }>,
  anchor: string,
  title: string,
): string {
  const shares = sideShares(histogram);
  const max = Math.max(...shares.baseline, ...shares.current);
  const base = TOP + PLOT_H;
  const { edges } = histogram;
  const last = edges.length - 1;
  // About seven ticks: every edge of a 24-bin chart would overlap.
  const every = Math.max(1, Math.ceil(last / 6));
  const shown = [...edges.keys()].filter((i) => i % every === 0 && last - i >= every / 2);
  const at = (i: number) => Math.round(LEFT + (i * PLOT_W) / Math.max(1, last));
  const labels = [...shown, last]
    .map((i) => {
      const end = i === last && last > 0 ? ' text-anchor="end"' : '';
      return `<text x="${at(i)}" y="${BH - 12}"${end}>${escapeText(num(edges[i] ?? 0))}</text>`;
    })
    .join('');
  const marks = [...shown, last].map((i) => `M${at(i)} ${base}v4`).join('');
  return `<svg class="chart dist" viewBox="0 0 ${BW} ${BH}" role="img" aria-label="${escapeText(title)}"><use class="u" href="#${binsSymbol(anchor)}" x="${LEFT}" y="${TOP}" width="${PLOT_W}" height="${PLOT_H}"/><g class="axis"><path d="M${LEFT} ${base}H${LEFT + PLOT_W}M${LEFT} ${TOP}H${LEFT + PLOT_W}${marks}"/>${labels}</g><g class="y"><text x="${LEFT - 4}" y="${base}">0%</text><text x="${LEFT - 4}" y="${TOP + 4}">${percent(max)}</text></g></svg>`;
}

/**
 * Grouped bars per category, its baseline share above its current share, as an HTML list whose
 * bars are two background gradients sized by custom properties: half the bytes of the same in SVG,
 * which a report with a thousand categorical columns needs.
 */
function categoriesHtml(histogram: Extract<DriftHistogram, { kind: 'categories' }>, title: string): string {
  const shares = sideShares(histogram);
  const labels = [...histogram.categories, '(other)'];
  const max = Math.max(1e-12, ...shares.baseline, ...shares.current);
  const length = (value: number) => Math.round((value / max) * 100);
  const rows = labels
    .map((label, i) => {
      const a = shares.baseline[i] ?? 0;
      const b = shares.current[i] ?? 0;
      const shown = label.length > 22 ? `${label.slice(0, 21)}…` : label;
      const name =
        i === labels.length - 1
          ? '<u>(other)</u>'
          : shown === label
            ? escapeText(label)
            : `<u title="${escapeText(label)}">${escapeText(shown)}</u>`;
      return `<li style="--b:${length(a)};--c:${length(b)}">${name}<i>${percent(a)} → ${percent(b)}</i></li>`;
    })
    .join('');
  return `<ul class="cats" role="img" aria-label="${escapeText(title)}">${rows}</ul>`;
}

const WW = 760;
const WH = 230;

/**
 * The share of drifted columns per window as a line (broken where a window had too few rows), the
 * threshold as a dashed line, and the first window that reached it marked and named.
 */
export function windowsSvg(windows: DriftWindow[], threshold: number, firstCrossing: number | null): string {
  const box = { left: 44, width: WW - 60, base: WH - 40, height: WH - 56 };
  const x = (i: number) => Math.round(box.left + ((i + 0.5) * box.width) / windows.length);
  const y = (value: number) => Math.round(box.base - value * box.height);
  let line = '';
  let drawing = false;
  windows.forEach((window, i) => {
    if (window.share === null) {
      drawing = false;
      return;
    }
    line += `${drawing ? 'L' : 'M'}${x(i)} ${y(window.share)}`;
    drawing = true;
  });
  const points = windows
    .map((window, i) =>
      window.share === null
        ? ''
        : `<circle cx="${x(i)}" cy="${y(window.share)}" r="2.5"${window.drift ? ' class="d"' : ''}><title>${escapeText(shortTime(window.start))}: ${percent(window.share)} of columns drifted, ${window.rows.toLocaleString('en-US')} rows</title></circle>`,
    )
    .join('');
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (value) =>
        `<path d="M${box.left} ${y(value)}H${box.left + box.width}"/><text x="${box.left - 6}" y="${y(value) + 4}">${percent(value)}</text>`,
    )
    .join('');
  const every = Math.max(1, Math.ceil(windows.length / 6));
  const ticks = windows
    .map((window, i) =>
      i % every === 0 ? `<text x="${x(i)}" y="${WH - 22}">${escapeText(shortTime(window.start))}</text>` : '',
    )
    .join('');
  const first = firstCrossing === null ? undefined : windows[firstCrossing];
  let crossing = '';
  if (firstCrossing !== null && first) {
    const at = x(firstCrossing);
    const anchor = at > box.left + box.width * 0.7 ? 'end' : 'start';
    crossing = `<g class="first"><path d="M${at} ${box.base}V${box.base - box.height}"/><text x="${at + (anchor === 'end' ? -6 : 6)}" y="${box.base - box.height + 12}" text-anchor="${anchor}">first drift: ${escapeText(shortTime(first.start))}</text></g>`;
  }
  return `<svg class="chart windows" viewBox="0 0 ${WW} ${WH}" role="img" aria-label="Share of drifted columns per window"><g class="grid">${grid}</g><g class="ticks">${ticks}</g><path class="threshold" d="M${box.left} ${y(threshold)}H${box.left + box.width}"/><text class="threshold" x="${box.left + box.width}" y="${y(threshold) - 5}">threshold ${percent(threshold)}</text>${crossing}<path class="line" d="${line}"/>${points}</svg>`;
}
