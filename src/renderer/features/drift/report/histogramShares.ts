import type { DriftHistogram } from '../../../../shared/contract/drift.js';

/** One bar pair of an overlaid distribution: both sides as shares of their own rows (0..1). */
export interface ShareBar {
  key: string;
  /** The bin's range or the category, as the axis and tooltip show it. */
  label: string;
  /** For bins: the edges, so the tooltip can give the interval. */
  from?: number;
  to?: number;
  baseline: number;
  current: number;
  baselineCount: number;
  currentCount: number;
  /** The bar for all categories beyond the most frequent ones. */
  other?: boolean;
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
const share = (count: number, total: number): number => (total > 0 ? count / total : 0);

/**
 * The two sides of a histogram as shares, so sides of different sizes compare; categories beyond
 * those listed become one "other" bar when either side has any.
 */
export function histogramShares(
  histogram: DriftHistogram,
  formatEdge: (value: number) => string = String,
): ShareBar[] {
  if (histogram.kind === 'bins') {
    const baselineTotal = sum(histogram.baseline);
    const currentTotal = sum(histogram.current);
    return histogram.baseline.map((count, i) => {
      const from = histogram.edges[i] ?? 0;
      const to = histogram.edges[i + 1] ?? from;
      const currentCount = histogram.current[i] ?? 0;
      return {
        key: String(i),
        label: `${formatEdge(from)} – ${formatEdge(to)}`,
        from,
        to,
        baseline: share(count, baselineTotal),
        current: share(currentCount, currentTotal),
        baselineCount: count,
        currentCount,
      };
    });
  }
  const { other } = histogram;
  const baselineTotal = sum(histogram.baseline) + other.baseline;
  const currentTotal = sum(histogram.current) + other.current;
  const bars: ShareBar[] = histogram.categories.map((category, i) => {
    const baselineCount = histogram.baseline[i] ?? 0;
    const currentCount = histogram.current[i] ?? 0;
    return {
      key: `c${i}`,
      label: category,
      baseline: share(baselineCount, baselineTotal),
      current: share(currentCount, currentTotal),
      baselineCount,
      currentCount,
    };
  });
  if (other.baseline + other.current > 0)
    bars.push({
      key: 'other',
      label: 'other values',
      baseline: share(other.baseline, baselineTotal),
      current: share(other.current, currentTotal),
      baselineCount: other.baseline,
      currentCount: other.current,
      other: true,
    });
  return bars;
}

/** The largest share of either side: a shared vertical scale for both series. */
export function largestShare(bars: readonly ShareBar[]): number {
  return bars.reduce((max, bar) => Math.max(max, bar.baseline, bar.current), 0);
}
