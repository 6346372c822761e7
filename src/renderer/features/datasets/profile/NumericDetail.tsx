import { Histogram } from '../../../components/charts/Histogram.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import { QuantileStrip } from './QuantileStrip.js';
import { num, shareOf } from './statFormat.js';
import { StatsList } from './StatsList.js';
import type { ColumnProfile, NumericStats } from './profileTypes.js';
import { EmptyTab, Section } from './TabState.js';

/** A numeric column: its distribution, its box summary and every statistic the engine measured. */
export function NumericDetail({ column, stats }: { column: ColumnProfile; stats: NumericStats }) {
  const present = column.count;
  return (
    <>
      <Section
        title="Distribution"
        aside={stats.histogram ? `${stats.histogram.counts.length} bins` : undefined}
      >
        {stats.histogram && stats.histogram.counts.length > 0 ? (
          <Histogram edges={stats.histogram.edges} counts={stats.histogram.counts} xLabel={column.name} />
        ) : (
          <EmptyTab title="No histogram">The column has no finite values to bin.</EmptyTab>
        )}
      </Section>
      <Section title="Quantiles">
        <QuantileStrip stats={stats} />
      </Section>
      <Section title="Statistics">
        <StatsList
          testId="numeric-stats"
          rows={[
            ['Mean', num(stats.mean)],
            ['Standard deviation', num(stats.std)],
            ['Minimum', num(stats.min)],
            ['5th percentile', num(stats.p5)],
            ['25th percentile', num(stats.p25)],
            ['Median', num(stats.p50)],
            ['75th percentile', num(stats.p75)],
            ['95th percentile', num(stats.p95)],
            ['Maximum', num(stats.max)],
            ['Interquartile range', num(stats.iqr)],
            ['Skewness', num(stats.skewness)],
            ['Excess kurtosis', num(stats.kurtosis)],
            ['Zeros', formatCount(stats.zeros), shareOf(stats.zeros, present)],
            ['Negatives', formatCount(stats.negatives), shareOf(stats.negatives, present)],
            ['Infinities', formatCount(stats.infinities), shareOf(stats.infinities, present)],
          ]}
        />
      </Section>
    </>
  );
}
