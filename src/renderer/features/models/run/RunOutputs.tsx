import { Badge, Button, Group, Paper, Progress, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMemo } from 'react';
import type { ValueInfo, WireTensorJson } from '../../../../shared/contract/models.js';
import { decodeTensor } from '../../../../shared/tensors/base64Tensor.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import { barPercent, firstValues, nestedValues, topK, topKApplies } from './outputValues.js';

const TABLE_LIMIT = 1_000;

function formatValue(value: number | string): string {
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-4 || abs >= 1e6)
    ? value.toExponential(4)
    : String(Number(value.toPrecision(6)));
}

/** The index of flat element `i` in a tensor of `dims`, as "[0, 2]". */
function indexOf(i: number, dims: readonly number[]): string {
  const parts: number[] = [];
  for (let axis = dims.length - 1; axis >= 0; axis--) {
    const size = dims[axis]!;
    parts.unshift(size === 0 ? 0 : i % size);
    i = size === 0 ? 0 : Math.floor(i / size);
  }
  return `[${parts.join(', ')}]`;
}

function download(outputs: Record<string, TensorValue>, runMs: number): void {
  const json = {
    runMs,
    outputs: Object.fromEntries(
      Object.entries(outputs).map(([name, t]) => [
        name,
        { type: t.type, dims: t.dims, values: nestedValues(t) },
      ]),
    ),
  };
  const url = URL.createObjectURL(new Blob([JSON.stringify(json, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'outputs.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** What one run gave: the run time, then per output its type, shape, Top 5 (2-D scores) and values. */
export function RunOutputs({
  result,
  declared,
}: {
  result: { outputs: Record<string, WireTensorJson>; runMs: number };
  declared: ValueInfo[];
}) {
  const outputs = useMemo(
    () => Object.fromEntries(Object.entries(result.outputs).map(([name, t]) => [name, decodeTensor(t)])),
    [result],
  );
  const order = [
    ...declared.map((d) => d.name).filter((name) => name in outputs),
    ...Object.keys(outputs).filter((name) => !declared.some((d) => d.name === name)),
  ];
  return (
    <Stack gap="sm" data-testid="run-outputs">
      <Group justify="space-between">
        <Group gap="xs">
          <Title order={5}>Outputs</Title>
          <Text size="xs" c="dimmed" data-testid="run-time">
            run {result.runMs < 10 ? result.runMs.toFixed(2) : result.runMs.toFixed(1)} ms (session.run, timed
            in the model worker)
          </Text>
        </Group>
        <Button
          size="compact-xs"
          variant="default"
          leftSection={<IconDownload size={12} />}
          onClick={() => download(outputs, result.runMs)}
          data-testid="run-download"
        >
          Download JSON
        </Button>
      </Group>
      {order.map((name) => (
        <OutputView key={name} name={name} tensor={outputs[name]!} />
      ))}
    </Stack>
  );
}

function OutputView({ name, tensor }: { name: string; tensor: TensorValue }) {
  const total = tensor.data.length;
  const values = firstValues(tensor, TABLE_LIMIT);
  return (
    <Paper withBorder p="sm" data-testid="run-output" data-name={name}>
      <Stack gap="xs">
        <Group gap="xs">
          <Text size="sm" fw={600} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {name}
          </Text>
          <Badge size="sm" variant="light" color="gray">
            {tensor.type}
          </Badge>
          <Text size="xs" c="dimmed" ff="monospace" data-testid="run-output-shape">
            [{tensor.dims.join(', ')}]
          </Text>
        </Group>
        {topKApplies(tensor) && <TopFive tensor={tensor} />}
        <Text size="xs" c="dimmed" data-testid="run-output-count">
          {total <= TABLE_LIMIT
            ? `${total.toLocaleString('en-US')} ${total === 1 ? 'value' : 'values'}`
            : `First ${TABLE_LIMIT.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} values`}
        </Text>
        <ScrollArea.Autosize mah={260} type="auto">
          <Table striped withTableBorder fz="xs" highlightOnHover maw={420} data-testid="run-output-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>index</Table.Th>
                <Table.Th ta="right">value</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {values.map((value, i) => (
                <Table.Tr key={i}>
                  <Table.Td ff="monospace" c="dimmed">
                    {indexOf(i, tensor.dims)}
                  </Table.Td>
                  <Table.Td ff="monospace" ta="right" className="mlw-num">
                    {formatValue(value)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      </Stack>
    </Paper>
  );
}

function TopFive({ tensor }: { tensor: TensorValue }) {
  const rows = topK(tensor, 5);
  const totalRows = tensor.dims[0]!;
  return (
    <Stack gap={6} data-testid="run-topk">
      <Group gap="xl" align="flex-start" wrap="wrap" style={{ rowGap: 'var(--mantine-spacing-sm)' }}>
        {rows.map((topRow) => {
          const { row, entries, probabilities } = topRow;
          return (
            <Stack key={row} gap={2} data-testid="run-topk-row">
              <Text size="xs" fw={500}>
                Top {entries.length}
                {totalRows > 1 ? `, row ${row}` : ''} ({probabilities ? 'probabilities' : 'scores'})
              </Text>
              {entries.map(({ index, value }) => (
                <Group key={index} gap="xs" wrap="nowrap" data-testid="run-topk-entry">
                  <Text size="xs" ff="monospace" w={60} ta="right">
                    #{index}
                  </Text>
                  <Progress
                    value={barPercent(value, topRow)}
                    w={220}
                    size="md"
                    aria-label={`class ${index}`}
                  />
                  <Text size="xs" ff="monospace" className="mlw-num">
                    {probabilities ? `${(value * 100).toFixed(1)}%` : formatValue(value)}
                  </Text>
                </Group>
              ))}
            </Stack>
          );
        })}
      </Group>
      {!rows[0]?.probabilities && (
        <Text size="xs" c="dimmed">
          Scores: the values do not sum to 1, so bars show where each sits between the row&apos;s lowest and
          highest.
        </Text>
      )}
      {totalRows > rows.length && (
        <Text size="xs" c="dimmed">
          Top 5 for the first {rows.length} of {totalRows.toLocaleString('en-US')} rows.
        </Text>
      )}
    </Stack>
  );
}
