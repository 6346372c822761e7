import { Badge, Button, CloseButton, Group, Loader, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Cell, TableColumn, TableFilter, TableRows } from '../../../../shared/contract/tables.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { opLabels } from './columnTypes.js';
import { HeaderCell } from './HeaderCell.js';
import { pagesFor } from './rowWindow.js';
import { StatusLine } from './StatusLine.js';
import { TableGrid } from './TableGrid.js';
import { PAGE_SIZE, useFilteredCount, useTablePages, type TableQueryState } from './useTablePages.js';
import classes from './DatasetTable.module.css';

/**
 * A data set's rows in a virtualized grid with sort, filters and column statistics. Rows arrive in
 * pages of 200 around the viewport (plus the next), cached by sort, filters and offset.
 */
export function DatasetTable({ slug }: { slug: string }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filters, setFilters] = useState<TableFilter[]>([]);
  const [view, setView] = useState({ topRow: 0, visibleCount: 30 });
  // The header stays while a new sort or filter loads its first page.
  const [known, setKnown] = useState<{ slug: string; columns: TableColumn[]; datasetRows: number }>();
  const queryClient = useQueryClient();

  const state: TableQueryState = useMemo(
    () => ({
      slug,
      sort: sorting.map((key) => ({ column: key.id, direction: key.desc ? 'desc' : 'asc' })),
      filters,
    }),
    [slug, sorting, filters],
  );
  const count = useFilteredCount(state);
  // The first page always loads: it carries the schema and, unfiltered, the total.
  const firstPage = useTablePages(state, [0])[0];
  // Unfiltered, the total is the data set's row count, known from any earlier page (e.g. before a sort).
  const knownRows = known?.slug === slug ? known.datasetRows : undefined;
  const total =
    firstPage?.data?.total ?? (filters.length > 0 ? (count.data?.total ?? null) : (knownRows ?? null));
  // While a filtered count runs, let the user scroll one page past what is loaded.
  const scrollTotal = total ?? Math.max(PAGE_SIZE, view.topRow + view.visibleCount + PAGE_SIZE);
  const visibleNumbers = pagesFor(view.topRow, view.visibleCount, PAGE_SIZE, scrollTotal, false);
  const visiblePages = useTablePages(state, visibleNumbers);
  const visibleLoaded = visiblePages.every((page) => page.data !== undefined);
  const pageNumbers = visibleLoaded
    ? pagesFor(view.topRow, view.visibleCount, PAGE_SIZE, scrollTotal)
    : visibleNumbers;
  const pages = useTablePages(state, pageNumbers);

  const pageData = new Map<number, TableRows>();
  pageNumbers.forEach((page, i) => {
    const data = pages[i]?.data;
    if (data) pageData.set(page, data);
  });
  if (firstPage?.data) pageData.set(0, firstPage.data);
  const loadedColumns = firstPage?.data?.columns;
  const loadedRows = firstPage?.data?.datasetRows;
  useEffect(() => {
    if (loadedColumns && loadedRows !== undefined)
      setKnown({ slug, columns: loadedColumns, datasetRows: loadedRows });
  }, [slug, loadedColumns, loadedRows]);
  const columns = useMemo(
    () => loadedColumns ?? (known?.slug === slug ? known.columns : []),
    [loadedColumns, known, slug],
  );

  const rowAt = (index: number): Cell[] | undefined =>
    pageData.get(Math.floor(index / PAGE_SIZE))?.rows[index % PAGE_SIZE];
  const onWindowChange = useCallback(
    (topRow: number, visibleCount: number) => setView({ topRow, visibleCount }),
    [],
  );

  // TanStack Table owns the column model and the asc → desc → none sort cycle; rows stay on the server.
  const columnDefs = useMemo<ColumnDef<Cell[]>[]>(
    () =>
      columns.map((column, j) => ({
        id: column.name,
        accessorFn: (row) => row[j] ?? null,
        header: column.name,
      })),
    [columns],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- the grid re-renders on every scroll anyway; nothing here is memoized on the table.
  const table = useReactTable({
    data: [],
    columns: columnDefs,
    state: { sorting },
    onSortingChange: setSorting,
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: false,
    sortDescFirst: false,
    getCoreRowModel: getCoreRowModel(),
  });

  const setFilter = (column: string, filter: TableFilter | undefined): void =>
    setFilters((current) => [...current.filter((f) => f.column !== column), ...(filter ? [filter] : [])]);
  const clearFilters = (): void => setFilters([]);

  const error = firstPage?.error ?? pages.find((page) => page.error)?.error ?? null;
  const loading = !visibleLoaded && !error;
  const latest = pageData.get(Math.floor(view.topRow / PAGE_SIZE)) ?? firstPage?.data;
  const lastShown = Math.min(total ?? scrollTotal, view.topRow + view.visibleCount - 1);

  let overlay = null;
  if (error) {
    overlay = (
      <Stack maw={520} p="md" gap="xs">
        <ErrorAlert error={error} />
        {filters.length > 0 && (
          <Button size="xs" variant="light" onClick={clearFilters} w="fit-content">
            Clear filters
          </Button>
        )}
      </Stack>
    );
  } else if (total === 0) {
    overlay = (
      <Stack align="center" gap="xs" data-testid="table-empty">
        <Text size="sm">
          {filters.length > 0 ? 'No rows match these filters.' : 'This data set has no rows.'}
        </Text>
        {filters.length > 0 && (
          <Button size="xs" variant="light" onClick={clearFilters}>
            Clear filters
          </Button>
        )}
      </Stack>
    );
  } else if (!firstPage?.data && state.sort.length > 0 && view.topRow < PAGE_SIZE) {
    // Sorting millions of rows takes seconds; say so rather than show empty rows.
    const [key] = state.sort;
    overlay = (
      <Group gap="xs" className={classes.notice} data-testid="table-sorting">
        <Loader size="sm" />
        <Text size="sm">
          Sorting {total === null ? '' : `${formatCount(total)} rows `}by {key?.column}…
        </Text>
      </Group>
    );
  } else if (!firstPage?.data && columns.length === 0) {
    overlay = (
      <Group gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          Loading rows…
        </Text>
      </Group>
    );
  }

  return (
    <div className={classes.root} data-testid="dataset-table">
      {filters.length > 0 && (
        <div className={classes.toolbar} data-testid="table-filters">
          {filters.map((filter) => (
            <Badge
              key={filter.column}
              variant="light"
              tt="none"
              rightSection={
                <CloseButton
                  size="xs"
                  aria-label={`Remove the ${filter.column} filter`}
                  onClick={() => setFilter(filter.column, undefined)}
                />
              }
            >
              {filter.column} {opLabels[filter.op]} {filter.value === undefined ? '' : String(filter.value)}
            </Badge>
          ))}
          <Button size="compact-xs" variant="subtle" color="gray" onClick={clearFilters}>
            Clear filters
          </Button>
        </div>
      )}
      <TableGrid
        columns={columns}
        total={error || total === 0 ? 0 : scrollTotal}
        rowAt={rowAt}
        onWindowChange={onWindowChange}
        overlay={overlay}
        renderHeader={(column) => {
          const tableColumn = table.getColumn(column.name);
          return (
            <HeaderCell
              slug={slug}
              column={column}
              sort={tableColumn?.getIsSorted() ?? false}
              filter={filters.find((f) => f.column === column.name)}
              onToggleSort={() => tableColumn?.toggleSorting(undefined, false)}
              onFilter={(filter) => setFilter(column.name, filter)}
            />
          );
        }}
      />
      <StatusLine
        firstRow={total === 0 ? 0 : view.topRow + 1}
        lastRow={total === 0 ? -1 : lastShown}
        total={total}
        sort={state.sort}
        filterCount={filters.length}
        elapsedMs={latest?.elapsedMs}
        loading={loading}
        counting={count.isFetching}
        onCancelCount={() => void queryClient.cancelQueries({ queryKey: ['datasets.count'] })}
        onCount={() => void count.refetch()}
      />
    </div>
  );
}
