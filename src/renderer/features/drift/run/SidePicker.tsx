import {
  Autocomplete,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import type { DatasetManifest } from '../../../../shared/contract/datasets.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import { requestImport } from '../../../app/navigation/importRequest.js';
import { navigate } from '../../../app/navigation/route.js';
import { useDeployments } from '../../containers/useContainers.js';
import type { SideForm, SideKind } from './driftForm.js';

const KINDS: { value: SideKind; label: string }[] = [
  { value: 'dataset', label: 'Data set' },
  { value: 'file', label: 'File' },
  { value: 'captures', label: 'Captures' },
];

/** One side of the comparison: a workspace data set, a file, or a deployment's captured requests. */
export function SidePicker({
  name,
  description,
  side,
  onChange,
  datasets,
  error,
}: {
  name: 'baseline' | 'current';
  description: string;
  side: SideForm;
  onChange: (side: SideForm) => void;
  datasets: DatasetManifest[] | undefined;
  error: string | undefined;
}) {
  const set = <K extends keyof SideForm>(key: K, value: SideForm[K]) => onChange({ ...side, [key]: value });
  const title = name === 'baseline' ? 'Baseline' : 'Current';
  return (
    <Paper withBorder p="sm" data-testid={`drift-side-${name}`} style={{ minWidth: 0 }}>
      <Stack gap={8}>
        <div>
          <Text size="sm" fw={600}>
            {title}
          </Text>
          <Text size="xs" c="dimmed">
            {description}
          </Text>
        </div>
        <SegmentedControl
          size="xs"
          fullWidth
          data={KINDS}
          value={side.kind}
          onChange={(value) => set('kind', value)}
          aria-label={`What the ${name} reads`}
          data-testid={`drift-side-${name}-kind`}
        />
        {side.kind === 'dataset' && (
          <DatasetChoice
            name={name}
            slug={side.slug}
            onChange={(slug) => set('slug', slug)}
            datasets={datasets}
            error={error}
          />
        )}
        {side.kind === 'file' && (
          <TextInput
            label="Path"
            placeholder="/data/march.parquet"
            description="CSV, TSV, Parquet, JSON or NDJSON on the machine running the workbench; in a browser, inside the workspace folder."
            value={side.path}
            onChange={(event) => set('path', event.currentTarget.value)}
            error={error}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            data-testid={`drift-side-${name}-path`}
          />
        )}
        {side.kind === 'captures' && (
          <CapturesChoice name={name} side={side} onChange={onChange} error={error} />
        )}
      </Stack>
    </Paper>
  );
}

function DatasetChoice({
  name,
  slug,
  onChange,
  datasets,
  error,
}: {
  name: string;
  slug: string | null;
  onChange: (slug: string | null) => void;
  datasets: DatasetManifest[] | undefined;
  error: string | undefined;
}) {
  if (datasets && datasets.length === 0)
    return (
      <Stack gap={6} data-testid={`drift-side-${name}-no-datasets`}>
        <Text size="xs" c="dimmed">
          The workspace has no data sets yet. Import{' '}
          {name === 'baseline' ? 'the baseline' : 'the current data'} as a CSV under Data, or read a file
          directly.
        </Text>
        <Group>
          <Button
            variant="default"
            leftSection={<IconFileImport size={14} />}
            onClick={() => {
              navigate({ section: 'data' });
              requestImport();
            }}
          >
            Import data…
          </Button>
        </Group>
      </Stack>
    );
  const chosen = datasets?.find((dataset) => dataset.slug === slug);
  return (
    <Select
      size="xs"
      label="Data set"
      placeholder={datasets ? 'Pick a data set' : 'Reading the workspace…'}
      searchable
      nothingFoundMessage="No data set matches"
      data={(datasets ?? []).map((dataset) => ({ value: dataset.slug, label: dataset.name }))}
      value={slug}
      onChange={onChange}
      error={error}
      description={
        chosen
          ? `${formatCount(chosen.rows)} rows × ${formatCount(chosen.columns.length)} columns`
          : undefined
      }
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      renderOption={({ option }) => {
        const dataset = datasets?.find((d) => d.slug === option.value);
        return (
          <Group justify="space-between" gap="xs" wrap="nowrap" w="100%">
            <Text size="xs" className="mlw-truncate" title={option.label}>
              {option.label}
            </Text>
            {dataset && (
              <Text size="xs" c="dimmed" className="mlw-num">
                {formatCount(dataset.rows)} rows
              </Text>
            )}
          </Group>
        );
      }}
      data-testid={`drift-side-${name}-dataset`}
    />
  );
}

function CapturesChoice({
  name,
  side,
  onChange,
  error,
}: {
  name: string;
  side: SideForm;
  onChange: (side: SideForm) => void;
  error: string | undefined;
}) {
  const deployments = useDeployments();
  // Captures stay in the workspace after their container is gone, so any name can be typed.
  const names = (deployments.data ?? [])
    .filter((deployment) => deployment.capture !== null)
    .map((deployment) => deployment.name);
  return (
    <Stack gap={6}>
      <Autocomplete
        size="xs"
        label="Deployment"
        placeholder="Its name, as under captures/"
        data={names}
        value={side.deployment}
        onChange={(deployment) => onChange({ ...side, deployment })}
        error={error}
        description={
          deployments.isError
            ? 'The engine is not answering; type the deployment’s name (its captures/ folder).'
            : names.length === 0 && deployments.data
              ? 'No deployment captures now; type the name of an earlier one.'
              : undefined
        }
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        data-testid={`drift-side-${name}-deployment`}
      />
      <Group grow gap="xs" align="flex-start">
        <TextInput
          type="datetime-local"
          label="From"
          description="Open: from the first capture"
          value={side.from}
          onChange={(event) => onChange({ ...side, from: event.currentTarget.value })}
          data-testid={`drift-side-${name}-from`}
        />
        <TextInput
          type="datetime-local"
          label="To"
          description="Open: up to now"
          value={side.to}
          onChange={(event) => onChange({ ...side, to: event.currentTarget.value })}
          data-testid={`drift-side-${name}-to`}
        />
      </Group>
    </Stack>
  );
}
