import { Badge, CloseButton, Group, ScrollArea, Table, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import type { ColumnSummary } from '../../../../shared/contract/index.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import { MissingCell, NumberCell, ValueCell } from './cells.js';
import { kindColors } from './kindColors.js';
import classes from './ColumnSummaryTable.module.css';

const NUMERIC_HEADERS = ['Missing', 'Distinct', 'Min', 'Max', 'Mean', 'Std', 'Q25', 'Median', 'Q75'];

/** The columns whose name holds the filter text, in table order. */
export function filterColumns(columns: ColumnSummary[], query: string): ColumnSummary[] {
  const needle = query.trim().toLowerCase();
  return needle ? columns.filter((c) => c.name.toLowerCase().includes(needle)) : columns;
}

/**
 * Per-column statistics; figures right-aligned so they compare down a column. It is the index of the
 * Columns tab: a click selects a column (the parent opens its detail); the filter is the parent's so
 * the keyboard can move through exactly the rows shown.
 */
export function ColumnSummaryTable({
  columns,
  query,
  onQueryChange,
  selected,
  onSelect,
}: {
  columns: ColumnSummary[];
  query: string;
  onQueryChange: (query: string) => void;
  selected?: string | undefined;
  onSelect?: (column: string) => void;
}) {
  const setQuery = onQueryChange;
  const shown = filterColumns(columns, query);

  return (
    <>
      <Group px="md" py={6} justify="space-between" style={{ flex: 'none' }}>
        <Text size="xs" c="dimmed">
          {shown.length === columns.length
            ? `${formatCount(columns.length)} columns`
            : `${formatCount(shown.length)} of ${formatCount(columns.length)} columns`}
        </Text>
        <TextInput
          placeholder="Filter columns"
          aria-label="Filter columns"
          leftSection={<IconSearch size={14} />}
          w={220}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          rightSection={
            query ? <CloseButton size="xs" aria-label="Clear filter" onClick={() => setQuery('')} /> : null
          }
        />
      </Group>
      <ScrollArea flex={1} type="auto" className={classes.scroller}>
        <Table
          stickyHeader
          highlightOnHover
          withColumnBorders={false}
          className={classes.table}
          data-testid="column-summary"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th className="mlw-num" w={36}>
                #
              </Table.Th>
              <Table.Th>Column</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Kind</Table.Th>
              {NUMERIC_HEADERS.map((header) => (
                <Table.Th key={header} className="mlw-num">
                  {header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((column) => (
              <ColumnRow
                key={column.name}
                column={column}
                index={columns.indexOf(column)}
                selected={column.name === selected}
                onSelect={onSelect}
              />
            ))}
          </Table.Tbody>
        </Table>
        {shown.length === 0 && (
          <Text size="sm" c="dimmed" p="md">
            No column matches “{query}”.
          </Text>
        )}
      </ScrollArea>
    </>
  );
}

function ColumnRow({
  column,
  index,
  selected,
  onSelect,
}: {
  column: ColumnSummary;
  index: number;
  selected: boolean;
  onSelect: ((column: string) => void) | undefined;
}) {
  const numeric = column.kind === 'numeric';
  const row = useRef<HTMLTableRowElement>(null);
  // Moving with the arrow keys must keep the chosen row in sight.
  useEffect(() => {
    if (selected) row.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <Table.Tr
      ref={row}
      data-testid="column-row"
      data-column={column.name}
      aria-selected={onSelect ? selected : undefined}
      className={onSelect ? classes.selectable : undefined}
      onClick={onSelect ? () => onSelect(column.name) : undefined}
    >
      <Table.Td className="mlw-num" c="dimmed">
        {index + 1}
      </Table.Td>
      <Table.Td className={classes.name}>
        <Text size="xs" fw={500} className="mlw-truncate" title={column.name}>
          {column.name}
        </Text>
      </Table.Td>
      <Table.Td className={classes.type}>
        <Badge
          size="sm"
          variant="light"
          color={kindColors[column.kind]}
          tt="none"
          ff="monospace"
          fw={500}
          className={classes.badge}
          title={column.type}
          data-testid="column-type"
        >
          {column.type}
        </Badge>
      </Table.Td>
      <Table.Td c="dimmed">{column.kind}</Table.Td>
      <MissingCell count={column.missing} percent={column.missingPercent} />
      <Table.Td className="mlw-num">{formatCount(column.distinct)}</Table.Td>
      <ValueCell value={column.min} numeric={numeric} />
      <ValueCell value={column.max} numeric={numeric} />
      <NumberCell value={column.mean} />
      <NumberCell value={column.std} />
      <NumberCell value={column.q25} />
      <NumberCell value={column.q50} />
      <NumberCell value={column.q75} />
    </Table.Tr>
  );
}
