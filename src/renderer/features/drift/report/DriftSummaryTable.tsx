import { Table, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { DriftColumn } from '../../../../shared/contract/drift.js';
import { driftTests } from '../../../../shared/drift/driftTests.js';
import { formatNumber } from '../../../../shared/format/numbers.js';
import { formatPValue, formatStatistic, thresholdRule } from '../driftFormat.js';
import { VerdictBadge } from '../VerdictBadge.js';
import classes from './DriftSummaryTable.module.css';
import { MiniHistogram } from './MiniHistogram.js';

/** The columns whose name (or current name) holds the filter text, in the report's order. */
export function filterDriftColumns(columns: DriftColumn[], query: string): DriftColumn[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return columns;
  return columns.filter(
    (column) =>
      column.column.toLowerCase().includes(needle) || column.currentColumn.toLowerCase().includes(needle),
  );
}

const SKETCH_TITLE = "Baseline grey, current coloured, as shares of each side's rows";

/**
 * One row per compared column in the report's order (drifted first, then by how far past its
 * threshold): its test, figures right-aligned, the verdict and both distributions sketched. A row
 * is a button: click, Enter or Space opens its detail. Compact (beside an open detail) it keeps the
 * name, the score the threshold is held to, the verdict and the sketch.
 */
export function DriftSummaryTable({
  columns,
  selected,
  compact,
  onSelect,
}: {
  columns: DriftColumn[];
  selected: string | undefined;
  compact: boolean;
  onSelect: (column: string) => void;
}) {
  return (
    <Table
      stickyHeader
      highlightOnHover
      className={classes.table}
      data-testid="drift-summary"
      data-compact={compact || undefined}
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Column</Table.Th>
          {compact ? (
            <Table.Th className="mlw-num" title="The p-value for p-value tests, the distance otherwise">
              Score
            </Table.Th>
          ) : (
            <>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Test</Table.Th>
              <Table.Th className="mlw-num">Statistic</Table.Th>
              <Table.Th className="mlw-num">p-value</Table.Th>
              <Table.Th className="mlw-num">Threshold</Table.Th>
            </>
          )}
          <Table.Th>Drift</Table.Th>
          <Table.Th title={SKETCH_TITLE}>Distribution</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {columns.map((column) => (
          <SummaryRow
            key={column.column}
            column={column}
            selected={column.column === selected}
            compact={compact}
            onSelect={() => onSelect(column.column)}
          />
        ))}
      </Table.Tbody>
    </Table>
  );
}

function SummaryRow({
  column,
  selected,
  compact,
  onSelect,
}: {
  column: DriftColumn;
  selected: boolean;
  compact: boolean;
  onSelect: () => void;
}) {
  const row = useRef<HTMLTableRowElement>(null);
  // Moving with the arrow keys must keep the chosen row in sight.
  useEffect(() => {
    if (selected) row.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const mapped = column.currentColumn !== column.column;
  const info = driftTests[column.test];
  const pValueTest = info.score === 'p_value';
  const figures =
    column.notComputable !== null ? (
      <Table.Td colSpan={compact ? 1 : 5} className={classes.reason}>
        <Text
          size="xs"
          c="dimmed"
          fs="italic"
          className="mlw-truncate"
          maw={compact ? 160 : 420}
          title={column.notComputable}
          data-testid="drift-row-reason"
        >
          {column.notComputable}
        </Text>
      </Table.Td>
    ) : compact ? (
      <Table.Td className="mlw-num" title={`${info.label}, drift when ${thresholdRule(column)}`}>
        {pValueTest ? formatPValue(column.pValue) : formatStatistic(column.statistic)}
      </Table.Td>
    ) : (
      <>
        <Table.Td c="dimmed">{column.kind}</Table.Td>
        <Table.Td
          title={`${info.label}: ${pValueTest ? 'drift when p < threshold' : 'drift when the distance ≥ threshold'}`}
        >
          <Text size="xs" className="mlw-truncate" maw={170}>
            {info.label}
          </Text>
        </Table.Td>
        <Table.Td className="mlw-num" fw={pValueTest ? undefined : 600}>
          {formatStatistic(column.statistic)}
        </Table.Td>
        <Table.Td className="mlw-num" fw={pValueTest ? 600 : undefined}>
          {formatPValue(column.pValue)}
        </Table.Td>
        <Table.Td className="mlw-num" c="dimmed">
          {pValueTest ? '<' : '≥'} {formatNumber(column.threshold)}
        </Table.Td>
      </>
    );
  return (
    <Table.Tr
      ref={row}
      tabIndex={0}
      aria-selected={selected}
      className={`${classes.row} ${column.drift ? classes.drifted : ''}`}
      onClick={onSelect}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onSelect();
        }
      }}
      data-testid="drift-row"
      data-column={column.column}
      data-drift={column.drift === null ? 'unknown' : String(column.drift)}
    >
      <Table.Td className={classes.name}>
        <Text
          size="xs"
          fw={500}
          className="mlw-truncate"
          maw={compact ? 150 : 260}
          title={mapped ? `${column.column} → ${column.currentColumn}` : column.column}
        >
          {column.column}
          {mapped && (
            <Text span size="xs" c="dimmed">
              {' '}
              → {column.currentColumn}
            </Text>
          )}
        </Text>
      </Table.Td>
      {figures}
      <Table.Td>
        <VerdictBadge drift={column.drift} size="xs" testId="drift-row-verdict" />
      </Table.Td>
      <Table.Td py={2} title={SKETCH_TITLE}>
        {column.histogram ? <MiniHistogram histogram={column.histogram} column={column.column} /> : null}
      </Table.Td>
    </Table.Tr>
  );
}
