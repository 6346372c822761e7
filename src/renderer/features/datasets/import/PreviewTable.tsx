import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { DatasetPreview } from '../../../../shared/contract/index.js';
import classes from './ImportOptionsDialog.module.css';

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/;

type PreviewColumn = DatasetPreview['columns'][number];

/**
 * The preview rows as DuckDB read them: a header of name and type, numbers right-aligned. With
 * `renderType` the type is a control (the CSV type pickers) rather than text.
 */
export function PreviewTable({
  preview,
  renderType,
}: {
  preview: DatasetPreview;
  renderType?: ((column: PreviewColumn, align: 'left' | 'right') => ReactNode) | undefined;
}) {
  const numeric = preview.columns.map((column) => NUMERIC.test(column.type));
  return (
    <div className={classes.tableWrap}>
      <Table
        striped
        highlightOnHover
        withColumnBorders
        stickyHeader
        verticalSpacing={4}
        horizontalSpacing="xs"
        fz="xs"
        data-testid="import-preview"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th className={classes.rowNumber} aria-label="Row" />
            {preview.columns.map((column, i) => (
              <Table.Th
                key={i}
                className={renderType ? `${classes.cell} ${classes.typedHeader}` : classes.cell}
                ta={numeric[i] ? 'right' : 'left'}
                title={column.name}
              >
                <span className={classes.columnName} data-testid="import-preview-column">
                  {column.name}
                </span>
                {renderType ? (
                  renderType(column, numeric[i] ? 'right' : 'left')
                ) : (
                  <Text component="span" size="xs" c="dimmed" className={classes.columnType}>
                    {column.type}
                  </Text>
                )}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.rows.map((row, r) => (
            <Table.Tr key={r}>
              <Table.Td className={classes.rowNumber}>{r + 1}</Table.Td>
              {row.map((cell, c) => (
                <Table.Td
                  key={c}
                  className={numeric[c] ? `${classes.cell} mlw-num` : classes.cell}
                  ta={numeric[c] ? 'right' : 'left'}
                  title={cell === null ? 'missing' : String(cell)}
                >
                  {cell === null ? <span className={classes.missing}>null</span> : String(cell)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
