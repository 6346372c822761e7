import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { Deployment } from '../../../../shared/contract/containerDeployments.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';

/** Asks before a deployment's container goes (stopping it first); its captures stay in the workspace. */
export function RemoveDeploymentModal({
  deployment,
  onClose,
  onConfirm,
}: {
  deployment: Deployment;
  onClose: () => void;
  onConfirm: () => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const remove = async (): Promise<void> => {
    setBusy(true);
    try {
      await onConfirm();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Remove ${deployment.name}?`}
      data-testid="remove-deployment-dialog"
    >
      <Stack gap="sm">
        <Text size="sm">
          {deployment.state === 'running' ? 'It is stopped, then its container' : 'Its container'} is removed
          from the engine. The image stays, so it can be run again.
        </Text>
        {deployment.capture && (
          <Text size="sm">
            Its captures stay in <code>{deployment.capture.folder}/</code>.
          </Text>
        )}
        {error !== undefined && <ErrorAlert error={error} title="It could not be removed" />}
        <Group justify="end" gap="xs">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button
            color="red"
            leftSection={<IconTrash size={14} />}
            loading={busy}
            onClick={() => void remove()}
            data-testid="remove-deployment-confirm"
          >
            Remove
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
