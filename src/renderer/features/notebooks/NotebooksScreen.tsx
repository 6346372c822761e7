import { Box, Button, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { navigate } from '../../app/navigation/route.js';
import { useClient } from '../../app/query/clientContext.js';
import { useCall } from '../../app/query/useCall.js';
import { ScreenHeader } from '../../components/ScreenHeader.js';
import { describeError } from '../../lib/describeError.js';
import { NotebookList } from './list/NotebookList.js';
import { NotebookEditor } from './NotebookEditor.js';
import { SampleDataButton } from './SampleDataButton.js';
import './editor/monacoSetup.js';

type NameDialog = { mode: 'create' } | { mode: 'rename'; from: string };

/** Notebooks: the list on the left, the open notebook on the right. */
export function NotebooksScreen({ name }: { name: string | undefined }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const notebooks = useCall('notebooks.list', {});
  const [dialog, setDialog] = useState<NameDialog | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const refresh = (): Promise<void> => queryClient.invalidateQueries({ queryKey: ['notebooks.list'] });

  const submit = async (): Promise<void> => {
    try {
      if (dialog?.mode === 'rename') {
        await client.call('notebooks.rename', { name: dialog.from, to: draft });
      } else {
        await client.call('notebooks.create', { name: draft, template: 'eda' });
      }
      setDialog(null);
      await refresh();
      navigate({ section: 'notebooks', item: draft.trim() });
    } catch (e) {
      setError(describeError(e).message);
    }
  };

  const confirmDelete = (target: string): void => {
    if (!window.confirm(`Move "${target}" to the trash (notebooks/.trash)?`)) return;
    void client.call('notebooks.delete', { name: target }).then(async () => {
      await refresh();
      if (target === name) navigate({ section: 'notebooks' });
    });
  };

  const openDialog = (next: NameDialog): void => {
    setDialog(next);
    setDraft(next.mode === 'rename' ? next.from : `Notebook ${(notebooks.data?.length ?? 0) + 1}`);
    setError(null);
  };

  return (
    <Stack h="100%" gap={0}>
      <ScreenHeader title={name ? `Notebooks / ${name}` : 'Notebooks'}>
        {/* Without an open notebook the empty state offers the same two actions, larger. */}
        {name && (
          <>
            <SampleDataButton variant="default" />
            <Button
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => openDialog({ mode: 'create' })}
              data-testid="new-notebook"
            >
              New notebook
            </Button>
          </>
        )}
      </ScreenHeader>
      <Group flex={1} gap={0} align="stretch" wrap="nowrap" style={{ minHeight: 0 }}>
        <Box w={240} style={{ borderRight: '1px solid var(--mantine-color-default-border)', flex: 'none' }}>
          <NotebookList
            notebooks={notebooks.data ?? []}
            open={name}
            onOpen={(item) => navigate({ section: 'notebooks', item })}
            onRename={(from) => openDialog({ mode: 'rename', from })}
            onDelete={confirmDelete}
          />
        </Box>
        <Box flex={1} style={{ minWidth: 0 }}>
          {name ? (
            <NotebookEditor key={name} name={name} />
          ) : (
            <Stack align="center" justify="center" h="100%" gap="sm" p="xl">
              <Title order={2}>Explore data in notebooks</Title>
              <Text c="dimmed" ta="center" maw={480}>
                SQL cells query your data sets by name with DuckDB, JavaScript cells draw charts, Markdown
                cells tell the story. Notebooks are saved as .ipynb in the workspace, so Jupyter and VS Code
                open them too.
              </Text>
              <Group>
                <Button
                  leftSection={<IconPlus size={16} />}
                  onClick={() => openDialog({ mode: 'create' })}
                  data-testid="new-notebook"
                >
                  New notebook
                </Button>
                <SampleDataButton />
              </Group>
            </Stack>
          )}
        </Box>
      </Group>
      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        title={dialog?.mode === 'rename' ? 'Rename notebook' : 'New notebook'}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack>
            <TextInput
              label="Name"
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              error={error}
              data-autofocus
              data-testid="notebook-name"
            />
            <Group justify="end">
              <Button variant="default" onClick={() => setDialog(null)}>
                Cancel
              </Button>
              <Button type="submit" data-testid="notebook-name-submit">
                {dialog?.mode === 'rename' ? 'Rename' : 'Create'}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
