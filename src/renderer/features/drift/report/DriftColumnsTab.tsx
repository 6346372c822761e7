import { CloseButton, Group, ScrollArea, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState, type KeyboardEvent } from 'react';
import type { DriftColumn } from '../../../../shared/contract/drift.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import { EmptyTab } from '../../datasets/profile/TabState.js';
import { ColumnDriftDetail } from './ColumnDriftDetail.js';
import classes from './DriftColumnsTab.module.css';
import { DriftSummaryTable, filterDriftColumns } from './DriftSummaryTable.js';

/**
 * The summary as an index, the selected column's detail beside it. Up and down move the selection
 * through the rows shown (the filter applies), Escape closes the detail.
 */
export function DriftColumnsTab({
  columns,
  selected,
  onSelect,
}: {
  columns: DriftColumn[];
  selected: string | undefined;
  onSelect: (column: string | undefined) => void;
}) {
  const [query, setQuery] = useState('');
  const shown = filterDriftColumns(columns, query);
  const column = columns.find((c) => c.column === selected);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && column) {
      event.preventDefault();
      onSelect(undefined);
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (shown.length === 0 || (event.target as HTMLElement).closest('[role="dialog"]')) return;
    event.preventDefault();
    const at = shown.findIndex((c) => c.column === selected);
    const next =
      at === -1
        ? event.key === 'ArrowDown'
          ? 0
          : shown.length - 1
        : Math.min(shown.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)));
    const target = shown[next];
    if (!target) return;
    onSelect(target.column);
    // Focus follows the selection so Enter, Tab and the focus ring stay where the user looks.
    const row = (event.currentTarget as HTMLElement).querySelector<HTMLElement>(
      `[data-testid="drift-row"][data-column="${CSS.escape(target.column)}"]`,
    );
    row?.focus({ preventScroll: true });
  };

  if (columns.length === 0)
    return (
      <EmptyTab title="No column was compared" testId="drift-no-columns">
        Every baseline column was ignored, or missing on the current side: see Schema.
      </EmptyTab>
    );
  const drifted = columns.filter((c) => c.drift === true).length;
  return (
    <div className={classes.split} onKeyDown={onKeyDown} data-testid="drift-columns-tab">
      <div className={classes.index}>
        <Group px="md" py={6} justify="space-between" wrap="nowrap" style={{ flex: 'none' }}>
          <Text size="xs" c="dimmed" className="mlw-truncate">
            {shown.length === columns.length
              ? `${formatCount(columns.length)} columns, ${formatCount(drifted)} drifted${column ? '' : ' · drifted first, then by how far past the threshold'}`
              : `${formatCount(shown.length)} of ${formatCount(columns.length)} columns`}
          </Text>
          <TextInput
            placeholder="Filter columns"
            aria-label="Filter columns"
            leftSection={<IconSearch size={14} />}
            w={200}
            style={{ flex: 'none' }}
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
            rightSection={
              query ? <CloseButton size="xs" aria-label="Clear filter" onClick={() => setQuery('')} /> : null
            }
            data-testid="drift-column-filter"
          />
        </Group>
        <ScrollArea flex={1} type="auto">
          <DriftSummaryTable
            columns={shown}
            selected={selected}
            compact={column !== undefined}
            onSelect={(name) => onSelect(name === selected ? undefined : name)}
          />
          {shown.length === 0 && (
            <Text size="sm" c="dimmed" p="md">
              No column matches “{query}”.
            </Text>
          )}
        </ScrollArea>
      </div>
      {column && (
        <aside className={classes.panel} aria-label={`Column ${column.column}`}>
          <ColumnDriftDetail key={column.column} column={column} onClose={() => onSelect(undefined)} />
        </aside>
      )}
    </div>
  );
}
