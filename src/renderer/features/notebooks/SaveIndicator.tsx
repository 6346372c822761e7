import { Button, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconPointFilled } from '@tabler/icons-react';
import type { SaveState } from './useNotebookDocument.js';

/** Saved, unsaved (a dot, like an editor tab) or why a save failed. */
export function SaveIndicator({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  if (state.kind === 'error') {
    return (
      <Group gap={6} data-testid="save-state" data-state="error">
        <IconAlertTriangle size={14} color="var(--mantine-color-red-filled)" />
        <Tooltip label={state.message} multiline w={320}>
          <Text size="xs" c="red">
            {state.conflict ? 'Changed elsewhere: not saved' : 'Not saved'}
          </Text>
        </Tooltip>
        {!state.conflict && (
          <Button size="compact-xs" variant="subtle" onClick={onRetry}>
            Retry
          </Button>
        )}
      </Group>
    );
  }
  const [icon, text] =
    state.kind === 'saved'
      ? [<IconCheck key="i" size={14} />, 'Saved']
      : state.kind === 'saving'
        ? [<IconPointFilled key="i" size={14} />, 'Saving…']
        : [
            <IconPointFilled key="i" size={14} color="var(--mantine-color-orange-filled)" />,
            'Unsaved changes',
          ];
  return (
    <Group gap={4} c="dimmed" data-testid="save-state" data-state={state.kind}>
      {icon}
      <Text size="xs">{text}</Text>
    </Group>
  );
}
