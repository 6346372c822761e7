export interface TableColumn<Row> {
  header: string;
  value: (row: Row) => string;
  align?: 'left' | 'right';
  maxWidth?: number;
  /** Where a long cell loses characters: paths keep their end (the file name), so cut the start. */
  cut?: 'end' | 'start';
}

/** A plain-text table for terminals: numbers right-aligned, long cells cut with an ellipsis. */
export function formatTable<Row>(rows: readonly Row[], columns: readonly TableColumn<Row>[]): string {
  const cells = rows.map((row) =>
    columns.map((column) => clip(column.value(row), column.maxWidth ?? 40, column.cut ?? 'end')),
  );
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...cells.map((row) => (row[i] ?? '').length)),
  );
  const line = (values: string[]): string =>
    values
      .map((value, i) =>
        columns[i]?.align === 'right' ? value.padStart(widths[i] ?? 0) : value.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((c) => c.header)),
    line(widths.map((w) => '─'.repeat(w))),
    ...cells.map(line),
  ].join('\n');
}

function clip(text: string, max: number, cut: 'end' | 'start'): string {
  if (text.length <= max) return text;
  return cut === 'start' ? `…${text.slice(text.length - max + 1)}` : `${text.slice(0, max - 1)}…`;
}
