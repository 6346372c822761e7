import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Cell, TableColumn } from '../../../../shared/contract/tables.js';
import { cellText, columnFamily, columnWidth, exactText } from './columnTypes.js';
import { rowWindow, scrollTopForRow } from './rowWindow.js';
import classes from './DatasetTable.module.css';

export const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 42;
const MIN_ROW_NUMBER_WIDTH = 56;

export interface TableGridProps {
  columns: TableColumn[];
  total: number;
  rowAt: (index: number) => Cell[] | undefined;
  renderHeader: (column: TableColumn, index: number) => ReactNode;
  onWindowChange: (topRow: number, visibleCount: number) => void;
  /** Shown over the body (loading, empty, error). */
  overlay?: ReactNode;
}

/**
 * The virtualized grid: rows are windowed by rowWindow (which also scales the scrollbar past what
 * a browser can scroll), columns by TanStack Virtual; the header and row numbers stay in place
 * with CSS sticky. A cell cursor moves with the arrow keys, PageUp/PageDown and Ctrl+Home/End.
 */
export function TableGrid({ columns, total, rowAt, renderHeader, onWindowChange, overlay }: TableGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [bodyHeight, setBodyHeight] = useState(400);
  const [cursor, setCursor] = useState<{ row: number; col: number }>({ row: 0, col: 0 });
  // Wide enough for the last row's number, e.g. "20,000,000".
  const rowNumberWidth = Math.max(MIN_ROW_NUMBER_WIDTH, total.toLocaleString('en').length * 7 + 20);

  // eslint-disable-next-line react-hooks/incompatible-library -- the grid re-renders on every scroll anyway; nothing is memoized on the virtualizer.
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (columns[index] ? columnWidth(columns[index]) : 120),
    paddingStart: rowNumberWidth,
    overscan: 2,
  });

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const measure = (): void => setBodyHeight(Math.max(ROW_HEIGHT, element.clientHeight - HEADER_HEIGHT));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const window = rowWindow(total, ROW_HEIGHT, bodyHeight, scrollTop);
  const { topRow, visibleCount } = window;
  useEffect(() => onWindowChange(topRow, visibleCount), [topRow, visibleCount, onWindowChange]);

  // A new sort or filter starts again at the top.
  useEffect(() => {
    setCursor((current) => ({ row: Math.min(current.row, Math.max(0, total - 1)), col: current.col }));
  }, [total]);

  const scrollRowIntoView = (row: number): void => {
    const element = scrollRef.current;
    if (!element) return;
    const fullyVisible = Math.max(1, Math.floor(bodyHeight / ROW_HEIGHT));
    let top = topRow + (window.topOffsetPx > 0 ? 1 : 0);
    if (row < top) top = row;
    else if (row >= top + fullyVisible) top = row - fullyVisible + 1;
    else return;
    element.scrollTop = scrollTopForRow(total, ROW_HEIGHT, bodyHeight, top);
  };

  const moveCursor = (row: number, col: number): void => {
    const next = {
      row: Math.min(Math.max(0, row), Math.max(0, total - 1)),
      col: Math.min(Math.max(0, col), Math.max(0, columns.length - 1)),
    };
    setCursor(next);
    scrollRowIntoView(next.row);
    columnVirtualizer.scrollToIndex(next.col, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const page = Math.max(1, Math.floor(bodyHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, () => void> = {
      ArrowDown: () => moveCursor(cursor.row + 1, cursor.col),
      ArrowUp: () => moveCursor(cursor.row - 1, cursor.col),
      ArrowRight: () => moveCursor(cursor.row, cursor.col + 1),
      ArrowLeft: () => moveCursor(cursor.row, cursor.col - 1),
      PageDown: () => moveCursor(cursor.row + page, cursor.col),
      PageUp: () => moveCursor(cursor.row - page, cursor.col),
      Home: () => moveCursor(event.ctrlKey || event.metaKey ? 0 : cursor.row, 0),
      End: () => moveCursor(event.ctrlKey || event.metaKey ? total - 1 : cursor.row, columns.length - 1),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    move();
  };

  const virtualColumns = columnVirtualizer.getVirtualItems();
  const width = columnVirtualizer.getTotalSize();
  const rows: ReactNode[] = [];
  for (let k = 0; k < visibleCount && topRow + k < total; k += 1) {
    const index = topRow + k;
    const row = rowAt(index);
    rows.push(
      <div
        key={index}
        className={classes.row}
        role="row"
        aria-rowindex={index + 2}
        data-row={index}
        data-odd={index % 2 === 1 ? true : undefined}
        style={{
          width,
          height: ROW_HEIGHT,
          transform: `translateY(${HEADER_HEIGHT + scrollTop - window.topOffsetPx + k * ROW_HEIGHT}px)`,
        }}
      >
        <div className={classes.rowNumber} style={{ width: rowNumberWidth }} role="rowheader">
          {(index + 1).toLocaleString('en')}
        </div>
        {virtualColumns.map((virtual) => {
          const column = columns[virtual.index];
          if (!column) return null;
          const style = { left: virtual.start, width: virtual.size };
          if (!row)
            return (
              <div
                key={virtual.key}
                className={classes.placeholder}
                style={{ left: virtual.start + 8, width: virtual.size * 0.6 }}
              />
            );
          const cell = row[virtual.index] ?? null;
          const text = cellText(cell);
          const isCursor = cursor.row === index && cursor.col === virtual.index;
          return (
            <div
              key={virtual.key}
              className={classes.cell}
              style={style}
              role="gridcell"
              aria-colindex={virtual.index + 2}
              aria-selected={isCursor}
              data-align={columnFamily(column.type) === 'number' ? 'right' : 'left'}
              data-null={cell === null ? true : undefined}
              data-cursor={isCursor ? true : undefined}
              title={text.length > 16 || text !== exactText(cell) ? exactText(cell) : undefined}
              onMouseDown={() => setCursor({ row: index, col: virtual.index })}
            >
              {text}
            </div>
          );
        })}
      </div>,
    );
  }

  return (
    <div className={classes.gridWrap}>
      <div
        ref={scrollRef}
        className={classes.scroller}
        tabIndex={0}
        role="grid"
        aria-rowcount={total + 1}
        aria-colcount={columns.length + 1}
        aria-label="Data set rows"
        data-testid="table-grid"
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
      >
        <div className={classes.canvas} style={{ width, height: HEADER_HEIGHT + window.spacerHeight }}>
          <div
            className={classes.header}
            style={{ width, height: HEADER_HEIGHT }}
            role="row"
            aria-rowindex={1}
          >
            <div className={classes.corner} style={{ width: rowNumberWidth }}>
              #
            </div>
            {virtualColumns.map((virtual) => {
              const column = columns[virtual.index];
              return column ? (
                <div
                  key={virtual.key}
                  className={classes.headerSlot}
                  style={{ left: virtual.start, width: virtual.size }}
                >
                  {renderHeader(column, virtual.index)}
                </div>
              ) : null;
            })}
          </div>
          {rows}
        </div>
      </div>
      {overlay && (
        <div className={classes.overlay} style={{ top: HEADER_HEIGHT }}>
          {overlay}
        </div>
      )}
    </div>
  );
}
