import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { checkNotebookName } from './notebookName.js';

/**
 * Names a new notebook or renames one: checks the name as it is typed (the service checks again),
 * and shows where the file will be.
 */
export function NameDialog(props: {
  mode: 'create' | 'rename';
  /** The notebook being renamed. */
  from?: string;
  initial: string;
  existing: readonly string[];
  onClose: () => void;
  /** Resolves with an error message to show, or null when done. */
  onSubmit: (name: string) => Promise<string | null>;
}) {
  const [draft, setDraft] = useState(props.initial);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { name, error } = checkNotebookName(draft, props.existing, props.from);
  const shown = error ?? serverError;

  const submit = async (): Promise<void> => {
    if (error) return;
    setBusy(true);
    try {
      const problem = await props.onSubmit(name);
      if (problem) setServerError(problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={props.onClose}
      title={props.mode === 'rename' ? `Rename “${props.from ?? ''}”` : 'New notebook'}
      data-testid="notebook-name-dialog"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Name"
            value={draft}
            onChange={(e) => {
              setDraft(e.currentTarget.value);
              setServerError(null);
            }}
            onFocus={(e) => {
              // The whole name is selected, so typing replaces it (the .ipynb is not part of it).
              e.currentTarget.select();
            }}
            error={shown}
            rightSection={
              <Text size="xs" c="dimmed" pr={4}>
                .ipynb
              </Text>
            }
            rightSectionWidth={52}
            data-autofocus
            data-testid="notebook-name"
          />
          {!shown && (
            <Text size="xs" c="dimmed" data-testid="notebook-name-path">
              Saved as notebooks/{name}.ipynb in the workspace.
            </Text>
          )}
          <Group justify="end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={error !== null} loading={busy} data-testid="notebook-name-submit">
              {props.mode === 'rename' ? 'Rename' : 'Create'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
