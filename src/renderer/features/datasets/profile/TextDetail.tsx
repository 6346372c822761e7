import { BarList, type BarItem } from '../../../components/charts/BarList.js';
import { formatCount, formatNumber } from '../../../../shared/format/numbers.js';
import { num, shareOf } from './statFormat.js';
import { StatsList } from './StatsList.js';
import type { ColumnProfile, TextStats } from './profileTypes.js';
import { EmptyTab, Section } from './TabState.js';
import { visibleChars } from './visibleChars.js';

/** A categorical or text column: its most frequent values with their shares, and its lengths. */
export function TextDetail({ column, stats }: { column: ColumnProfile; stats: TextStats }) {
  const items: BarItem[] = stats.topValues.map((entry, index) => ({
    key: `v${index}`,
    // An empty string or a value of spaces would be an invisible label.
    label: entry.value === '' ? '(empty string)' : visibleChars(entry.value),
    value: entry.count,
  }));
  if (stats.otherCount > 0 && items.length > 0) {
    items.push({
      key: 'other',
      label: `(${formatCount(column.distinct - items.length)} other values)`,
      value: stats.otherCount,
      muted: true,
    });
  }
  return (
    <>
      <Section title="Most frequent values" aside={`${formatCount(column.distinct)} distinct`}>
        {items.length > 0 ? (
          <BarList items={items} total={column.count} xLabel="rows" testId="top-values" />
        ) : (
          <EmptyTab title="Every value is unique">
            {formatCount(column.distinct)} distinct values in {formatCount(column.count)} rows: no value
            repeats.
          </EmptyTab>
        )}
      </Section>
      <Section title="Lengths and contents">
        <StatsList
          testId="text-stats"
          rows={[
            ['Shortest', stats.lengthMin === null ? '—' : `${formatNumber(stats.lengthMin)} chars`],
            ['Mean length', stats.lengthMean === null ? '—' : `${num(stats.lengthMean)} chars`],
            ['Longest', stats.lengthMax === null ? '—' : `${formatNumber(stats.lengthMax)} chars`],
            ['Empty strings', formatCount(stats.emptyStrings), shareOf(stats.emptyStrings, column.count)],
            ['Number-like values', formatCount(stats.numberLike), shareOf(stats.numberLike, column.count)],
          ]}
        />
      </Section>
    </>
  );
}
