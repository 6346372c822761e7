import type { TableOutput } from '../../../../shared/contract/notebooks.js';

const count = (n: number): string => n.toLocaleString('en-US');

/** "25 rows", or when the output holds part of the result, which part: "Showing 1,000 of 25,000 rows". */
export function footerText(table: Pick<TableOutput, 'rows' | 'totalRows' | 'truncated' | 'offset'>): string {
  const shown = table.rows.length;
  const first = table.offset ?? 0;
  if (!table.truncated) return `${count(table.totalRows)} ${table.totalRows === 1 ? 'row' : 'rows'}`;
  if (first > 0 && shown > 0)
    return `Showing rows ${count(first + 1)}–${count(first + shown)} of ${count(table.totalRows)}`;
  return `Showing ${count(shown)} of ${count(table.totalRows)} rows`;
}
