import { Button, Loader } from '@mantine/core';
import type { TableSort } from '../../../../shared/contract/tables.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import classes from './DatasetTable.module.css';

export interface StatusLineProps {
  firstRow: number;
  lastRow: number;
  /** null while a filtered count runs. */
  total: number | null;
  sort: TableSort[];
  filterCount: number;
  elapsedMs: number | undefined;
  loading: boolean;
  /** A filtered count is running; it can be stopped and started again. */
  counting: boolean;
  onCancelCount: () => void;
  onCount: () => void;
}

/** "rows 1-200 of 20,000,000 · sorted by x ↓ · 2 filters · 84 ms", with a spinner while work runs. */
export function StatusLine({
  firstRow,
  lastRow,
  total,
  sort,
  filterCount,
  elapsedMs,
  loading,
  counting,
  onCancelCount,
  onCount,
}: StatusLineProps) {
  const parts: string[] = [];
  if (total === 0) parts.push('0 rows');
  else {
    const range = `rows ${formatCount(firstRow)}-${formatCount(lastRow)}`;
    parts.push(total === null ? `${range} of many` : `${range} of ${formatCount(total)}`);
  }
  const [key] = sort;
  if (key) parts.push(`sorted by ${key.column} ${key.direction === 'asc' ? '↑' : '↓'}`);
  if (filterCount > 0) parts.push(`${filterCount} ${filterCount === 1 ? 'filter' : 'filters'}`);
  if (elapsedMs !== undefined && !loading) parts.push(`${Math.round(elapsedMs)} ms`);
  return (
    <div className={classes.statusLine} data-testid="table-status" role="status">
      {loading && <Loader size={12} aria-label={key ? 'Sorting' : 'Loading rows'} />}
      <span>{parts.join(' · ')}</span>
      {loading && <span>{key ? 'sorting…' : 'loading…'}</span>}
      {total === null && counting && filterCount > 0 && (
        <>
          <Loader size={12} aria-label="Counting matching rows" />
          <span>counting matches…</span>
          <Button size="compact-xs" variant="subtle" color="gray" onClick={onCancelCount}>
            Stop counting
          </Button>
        </>
      )}
      {total === null && !counting && filterCount > 0 && (
        <Button size="compact-xs" variant="subtle" onClick={onCount}>
          Count matches
        </Button>
      )}
    </div>
  );
}
