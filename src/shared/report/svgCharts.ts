import { escapeHtml } from './html.js';

/**
 * Inline SVG charts: no scripts and no external files, so the report opens offline and stays small.
 * Colours come from CSS custom properties (see reportStyles.ts) so light and dark themes both work.
 */

const W = 320;
const H = 120;

/** Bars of a histogram; `labels` are the first and last edge, shown under the axis. */
export function histogramSvg(counts: number[], from: string, to: string, title: string): string {
  const max = Math.max(1, ...counts);
  const width = W / Math.max(1, counts.length);
  const bars = counts
    .map((n, i) => {
      const h = (n / max) * (H - 20);
      return `<rect x="${(i * width + 0.5).toFixed(1)}" y="${(H - 16 - h).toFixed(1)}" width="${Math.max(1, width - 1).toFixed(1)}" height="${h.toFixed(1)}"><title>${n.toLocaleString('en-US')}</title></rect>`;
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}">${bars}<line x1="0" x2="${W}" y1="${H - 16}" y2="${H - 16}" class="axis"/><text x="0" y="${H - 3}" class="tick">${escapeHtml(from)}</text><text x="${W}" y="${H - 3}" class="tick" text-anchor="end">${escapeHtml(to)}</text></svg>`;
}

/** Horizontal bars with labels, for top values, booleans and missing counts. */
export function barListSvg(items: { label: string; value: number; note: string }[], title: string): string {
  const rowH = 18;
  const labelW = 130;
  const noteW = 110;
  const barW = W + 80 - labelW - noteW;
  // Bars scale to the largest item, so ten values of 0.5% each still show their differences.
  const total = Math.max(0, ...items.map((item) => item.value));
  const rows = items
    .map((item, i) => {
      const y = i * rowH;
      const w = total === 0 ? 0 : (item.value / total) * barW;
      const label = item.label.length > 18 ? `${item.label.slice(0, 17)}…` : item.label;
      return `<text x="${labelW - 6}" y="${y + 13}" text-anchor="end" class="label"><title>${escapeHtml(item.label)}</title>${escapeHtml(label)}</text><rect x="${labelW}" y="${y + 3}" width="${Math.max(w, 0.5).toFixed(1)}" height="${rowH - 6}"/><text x="${labelW + barW + 6}" y="${y + 13}" class="label">${escapeHtml(item.note)}</text>`;
    })
    .join('');
  return `<svg class="chart bars" viewBox="0 0 ${W + 80} ${items.length * rowH}" role="img" aria-label="${escapeHtml(title)}">${rows}</svg>`;
}

/**
 * A correlation heatmap: blue for negative, orange for positive, the value in each cell (a value that
 * rounds to zero shows as 0.00: a printed -0.00 reads like a finding).
 */
export function heatmapSvg(columns: string[], values: (number | null)[][], title: string): string {
  const cell = columns.length > 16 ? 22 : 34;
  const label = 110;
  const size = label + cell * columns.length;
  const pad = 40; // room for the last rotated column label
  const cells = values
    .flatMap((row, i) =>
      row.map((value, j) => {
        const x = label + j * cell;
        const y = label + i * cell;
        if (value === null)
          return `<rect x="${x}" y="${y}" width="${cell - 1}" height="${cell - 1}" class="na"><title>${escapeHtml(`${columns[i]} × ${columns[j]}: n/a`)}</title></rect>`;
        const hue = value >= 0 ? 'var(--pos)' : 'var(--neg)';
        const text =
          cell >= 30
            ? `<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" class="cell">${Math.abs(value) < 0.005 ? '0.00' : value.toFixed(2)}</text>`
            : '';
        return `<rect x="${x}" y="${y}" width="${cell - 1}" height="${cell - 1}" fill="${hue}" fill-opacity="${Math.min(1, Math.abs(value)).toFixed(2)}"><title>${escapeHtml(`${columns[i]} × ${columns[j]}: ${value.toFixed(3)}`)}</title></rect>${text}`;
      }),
    )
    .join('');
  const short = (name: string): string => escapeHtml(name.length > 15 ? `${name.slice(0, 14)}…` : name);
  const rowLabels = columns
    .map(
      (c, i) =>
        `<text x="${label - 6}" y="${label + i * cell + cell / 2 + 4}" text-anchor="end" class="label">${short(c)}</text>`,
    )
    .join('');
  const colLabels = columns
    .map(
      (c, j) =>
        `<text transform="translate(${label + j * cell + cell / 2 + 4} ${label - 6}) rotate(-60)" class="label">${short(c)}</text>`,
    )
    .join('');
  return `<svg class="heatmap" viewBox="0 0 ${size + pad} ${size}" width="${size + pad}" role="img" aria-label="${escapeHtml(title)}">${rowLabels}${colLabels}${cells}</svg>`;
}
