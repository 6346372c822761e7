import { Alert, Box, Code, Group, Stack } from '@mantine/core';
import type { CellOutput, ChartSpec } from '../../../../shared/contract/notebooks.js';
import { Markdown } from '../editor/Markdown.js';
import { ChartBuilder } from './ChartBuilder.js';
import { ChartView } from './ChartView.js';
import { TableView } from './TableView.js';

/** One output of a cell, as Jupyter would show it: table, chart, text, Markdown or an error. */
export function OutputView({ output, onChart }: { output: CellOutput; onChart: (chart: ChartSpec) => void }) {
  switch (output.kind) {
    case 'table':
      return (
        <Stack gap={4}>
          <TableView table={output.table} />
          {output.table.columns.length > 0 && (
            <Group gap={0}>
              <ChartBuilder table={output.table} onChart={onChart} />
            </Group>
          )}
        </Stack>
      );
    case 'chart':
      return <ChartView chart={output.chart} />;
    case 'markdown':
      return <Markdown text={output.text} />;
    case 'text':
      return (
        <Code
          block
          data-testid="text-output"
          c={output.stream === 'stderr' ? 'orange' : undefined}
          style={{ whiteSpace: 'pre-wrap', maxHeight: 300, overflow: 'auto' }}
        >
          {output.text}
        </Code>
      );
    case 'error':
      return (
        <Alert color="red" variant="outline" p="xs" data-testid="error-output" title={output.ename}>
          <Box
            style={{
              whiteSpace: 'pre-wrap',
              fontFamily: 'var(--mantine-font-family-monospace)',
              fontSize: 12,
            }}
          >
            {output.evalue}
          </Box>
          {output.line !== undefined && (
            <Box fz="xs" mt={4} data-testid="error-position">
              at line {output.line}
              {output.column !== undefined && `, column ${output.column}`}
            </Box>
          )}
        </Alert>
      );
  }
}
