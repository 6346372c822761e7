import { Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';

/**
 * Asks before something moves to the workspace's trash, naming what moves and where. Nothing in
 * the workbench is deleted without this question. `testId` prefixes the dialog's test ids
 * (`-dialog`, `-paths`, `-error`, `-confirm`).
 */
export function MoveToTrashModal(props: {
  title: string;
  /** `from → to`, shown as code. */
  move: { from: string; to: string };
  testId: string;
  /** Choices above the paths (e.g. one version or all). */
  children?: ReactNode;
  onClose: () => void;
  /** Resolves with an error message to show, or null when done. */
  onConfirm: () => Promise<string | null>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const moveToTrash = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setError(await props.onConfirm());
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={props.onClose} title={props.title} data-testid={`${props.testId}-dialog`}>
      <Stack gap="sm">
        {props.children}
        <Code block data-testid={`${props.testId}-paths`}>
          {props.move.from}
          {'\n'}→ {props.move.to}
        </Code>
        <Text size="sm">
          Nothing is erased: it moves to the workspace&apos;s trash folder, from where it can be moved back.
        </Text>
        {error && (
          <Text size="sm" c="red" data-testid={`${props.testId}-error`}>
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
            data-testid={`${props.testId}-confirm`}
          >
            Move to trash
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
