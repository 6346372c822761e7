import { ActionIcon, HoverCard, Popover, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconFilter, IconFilterFilled } from '@tabler/icons-react';
import { useState } from 'react';
import type { TableColumn, TableFilter } from '../../../../shared/contract/tables.js';
import { ColumnStatsCard } from './ColumnStatsCard.js';
import { columnFamily } from './columnTypes.js';
import { FilterForm } from './FilterForm.js';
import classes from './DatasetTable.module.css';

export interface HeaderCellProps {
  slug: string;
  column: TableColumn;
  sort: 'asc' | 'desc' | false;
  filter: TableFilter | undefined;
  onToggleSort: () => void;
  onFilter: (filter: TableFilter | undefined) => void;
}

/** A column header: click the name to sort (asc → desc → none), hover it for statistics, filter from the funnel. */
export function HeaderCell({ slug, column, sort, filter, onToggleSort, onFilter }: HeaderCellProps) {
  const [filterOpen, setFilterOpen] = useState(false);
  const family = columnFamily(column.type);
  const SortIcon = sort === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <div
      className={classes.headerCell}
      data-align={family === 'number' ? 'right' : 'left'}
      role="columnheader"
      aria-sort={sort === 'asc' ? 'ascending' : sort === 'desc' ? 'descending' : 'none'}
      data-testid={`header-${column.name}`}
    >
      <HoverCard openDelay={400} closeDelay={100} position="bottom-start" shadow="md" withinPortal>
        <HoverCard.Target>
          <UnstyledButton
            className={classes.headerName}
            onClick={onToggleSort}
            title={`Sort by ${column.name}`}
          >
            <span className={classes.headerLabel}>
              <span className={classes.headerText}>{column.name}</span>
              <span className={classes.headerType}>{column.type.toLowerCase()}</span>
            </span>
            {sort && (
              <SortIcon
                size={14}
                className={classes.sortIcon}
                aria-label={sort === 'asc' ? 'ascending' : 'descending'}
              />
            )}
          </UnstyledButton>
        </HoverCard.Target>
        <HoverCard.Dropdown>
          <ColumnStatsCard slug={slug} column={column.name} />
        </HoverCard.Dropdown>
      </HoverCard>
      <Popover
        opened={filterOpen}
        onChange={setFilterOpen}
        position="bottom-end"
        shadow="md"
        trapFocus
        withinPortal
      >
        <Popover.Target>
          <ActionIcon
            size="sm"
            variant="subtle"
            color={filter ? 'blue' : 'gray'}
            onClick={() => setFilterOpen((open) => !open)}
            aria-label={`Filter ${column.name}`}
            className={classes.filterButton}
            data-active={filter ? true : undefined}
          >
            {filter ? <IconFilterFilled size={13} /> : <IconFilter size={13} />}
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown>
          <FilterForm
            column={column.name}
            family={family}
            current={filter}
            onApply={(next) => {
              setFilterOpen(false);
              onFilter(next);
            }}
          />
        </Popover.Dropdown>
      </Popover>
    </div>
  );
}
