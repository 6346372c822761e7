import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ColumnSummaryTable, filterColumns } from '../detail/ColumnSummaryTable.js';
import { ColumnDetailPanel } from './ColumnDetailPanel.js';
import type { Profile } from './profileTypes.js';
import { EmptyTab } from './TabState.js';
import classes from './ColumnsTab.module.css';

/**
 * The column table as an index, and beside it the detail of the selected column. Up and down move
 * the selection through the rows shown (the filter applies), Escape closes the detail.
 */
export function ColumnsTab({
  profile,
  selected,
  onSelect,
}: {
  profile: Profile;
  selected: string | undefined;
  onSelect: (column: string | undefined) => void;
}) {
  const [query, setQuery] = useState('');
  const shown = filterColumns(profile.columns, query);
  const column = profile.columns.find((c) => c.name === selected);
  const index = useRef<HTMLDivElement>(null);
  // Arriving from an alert link, the keys should work at once, without a click into the table first.
  useEffect(() => {
    index.current?.focus({ preventScroll: true });
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && column) {
      event.preventDefault();
      onSelect(undefined);
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (shown.length === 0) return;
    event.preventDefault();
    const at = shown.findIndex((c) => c.name === selected);
    const next =
      at === -1
        ? event.key === 'ArrowDown'
          ? 0
          : shown.length - 1
        : Math.min(shown.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)));
    const target = shown[next];
    if (target) onSelect(target.name);
  };

  if (profile.columns.length === 0) {
    return <EmptyTab title="This data set has no columns" />;
  }
  return (
    // The whole tab listens, so the keys work from the table, the filter box or the detail panel.
    <div className={classes.split} onKeyDown={onKeyDown} data-testid="columns-tab">
      <div className={classes.index} tabIndex={-1} ref={index}>
        <ColumnSummaryTable
          columns={profile.columns}
          query={query}
          onQueryChange={setQuery}
          selected={selected}
          onSelect={(name) => onSelect(name === selected ? undefined : name)}
        />
      </div>
      {column && (
        <aside className={classes.panel} aria-label={`Column ${column.name}`}>
          <ColumnDetailPanel
            column={column}
            alerts={profile.alerts}
            onClose={() => onSelect(undefined)}
            onOpenColumn={(name) => onSelect(name)}
          />
        </aside>
      )}
    </div>
  );
}
