export interface TableColumn<Row> {
  header: string;
  value: (row: Row) => string;
  align?: 'left' | 'right';
  maxWidth?: number;
  /** Where a long cell loses characters: paths keep their end (the file name), so cut the start. */
  cut?: 'end' | 'start';
}

import { terminalText } from './terminalText.js';

/**
 * A plain-text table for terminals: numbers right-aligned, long cells cut with an ellipsis. Headers
 * and cells are escaped (terminalText), so a name or a value can neither run escape sequences nor
 * break a row into two.
 */
export function formatTable<Row>(rows: readonly Row[], columns: readonly TableColumn<Row>[]): string {
  const cells = rows.map((row) =>
    columns.map((column) =>
      clip(terminalText(column.value(row)), column.maxWidth ?? 40, column.cut ?? 'end'),
    ),
  );
  const widths = columns.map((column, i) =>
    Math.max(terminalText(column.header).length, ...cells.map((row) => (row[i] ?? '').length)),
  );
  const line = (values: string[]): string =>
    values
      .map((value, i) =>
        columns[i]?.align === 'right' ? value.padStart(widths[i] ?? 0) : value.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((c) => terminalText(c.header))),
    line(widths.map((w) => '─'.repeat(w))),
    ...cells.map(line),
  ].join('\n');
}

function clip(text: string, max: number, cut: 'end' | 'start'): string {
  if (text.length <= max) return text;
  return cut === 'start' ? `…${text.slice(text.length - max + 1)}` : `${text.slice(0, max - 1)}…`;
}
