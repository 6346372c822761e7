import { Box, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { TableOutput } from '../../../../shared/contract/notebooks.js';
import { footerText } from './tableFooter.js';
import classes from './TableView.module.css';

const ROW_HEIGHT = 26;
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U\w*INT|FLOAT|DOUBLE|REAL|DECIMAL.*)$/;

const display = (value: unknown): string => {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, '');
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
};

/** A result table: only the visible rows are in the DOM, so 10,000 rows scroll as smoothly as 10. */
export function TableView({ table }: { table: TableOutput }) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- nothing is memoized on the virtualizer.
  const virtualizer = useVirtualizer({
    count: table.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const numeric = table.columns.map((c) => NUMERIC.test(c.type));
  const first = table.offset ?? 0;
  // Fixed widths from the header and the first rows: every row is its own grid, so they must agree.
  const widths = table.columns.map((column, i) => {
    const longest = Math.max(
      column.name.length + column.type.length * 0.8 + 2,
      ...table.rows.slice(0, 50).map((row) => display(row[i]).length),
    );
    return Math.round(Math.min(320, Math.max(64, longest * 7.4 + 18)));
  });
  const template = `56px ${widths.map((w) => `${w}px`).join(' ')}`;
  const totalWidth = 56 + widths.reduce((a, b) => a + b, 0);
  const height = Math.min(360, ROW_HEIGHT * (table.rows.length + 1) + 2);
  return (
    <Box data-testid="table-output">
      <div ref={scroller} className={classes.scroller} style={{ height }}>
        <div
          className={classes.grid}
          style={{ width: totalWidth, height: virtualizer.getTotalSize() + ROW_HEIGHT }}
        >
          <div className={classes.header} style={{ gridTemplateColumns: template }}>
            <span className={classes.index}>#</span>
            {table.columns.map((column, i) => (
              <span
                key={column.name}
                className={numeric[i] ? classes.numeric : undefined}
                title={column.type}
              >
                {column.name}
                <span className={classes.type}>{column.type.toLowerCase()}</span>
              </span>
            ))}
          </div>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              className={classes.row}
              style={{ gridTemplateColumns: template, transform: `translateY(${item.start + ROW_HEIGHT}px)` }}
            >
              <span className={classes.index}>{(first + item.index + 1).toLocaleString('en-US')}</span>
              {(table.rows[item.index] ?? []).map((value, i) => (
                <span
                  key={i}
                  className={value === null ? classes.null : numeric[i] ? classes.numeric : undefined}
                >
                  {display(value)}
                </span>
              ))}
            </div>
          ))}
        </div>
      </div>
      <Text
        size="xs"
        c="dimmed"
        mt={4}
        data-testid="table-footer"
        data-truncated={table.truncated || undefined}
        title={
          table.truncated
            ? 'Only these rows are kept with the notebook. Aggregate in SQL, or read every row in a JavaScript cell with mlw.sqlPages(query).'
            : undefined
        }
      >
        {footerText(table)}
        {table.elapsedMs > 0 && ` · ${Math.round(table.elapsedMs).toLocaleString('en-US')} ms`}
      </Text>
    </Box>
  );
}
