import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconRefresh, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DriftMonitor } from '../../../../shared/contract/drift.js';
import { useClient } from '../../../app/query/clientContext.js';
import { useCall } from '../../../app/query/useCall.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { describeError } from '../../../lib/describeError.js';
import { VerdictBadge } from '../VerdictBadge.js';
import { AddMonitorForm } from './AddMonitorForm.js';
import { notifyError } from '../../../lib/notifyError.js';

/** The drift monitors: each deployment watched, its last check, and adding, checking and removing. */
export function MonitorsPanel() {
  const monitors = useCall('drift.listMonitors', {});
  return (
    <Stack p="md" gap="md" data-testid="drift-monitors">
      <Text size="sm" c="dimmed">
        While the workbench is open, each monitor compares its deployment’s recent captured requests with its
        baseline on a schedule, and notifies you when the data set or a column newly drifts.
      </Text>
      <AddMonitorForm />
      {monitors.isPending ? (
        <LoadingState label="Reading the monitors…" />
      ) : monitors.isError ? (
        <ErrorAlert error={monitors.error} />
      ) : monitors.data.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="monitors-empty">
          No monitors yet. Add one above for a deployment that captures its requests (Containers → run with
          capture on).
        </Text>
      ) : (
        <MonitorTable monitors={monitors.data} />
      )}
    </Stack>
  );
}

function MonitorTable({ monitors }: { monitors: DriftMonitor[] }) {
  const [removing, setRemoving] = useState<DriftMonitor | null>(null);
  return (
    <>
      <Table striped verticalSpacing={6} data-testid="monitor-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Deployment</Table.Th>
            <Table.Th>Baseline</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Every</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Lookback</Table.Th>
            <Table.Th>Last check</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Rows</Table.Th>
            <Table.Th>Verdict</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {monitors.map((monitor) => (
            <MonitorRow key={monitor.id} monitor={monitor} onRemove={() => setRemoving(monitor)} />
          ))}
        </Table.Tbody>
      </Table>
      {removing && <RemoveMonitorModal monitor={removing} onClose={() => setRemoving(null)} />}
    </>
  );
}

function MonitorRow({ monitor, onRemove }: { monitor: DriftMonitor; onRemove: () => void }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [checking, setChecking] = useState(false);
  const last = monitor.lastCheck;
  const checkNow = async () => {
    setChecking(true);
    try {
      await client.call('drift.checkMonitor', { id: monitor.id });
      await queryClient.invalidateQueries({ queryKey: ['drift.listMonitors'] });
    } catch (error) {
      notifyError(error);
    } finally {
      setChecking(false);
    }
  };
  return (
    <Table.Tr data-testid="monitor-row" data-monitor={monitor.id}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {monitor.deployment}
        </Text>
        <Text size="xs" c="dimmed">
          {monitor.id}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {monitor.baseline.kind === 'dataset' ? monitor.baseline.slug : baselineText(monitor)}
        </Text>
      </Table.Td>
      <Table.Td style={{ textAlign: 'right' }}>{monitor.everyMinutes} min</Table.Td>
      <Table.Td style={{ textAlign: 'right' }}>{monitor.lookbackHours} h</Table.Td>
      <Table.Td>{last ? new Date(last.at).toLocaleString() : 'never'}</Table.Td>
      <Table.Td style={{ textAlign: 'right' }}>{last ? last.rows.toLocaleString() : '–'}</Table.Td>
      <Table.Td data-testid="monitor-verdict">
        {last === null ? (
          <Text size="sm" c="dimmed">
            not checked yet
          </Text>
        ) : last.error !== null ? (
          <Text size="sm" c="dimmed" data-testid="monitor-error">
            {last.error}
          </Text>
        ) : (
          <Group gap={6} wrap="nowrap">
            <VerdictBadge drift={last.drift} />
            {last.driftedColumns.length > 0 && <Text size="sm">{last.driftedColumns.join(', ')}</Text>}
          </Group>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            loading={checking}
            onClick={() => void checkNow()}
            data-testid="monitor-check"
          >
            Check now
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            aria-label={`Remove the monitor of ${monitor.deployment}`}
            onClick={onRemove}
            data-testid="monitor-remove"
          >
            <IconTrash size={14} />
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function baselineText(monitor: DriftMonitor): string {
  const side = monitor.baseline;
  return side.kind === 'file'
    ? side.path
    : side.kind === 'captures'
      ? `captures of ${side.deployment}`
      : side.slug;
}

function RemoveMonitorModal({ monitor, onClose }: { monitor: DriftMonitor; onClose: () => void }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await client.call('drift.removeMonitor', { id: monitor.id });
      await queryClient.invalidateQueries({ queryKey: ['drift.listMonitors'] });
      onClose();
    } catch (caught) {
      setError(describeError(caught).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title="Remove this monitor?" data-testid="monitor-remove-dialog">
      <Stack gap="sm">
        <Text size="sm">
          {monitor.deployment} will no longer be checked against its baseline. Its captures and any saved
          reports stay in the workspace.
        </Text>
        {error && (
          <Text size="sm" c="red">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={busy}
            onClick={() => void remove()}
            data-testid="monitor-remove-confirm"
          >
            Remove
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
