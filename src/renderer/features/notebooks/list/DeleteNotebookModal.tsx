import { Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';

/** Asks before a notebook moves to the trash, naming the file and where it goes. */
export function DeleteNotebookModal(props: {
  name: string;
  onClose: () => void;
  /** Resolves with an error message to show, or null when done. */
  onConfirm: () => Promise<string | null>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const moveToTrash = async (): Promise<void> => {
    setBusy(true);
    try {
      setError(await props.onConfirm());
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={`Move “${props.name}” to the trash?`}
      data-testid="delete-notebook-dialog"
    >
      <Stack gap="sm">
        <Code block data-testid="delete-notebook-paths">
          notebooks/{props.name}.ipynb{'\n'}→ notebooks/.trash/
        </Code>
        <Text size="sm">
          Nothing is erased: the file moves to the workspace&apos;s trash folder. To bring it back, move it
          out of that folder.
        </Text>
        {error && (
          <Text size="sm" c="red" data-testid="delete-notebook-error">
            {error}
          </Text>
        )}
        <Group justify="end" gap="xs">
          <Button variant="default" onClick={props.onClose} data-autofocus>
            Cancel
          </Button>
          <Button
            color="red"
            leftSection={<IconTrash size={14} />}
            loading={busy}
            onClick={() => void moveToTrash()}
            data-testid="delete-notebook-confirm"
          >
            Move to trash
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
