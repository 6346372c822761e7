import { Table, Text } from '@mantine/core';
import {
  formatCount,
  formatMaybeNumber,
  formatNumber,
  formatPercent,
} from '../../../../shared/format/numbers.js';
import { VisibleText } from '../profile/VisibleText.js';
import classes from './cells.module.css';

function Missing() {
  return (
    <Text span size="xs" c="dimmed" aria-label="not applicable">
      —
    </Text>
  );
}

export function NumberCell({ value }: { value: number | null }) {
  return (
    <Table.Td className="mlw-num" title={value === null ? undefined : String(value)}>
      {value === null ? <Missing /> : formatNumber(value)}
    </Table.Td>
  );
}

/** Min and max arrive as text (dates and strings share the field); numbers among them are formatted. */
export function ValueCell({ value, numeric }: { value: string | null; numeric: boolean }) {
  if (value === null) {
    return (
      <Table.Td className="mlw-num">
        <Missing />
      </Table.Td>
    );
  }
  return (
    <Table.Td className={numeric ? 'mlw-num' : undefined} title={value} style={{ maxWidth: 160 }}>
      {/* Text extremes can hold line breaks or edge spaces; they are drawn as marks, not collapsed. */}
      <div className={numeric ? undefined : 'mlw-truncate'}>
        {numeric ? formatMaybeNumber(value) : <VisibleText text={value} />}
      </div>
    </Table.Td>
  );
}

/** Missing values as a count and a share; dimmed when there are none, so the columns with gaps stand out. */
export function MissingCell({ count, percent }: { count: number; percent: number }) {
  return (
    <Table.Td className="mlw-num" c={count === 0 ? 'dimmed' : undefined}>
      {formatCount(count)}{' '}
      <Text span size="xs" c={percent >= 50 ? 'red' : 'dimmed'} className={classes.share}>
        {formatPercent(percent)}
      </Text>
    </Table.Td>
  );
}
