import type { DriftHistogram } from '../../../../shared/contract/drift.js';
import { useChartPalette } from '../../../components/charts/chartPalette.js';
import { histogramShares, largestShare } from './histogramShares.js';

const WIDTH = 112;
const HEIGHT = 24;

/**
 * A table row's sketch of both distributions: the baseline as grey bars, the current side as
 * narrower coloured bars in front, each as shares of its own rows on one scale. Plain SVG: a
 * summary of hundreds of columns draws hundreds of these.
 */
export function MiniHistogram({ histogram, column }: { histogram: DriftHistogram; column: string }) {
  const palette = useChartPalette();
  const bars = histogramShares(histogram);
  const top = largestShare(bars) || 1;
  const step = WIDTH / Math.max(1, bars.length);
  const gap = bars.length > 12 ? 0.5 : 1.5;
  const height = (share: number) => Math.max(share > 0 ? 1 : 0, (share / top) * (HEIGHT - 1));
  return (
    <svg
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Distribution of ${column}: baseline grey, current coloured`}
      data-testid="mini-histogram"
      style={{ display: 'block' }}
    >
      {bars.map((bar, i) => {
        const x = i * step;
        const inner = Math.max(1, step - gap * 2);
        return (
          <g key={bar.key}>
            <rect
              x={x + gap / 2}
              y={HEIGHT - height(bar.baseline)}
              width={Math.max(1, step - gap)}
              height={height(bar.baseline)}
              fill={palette.barMuted}
              opacity={0.55}
            />
            <rect
              x={x + (step - inner) / 2}
              y={HEIGHT - height(bar.current)}
              width={Math.max(1, inner * 0.6)}
              height={height(bar.current)}
              fill={palette.bar}
              transform={`translate(${inner * 0.2} 0)`}
            />
          </g>
        );
      })}
      <line x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} stroke={palette.grid} />
    </svg>
  );
}
