import { Badge, Table } from '@mantine/core';
import type { BenchResult } from '../../../../shared/contract/modelLab.js';
import { formatMs, formatRate } from './BenchCharts.js';
import classes from './Bench.module.css';

const FIGURES = ['p50', 'p90', 'p99', 'mean', 'std'] as const;

/** Every cell of a benchmark: its latency figures in ms and items/s, or why it was skipped or failed. */
export function BenchTable({ result }: { result: BenchResult }) {
  return (
    <Table data-testid="bench-table" withRowBorders verticalSpacing={4} fz="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th className={classes.num}>Batch</Table.Th>
          <Table.Th className={classes.num}>Threads</Table.Th>
          <Table.Th className={classes.num}>Runs</Table.Th>
          {FIGURES.map((figure) => (
            <Table.Th key={figure} className={classes.num}>
              {figure}
            </Table.Th>
          ))}
          <Table.Th className={classes.num}>items/s</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {result.cells.map((cell) => (
          <Table.Tr
            key={`${cell.batch}:${cell.intraOpThreads}`}
            data-testid="bench-cell"
            data-status={cell.status}
          >
            <Table.Td className={classes.num}>{cell.batch}</Table.Td>
            <Table.Td className={classes.num}>{cell.intraOpThreads}</Table.Td>
            <Table.Td className={classes.num}>{cell.runs}</Table.Td>
            {cell.latencyMs ? (
              <>
                {FIGURES.map((figure) => (
                  <Table.Td key={figure} className={classes.num}>
                    {formatMs(cell.latencyMs![figure])}
                  </Table.Td>
                ))}
                <Table.Td className={classes.num}>
                  {cell.itemsPerSecond === null ? '—' : formatRate(cell.itemsPerSecond)}
                </Table.Td>
              </>
            ) : (
              <Table.Td colSpan={FIGURES.length + 1}>
                <Badge size="xs" variant="light" color={cell.status === 'failed' ? 'red' : 'gray'} mr={6}>
                  {cell.status}
                </Badge>
                <span className={classes.reason}>{cell.reason}</span>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
