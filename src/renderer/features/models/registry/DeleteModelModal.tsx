import { Button, Code, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useClient } from '../../../app/query/clientContext.js';
import { describeError } from '../../../lib/describeError.js';

/** Asks before a model version, or the whole model, moves to models/.trash/. */
export function DeleteModelModal({
  name,
  version,
  versionCount,
  onClose,
  onDeleted,
}: {
  name: string;
  version: number;
  versionCount: number;
  onClose: () => void;
  onDeleted: (whole: boolean) => void;
}) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [scope, setScope] = useState<'version' | 'model'>(versionCount === 1 ? 'model' : 'version');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const whole = scope === 'model';

  const remove = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await client.call('models.delete', { name, ...(whole ? {} : { version }), confirm: true });
      await queryClient.invalidateQueries({ queryKey: ['models.list'] });
      queryClient.removeQueries({ queryKey: ['models.get'] });
      onDeleted(whole);
    } catch (caught) {
      setError(describeError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={`Move “${name}” to the trash?`} data-testid="delete-model-dialog">
      <Stack gap="sm">
        {versionCount > 1 && (
          <Radio.Group value={scope} onChange={(value) => setScope(value === 'model' ? 'model' : 'version')}>
            <Stack gap={6}>
              <Radio
                size="xs"
                value="version"
                label={`Version ${version} only`}
                data-testid="delete-model-version"
              />
              <Radio
                size="xs"
                value="model"
                label={`All ${versionCount} versions`}
                data-testid="delete-model-all"
              />
            </Stack>
          </Radio.Group>
        )}
        <Code block>
          models/{name}/{whole ? '' : `${version}/`}
          {'\n'}→ models/.trash/
        </Code>
        <Text size="sm">
          Nothing is erased: the files move to the workspace&apos;s trash folder, from where they can be moved
          back.
        </Text>
        {error && (
          <Text size="sm" c="red" data-testid="delete-model-error">
            {error}
          </Text>
        )}
        <Group justify="end" gap="xs">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button
            color="red"
            leftSection={<IconTrash size={14} />}
            loading={busy}
            onClick={() => void remove()}
            data-testid="delete-model-confirm"
          >
            Move to trash
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
