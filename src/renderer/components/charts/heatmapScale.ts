export type HeatmapScale = 'diverging' | 'sequential';

/** Ends of the scales; the middle is the theme's neutral, so the same code works in both themes. */
const POSITIVE = '#d9480f';
const NEGATIVE = '#1971c2';
const SEQUENTIAL = '#7048e8';

/**
 * A cell's colour as a CSS colour-mix between the theme's neutral (var(--heatmap-neutral)) and the
 * end of the scale, by |value|: diverging for -1..1 (correlations), sequential for 0..1 (Cramér's V).
 * null (not computable) is left neutral and marked by the cell's hatching instead.
 */
export function heatmapColor(value: number | null, scale: HeatmapScale): string {
  if (value === null || !Number.isFinite(value)) return 'transparent';
  const strength = Math.min(1, Math.abs(value));
  const end = scale === 'sequential' ? SEQUENTIAL : value < 0 ? NEGATIVE : POSITIVE;
  const percent = Math.round(strength * 100);
  return `color-mix(in oklab, ${end} ${percent}%, var(--heatmap-neutral))`;
}

/** Light text on strong cells, the theme's text elsewhere, so figures stay legible in both themes. */
export function heatmapTextColor(value: number | null): string {
  return value !== null && Math.abs(value) >= 0.55 ? '#fff' : 'var(--mantine-color-text)';
}

/** The legend's gradient, from the low end of the scale to the high end. */
export function heatmapGradient(scale: HeatmapScale): string {
  return scale === 'sequential'
    ? `linear-gradient(to right, var(--heatmap-neutral), ${SEQUENTIAL})`
    : `linear-gradient(to right, ${NEGATIVE}, var(--heatmap-neutral), ${POSITIVE})`;
}
