import { Radio, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useClient } from '../../../app/query/clientContext.js';
import { MoveToTrashModal } from '../../../components/MoveToTrashModal.js';
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
  const whole = scope === 'model';

  const remove = async (): Promise<string | null> => {
    try {
      await client.call('models.delete', { name, ...(whole ? {} : { version }), confirm: true });
      await queryClient.invalidateQueries({ queryKey: ['models.list'] });
      queryClient.removeQueries({ queryKey: ['models.get'] });
      onDeleted(whole);
      return null;
    } catch (caught) {
      return describeError(caught).message;
    }
  };

  return (
    <MoveToTrashModal
      title={`Move “${name}” to the trash?`}
      move={{ from: `models/${name}/${whole ? '' : `${version}/`}`, to: 'models/.trash/' }}
      testId="delete-model"
      onClose={onClose}
      onConfirm={remove}
    >
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
    </MoveToTrashModal>
  );
}
