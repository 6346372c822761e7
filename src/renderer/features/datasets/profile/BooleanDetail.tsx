import { BarList } from '../../../components/charts/BarList.js';
import type { ColumnProfile } from './profileTypes.js';
import { Section } from './TabState.js';

type BooleanStats = NonNullable<ColumnProfile['boolean']>;

/** A boolean column: true against false (and missing, when there are any) as bars with shares. */
export function BooleanDetail({ column, stats }: { column: ColumnProfile; stats: BooleanStats }) {
  const total = stats.trueCount + stats.falseCount + column.missing;
  const items = [
    { key: 'true', label: 'true', value: stats.trueCount },
    { key: 'false', label: 'false', value: stats.falseCount },
  ];
  if (column.missing > 0) items.push({ key: 'missing', label: '(missing)', value: column.missing });
  return (
    <Section title="Values">
      <BarList items={items} total={total} xLabel="rows" labelWidth={80} testId="boolean-counts" />
    </Section>
  );
}
