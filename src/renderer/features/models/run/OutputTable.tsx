import { ScrollArea, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import { formatValue } from './formatValue.js';
import { tableView } from './outputValues.js';

/** Enough to read and scroll at once; the rest is in the downloads. */
const MAX_ROWS = 100;
const MAX_COLUMNS = 50;

/** An output as rows × columns (axis 0 down), capped with a note saying what is left out. */
export function OutputTable({ tensor, firstRow }: { tensor: TensorValue; firstRow: number }) {
  const view = useMemo(() => tableView(tensor, MAX_ROWS, MAX_COLUMNS), [tensor]);
  const cappedRows = view.cells.length < view.rows;
  const cappedColumns = view.columnLabels.length < view.columns;
  return (
    <>
      {(cappedRows || cappedColumns) && (
        <Text size="xs" c="dimmed" data-testid="run-output-table-note">
          Showing{' '}
          {cappedRows
            ? `the first ${view.cells.length.toLocaleString('en-US')} of ${view.rows.toLocaleString('en-US')} rows`
            : `all ${view.rows.toLocaleString('en-US')} rows`}
          {cappedColumns
            ? ` and the first ${view.columnLabels.length} of ${view.columns.toLocaleString('en-US')} columns`
            : ''}
          ; download .npy or .npz for every value.
        </Text>
      )}
      <ScrollArea.Autosize mah={300} type="auto" offsetScrollbars>
        <Table
          striped
          withTableBorder
          withColumnBorders
          stickyHeader
          fz="xs"
          highlightOnHover
          style={{ width: 'auto', minWidth: 160 }}
          data-testid="run-output-table"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th ta="right" c="dimmed" fw={500}>
                row
              </Table.Th>
              {view.columnLabels.map((label) => (
                <Table.Th key={label} ta="right" ff="monospace" fw={500}>
                  {label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.cells.map((cells, r) => (
              <Table.Tr key={r}>
                <Table.Td ta="right" ff="monospace" c="dimmed" className="mlw-num">
                  {(firstRow + r).toLocaleString('en-US')}
                </Table.Td>
                {cells.map((value, c) => (
                  <Table.Td
                    key={c}
                    ta="right"
                    ff="monospace"
                    className="mlw-num"
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {formatValue(value)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </>
  );
}
