import {
  Autocomplete,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DriftSide } from '../../../../shared/contract/drift.js';
import { useClient } from '../../../app/query/clientContext.js';
import { useCall } from '../../../app/query/useCall.js';
import { describeError } from '../../../lib/describeError.js';
import { useDeployments } from '../../containers/useContainers.js';

type BaselineKind = 'dataset' | 'file';

/** A new monitor: which deployment's captures, against which baseline, how often and how far back. */
export function AddMonitorForm() {
  const client = useClient();
  const queryClient = useQueryClient();
  const deployments = useDeployments();
  const datasets = useCall('datasets.list', {});
  const [deployment, setDeployment] = useState('');
  const [kind, setKind] = useState<BaselineKind>('dataset');
  const [slug, setSlug] = useState<string | null>(null);
  const [path, setPath] = useState('');
  const [every, setEvery] = useState<number | string>(60);
  const [lookback, setLookback] = useState<number | string>(24);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const baseline: DriftSide | null =
    kind === 'dataset' ? (slug ? { kind, slug } : null) : path.trim() ? { kind, path: path.trim() } : null;
  const ready = deployment.trim() !== '' && baseline !== null && Number(every) > 0 && Number(lookback) > 0;

  const add = async () => {
    if (!deployment.trim() || !baseline) return;
    setBusy(true);
    setError(null);
    try {
      await client.call('drift.addMonitor', {
        deployment: deployment.trim(),
        baseline,
        everyMinutes: Number(every),
        lookbackHours: Number(lookback),
      });
      await queryClient.invalidateQueries({ queryKey: ['drift.listMonitors'] });
      setDeployment('');
    } catch (caught) {
      const { message, hint } = describeError(caught);
      setError(hint ? `${message} ${hint}` : message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="sm" data-testid="monitor-add">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          Add a monitor
        </Text>
        <Group align="flex-start" grow>
          <Autocomplete
            label="Deployment"
            placeholder="Pick or type a deployment"
            description="Its captures/<name>/ requests are compared (a removed one's captures too)"
            data={[...new Set((deployments.data ?? []).map((d) => d.name))]}
            value={deployment}
            onChange={setDeployment}
            data-testid="monitor-deployment"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Baseline
            </Text>
            <SegmentedControl
              size="xs"
              data={[
                { value: 'dataset', label: 'Data set' },
                { value: 'file', label: 'File' },
              ]}
              value={kind}
              onChange={setKind}
              aria-label="What the baseline reads"
              data-testid="monitor-baseline-kind"
            />
            {kind === 'dataset' ? (
              <Select
                placeholder="Pick a data set"
                searchable
                data={(datasets.data ?? []).map((d) => ({ value: d.slug, label: d.name }))}
                value={slug}
                onChange={setSlug}
                aria-label="Baseline data set"
                data-testid="monitor-baseline-dataset"
              />
            ) : (
              <TextInput
                placeholder="/data/train.parquet"
                value={path}
                onChange={(event) => setPath(event.currentTarget.value)}
                aria-label="Baseline file"
                data-testid="monitor-baseline-path"
              />
            )}
          </Stack>
          <NumberInput
            label="Every"
            suffix=" min"
            min={0.1}
            max={1440}
            value={every}
            onChange={setEvery}
            data-testid="monitor-every"
          />
          <NumberInput
            label="Lookback"
            suffix=" h"
            min={0.01}
            max={8760}
            value={lookback}
            onChange={setLookback}
            data-testid="monitor-lookback"
          />
        </Group>
        {error && (
          <Text size="sm" c="red" data-testid="monitor-add-error">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button
            leftSection={<IconPlus size={14} />}
            disabled={!ready}
            loading={busy}
            onClick={() => void add()}
            data-testid="monitor-add-submit"
          >
            Add monitor
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
