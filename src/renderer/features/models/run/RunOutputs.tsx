import { Badge, Box, Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { ValueInfo, WireTensorJson } from '../../../../shared/contract/models.js';
import { decodeTensor } from '../../../../shared/tensors/base64Tensor.js';
import { tensorStats } from '../../../../shared/tensors/tensorStats.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import { BarList } from '../../../components/charts/BarList.js';
import { downloadJson, downloadNpy, downloadNpz } from './downloads.js';
import { OutputTable } from './OutputTable.js';
import { formatValue } from './formatValue.js';
import { topKApplies, topKRow } from './outputValues.js';

export interface RunResult {
  outputs: Record<string, WireTensorJson>;
  runMs: number;
  /** Present when the inputs were rows of a data set: which, and the first row's number (from 1). */
  batch?: { dataset: string; firstRow: number; rows: number };
}

const TOP_K = 5;

/** What one run gave: the run time, downloads, then per output its stats, Top 5 and values as a table. */
export function RunOutputs({ result, declared }: { result: RunResult; declared: ValueInfo[] }) {
  const outputs = useMemo(
    () => Object.fromEntries(Object.entries(result.outputs).map(([name, t]) => [name, decodeTensor(t)])),
    [result],
  );
  const order = [
    ...declared.map((d) => d.name).filter((name) => name in outputs),
    ...Object.keys(outputs).filter((name) => !declared.some((d) => d.name === name)),
  ];
  const { batch } = result;
  return (
    <Stack gap="sm" data-testid="run-outputs">
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs" wrap="wrap">
          <Title order={5}>Outputs</Title>
          {batch && (
            <Text size="xs" data-testid="run-batch">
              {batch.rows.toLocaleString('en-US')} {batch.rows === 1 ? 'row' : 'rows'} of {batch.dataset},
              from row {batch.firstRow.toLocaleString('en-US')}
            </Text>
          )}
          <Text size="xs" c="dimmed" data-testid="run-time">
            run {result.runMs < 10 ? result.runMs.toFixed(2) : result.runMs.toFixed(1)} ms (session.run, timed
            in the model worker)
          </Text>
        </Group>
        <Group gap="xs">
          <Button
            size="compact-xs"
            variant="default"
            leftSection={<IconDownload size={12} />}
            onClick={() => downloadNpz(outputs)}
            data-testid="run-download-npz"
          >
            All as .npz
          </Button>
          <Button
            size="compact-xs"
            variant="default"
            leftSection={<IconDownload size={12} />}
            onClick={() => downloadJson(outputs, result.runMs)}
            data-testid="run-download"
          >
            JSON
          </Button>
        </Group>
      </Group>
      {order.map((name) => (
        <OutputView key={name} name={name} tensor={outputs[name]!} firstRow={batch?.firstRow ?? 0} />
      ))}
    </Stack>
  );
}

/** One output: header with its .npy download, stats, Top 5 for class scores, and its values. */
function OutputView({ name, tensor, firstRow }: { name: string; tensor: TensorValue; firstRow: number }) {
  const total = tensor.data.length;
  return (
    <Paper withBorder p="sm" data-testid="run-output" data-name={name}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
            <Text size="sm" fw={600} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
              {name}
            </Text>
            <Badge size="sm" variant="light" color="gray">
              {tensor.type}
            </Badge>
            <Text size="xs" c="dimmed" ff="monospace" data-testid="run-output-shape">
              [{tensor.dims.join(', ')}]
            </Text>
            <Text size="xs" c="dimmed" data-testid="run-output-count">
              {total.toLocaleString('en-US')} {total === 1 ? 'value' : 'values'}
            </Text>
          </Group>
          <Button
            size="compact-xs"
            variant="default"
            leftSection={<IconDownload size={12} />}
            onClick={() => downloadNpy(name, tensor)}
            data-testid="run-output-npy"
          >
            .npy
          </Button>
        </Group>
        <Stats tensor={tensor} />
        {topKApplies(tensor) && <TopK tensor={tensor} firstRow={firstRow} />}
        <OutputTable tensor={tensor} firstRow={firstRow} />
      </Stack>
    </Paper>
  );
}

function Stats({ tensor }: { tensor: TensorValue }) {
  const stats = useMemo(() => tensorStats(tensor), [tensor]);
  if (tensor.type === 'string') return null;
  const items: [string, string][] = [
    ['min', stats.min === null ? '–' : formatValue(stats.min)],
    ['max', stats.max === null ? '–' : formatValue(stats.max)],
    ['mean', stats.mean === null ? '–' : formatValue(stats.mean)],
    ['NaN', stats.nanCount.toLocaleString('en-US')],
  ];
  return (
    <Group gap="lg" data-testid="run-output-stats">
      {items.map(([label, value]) => (
        <Group key={label} gap={6} wrap="nowrap" data-testid={`run-output-stat-${label.toLowerCase()}`}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text
            size="xs"
            ff="monospace"
            className="mlw-num"
            c={label === 'NaN' && stats.nanCount > 0 ? 'red' : undefined}
          >
            {value}
          </Text>
        </Group>
      ))}
    </Group>
  );
}

/** The row's five highest classes as bars; a batch picks its row (numbered as the table numbers it). */
function TopK({ tensor, firstRow }: { tensor: TensorValue; firstRow: number }) {
  const rows = tensor.dims[0]!;
  const [row, setRow] = useState(0);
  const shown = Math.min(row, rows - 1);
  const top = useMemo(() => topKRow(tensor, shown, TOP_K), [tensor, shown]);
  const percent = top.probabilities;
  const items = top.entries.map(({ index, value }) => ({
    key: `#${index}`,
    label: `class ${index}`,
    value: percent ? value * 100 : value,
  }));
  return (
    <Stack gap={4} data-testid="run-topk" data-row={shown}>
      <Group gap="sm" align="center">
        <Text size="xs" fw={500} data-testid="run-topk-title">
          Top {top.entries.length} classes ({percent ? 'probabilities' : 'scores'})
          {rows > 1 ? ` for row ${(firstRow + shown).toLocaleString('en-US')}` : ''}
        </Text>
        {rows > 1 && (
          <NumberInput
            size="xs"
            w={120}
            min={firstRow}
            max={firstRow + rows - 1}
            allowDecimal={false}
            clampBehavior="strict"
            value={firstRow + shown}
            onChange={(value) => typeof value === 'number' && setRow(value - firstRow)}
            leftSection={
              <Text size="xs" c="dimmed" px={4}>
                row
              </Text>
            }
            leftSectionWidth={36}
            aria-label="Row for the Top 5"
            data-testid="run-topk-row-picker"
          />
        )}
      </Group>
      <Box maw={640}>
        <BarList
          items={items}
          xLabel={percent ? 'probability (%)' : 'score'}
          valueName={percent ? 'Probability' : 'Score'}
          formatValue={percent ? (v) => `${v.toFixed(1)}%` : formatValue}
          // Scores are measured from zero, so close ones do not look far apart; negative ones reach left.
          {...(percent ? { domainMax: 100 } : { domainMin: Math.min(0, ...items.map((item) => item.value)) })}
          labelWidth={84}
          testId="run-topk-chart"
        />
      </Box>
      {!percent && (
        <Text size="xs" c="dimmed">
          Scores: the row&apos;s values do not sum to 1, so they are shown as they are, not as probabilities.
        </Text>
      )}
    </Stack>
  );
}
