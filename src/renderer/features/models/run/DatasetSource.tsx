import { Anchor, Badge, Group, MultiSelect, NumberInput, Paper, Select, Stack, Text } from '@mantine/core';
import type { ValueInfo } from '../../../../shared/contract/models.js';
import { navigate } from '../../../app/navigation/route.js';
import { useCall } from '../../../app/query/useCall.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { guessMapping, type DatasetState } from './datasetMapping.js';
import { formatShape } from './tensorInput.js';

/**
 * A data set, its first row and how many rows, and the columns that fill each input. A caller that
 * sets the number of rows itself (a load test reads bodies × batch) passes `rowsCaption` to say
 * what the rows are for; the Rows field is then hidden.
 */
export function DatasetSource({
  inputs,
  state,
  problems,
  onChange,
  rowsCaption,
}: {
  inputs: ValueInfo[];
  state: DatasetState;
  problems: Record<string, string>;
  onChange: (state: DatasetState) => void;
  rowsCaption?: (range: { first: number; last: number; total: number }) => string;
}) {
  const list = useCall('datasets.list', {});
  if (list.isPending) return <LoadingState label="Reading the workspace's data sets…" />;
  if (list.isError) return <ErrorAlert error={list.error} title="The data sets could not be listed" />;
  if (list.data.length === 0)
    return (
      <Paper withBorder p="md" data-testid="run-dataset-empty">
        <Text size="sm">
          No data sets in this workspace yet.{' '}
          <Anchor size="sm" component="button" onClick={() => navigate({ section: 'data' })}>
            Import one in Data
          </Anchor>{' '}
          (CSV, Parquet, JSON), then map its columns to the model&apos;s inputs here.
        </Text>
      </Paper>
    );
  const dataset = list.data.find((d) => d.slug === state.slug);
  const columns = dataset?.columns ?? [];
  const lastRow = dataset ? Math.min(dataset.rows, state.offset + state.limit) : 0;
  return (
    <Stack gap="sm" data-testid="run-dataset">
      <Group gap="md" align="flex-end" wrap="wrap">
        <Select
          label="Data set"
          size="xs"
          w={280}
          searchable
          placeholder="Choose a data set"
          data={list.data.map((d) => ({
            value: d.slug,
            label: `${d.name} (${d.rows.toLocaleString('en-US')} rows)`,
          }))}
          value={state.slug}
          allowDeselect={false}
          error={problems['']}
          onChange={(slug) => {
            const chosen = list.data.find((d) => d.slug === slug);
            onChange({
              ...state,
              slug,
              name: chosen?.name ?? '',
              mapping: guessMapping(inputs, chosen?.columns ?? []),
            });
          }}
          data-testid="run-dataset-select"
        />
        <NumberInput
          label="First row"
          size="xs"
          w={110}
          min={1}
          allowDecimal={false}
          value={state.offset + 1}
          onChange={(value) =>
            onChange({ ...state, offset: typeof value === 'number' ? Math.max(0, value - 1) : 0 })
          }
          data-testid="run-dataset-offset"
        />
        {!rowsCaption && (
          <NumberInput
            label="Rows"
            size="xs"
            w={110}
            min={1}
            max={100_000}
            allowDecimal={false}
            value={state.limit}
            onChange={(value) => onChange({ ...state, limit: typeof value === 'number' ? value : 1 })}
            data-testid="run-dataset-limit"
          />
        )}
        {dataset && (
          <Text size="xs" c="dimmed" pb={6} data-testid="run-dataset-range">
            {lastRow > state.offset
              ? (rowsCaption?.({ first: state.offset + 1, last: lastRow, total: dataset.rows }) ??
                `Rows ${(state.offset + 1).toLocaleString('en-US')}–${lastRow.toLocaleString('en-US')} of ${dataset.rows.toLocaleString('en-US')}, run as one batch`)
              : `The data set has ${dataset.rows.toLocaleString('en-US')} rows: start at row ${dataset.rows.toLocaleString('en-US')} or before`}
          </Text>
        )}
      </Group>
      {dataset &&
        inputs.map((input) => {
          const oneColumn = input.shape?.length === 1;
          const width = input.shape?.[1];
          return (
            <Paper key={input.name} withBorder p="sm" data-testid="run-dataset-input" data-name={input.name}>
              <Group gap="xs" wrap="wrap" align="flex-start">
                <Stack gap={2} w={260} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                    {input.name}
                  </Text>
                  <Group gap={6}>
                    <Badge size="sm" variant="light" color="gray">
                      {input.type ?? 'not a tensor'}
                    </Badge>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {formatShape(input.shape)}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {oneColumn
                      ? 'one column: a value per row'
                      : (input.shape?.length ?? 2) > 2
                        ? `${input.shape?.length} dimensions: rows cannot fill it, use Values`
                        : typeof width === 'number' && width > 0
                          ? `${width} columns, in order`
                          : 'columns in order, one row per data set row'}
                  </Text>
                </Stack>
                <MultiSelect
                  size="xs"
                  style={{ flex: 1, minWidth: 240 }}
                  searchable
                  placeholder={state.mapping[input.name]?.length ? undefined : 'Choose columns'}
                  data={columns.map((c) => ({ value: c.name, label: `${c.name} · ${c.type}` }))}
                  value={state.mapping[input.name] ?? []}
                  {...(oneColumn ? { maxValues: 1 } : {})}
                  error={problems[input.name]}
                  onChange={(chosen) =>
                    onChange({ ...state, mapping: { ...state.mapping, [input.name]: chosen } })
                  }
                  aria-label={`Columns for ${input.name}`}
                  data-testid="run-dataset-columns"
                />
              </Group>
            </Paper>
          );
        })}
    </Stack>
  );
}
