import { Histogram } from '../../../components/charts/Histogram.js';
import { StatsList } from './StatsList.js';
import type { ColumnProfile } from './profileTypes.js';
import { EmptyTab, Section } from './TabState.js';
import { dateEdgeFormatter } from './dateEdges.js';

type DatetimeStats = NonNullable<ColumnProfile['datetime']>;

/** A date or time column: its range and how its rows spread over time. */
export function DatetimeDetail({ column, stats }: { column: ColumnProfile; stats: DatetimeStats }) {
  const edges = stats.histogram?.edges.map((iso) => Date.parse(iso)) ?? [];
  const counts = stats.histogram?.counts ?? [];
  const usable = edges.length > 1 && edges.every((edge) => Number.isFinite(edge));
  return (
    <>
      <Section title="Over time" aside={usable ? `${counts.length} bins, UTC` : undefined}>
        {usable ? (
          <Histogram
            edges={edges}
            counts={counts}
            formatEdge={dateEdgeFormatter(edges[0] ?? 0, edges[edges.length - 1] ?? 0)}
            xLabel={`${column.name} (UTC)`}
          />
        ) : (
          <EmptyTab title="No histogram">The column has no dates to bin.</EmptyTab>
        )}
      </Section>
      <Section title="Range">
        <StatsList
          testId="datetime-stats"
          rows={[
            ['Earliest', stats.min ?? '—'],
            ['Latest', stats.max ?? '—'],
          ]}
        />
      </Section>
    </>
  );
}
