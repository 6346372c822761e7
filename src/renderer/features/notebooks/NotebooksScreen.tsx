import { Box, Button, Group, Stack, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { navigate } from '../../app/navigation/route.js';
import { useClient } from '../../app/query/clientContext.js';
import { useCall } from '../../app/query/useCall.js';
import { ScreenHeader } from '../../components/ScreenHeader.js';
import { describeError } from '../../lib/describeError.js';
import { DeleteNotebookModal } from './list/DeleteNotebookModal.js';
import { NameDialog } from './list/NameDialog.js';
import { NotebookList } from './list/NotebookList.js';
import { NotebookEditor, type NotebookHandle } from './NotebookEditor.js';
import classes from './Notebook.module.css';
import { SampleDataButton } from './SampleDataButton.js';
import './editor/monacoSetup.js';

type Dialog = { mode: 'create' } | { mode: 'rename'; from: string } | { mode: 'delete'; target: string };

/** Notebooks: the list on the left, the open notebook on the right. */
export function NotebooksScreen({ name }: { name: string | undefined }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const notebooks = useCall('notebooks.list', {});
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const editor = useRef<NotebookHandle | null>(null);
  const names = (notebooks.data ?? []).map((n) => n.name);
  const refresh = (): Promise<void> => queryClient.invalidateQueries({ queryKey: ['notebooks.list'] });

  const create = async (to: string): Promise<string | null> => {
    try {
      await client.call('notebooks.create', { name: to, template: 'eda' });
    } catch (e) {
      return describeError(e).message;
    }
    setDialog(null);
    await refresh();
    navigate({ section: 'notebooks', item: to });
    return null;
  };

  const rename = async (from: string, to: string): Promise<string | null> => {
    if (from === to) {
      setDialog(null);
      return null;
    }
    // The open notebook's last edits go to disk under its old name before the file moves.
    if (from === name) {
      const problem = await editor.current?.saveNow();
      if (problem) return `Not renamed: your latest edits could not be saved (${problem}).`;
    }
    try {
      await client.call('notebooks.rename', { name: from, to });
    } catch (e) {
      return describeError(e).message;
    }
    setDialog(null);
    await refresh();
    if (from === name) navigate({ section: 'notebooks', item: to });
    return null;
  };

  const trash = async (target: string): Promise<string | null> => {
    // Whatever was typed last goes to the trash with it.
    if (target === name) await editor.current?.saveNow();
    try {
      const { trashedAs } = await client.call('notebooks.delete', { name: target });
      notifications.show({ title: `“${target}” moved to the trash`, message: trashedAs });
    } catch (e) {
      return describeError(e).message;
    }
    setDialog(null);
    await refresh();
    if (target === name) navigate({ section: 'notebooks' });
    return null;
  };

  const title = name ? (
    <>
      <span>Notebooks / </span>
      <Tooltip label="Rename" openDelay={400}>
        <UnstyledButton
          className={classes.titleButton}
          onClick={() => setDialog({ mode: 'rename', from: name })}
          aria-label={`Rename ${name}`}
          data-testid="notebook-title"
        >
          {name}
          <IconPencil size={14} className={classes.titlePencil} />
        </UnstyledButton>
      </Tooltip>
    </>
  ) : (
    'Notebooks'
  );

  return (
    <Stack h="100%" gap={0}>
      <ScreenHeader title={title}>
        {/* Without an open notebook the empty state offers the same two actions, larger. */}
        {name && (
          <>
            <SampleDataButton variant="default" />
            <Button
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => setDialog({ mode: 'create' })}
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
            onRename={(from) => setDialog({ mode: 'rename', from })}
            onDelete={(target) => setDialog({ mode: 'delete', target })}
          />
        </Box>
        <Box flex={1} style={{ minWidth: 0 }}>
          {name ? (
            <NotebookEditor key={name} name={name} handleRef={editor} />
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
                  onClick={() => setDialog({ mode: 'create' })}
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
      {dialog?.mode === 'create' && (
        <NameDialog
          mode="create"
          initial={freeName(names)}
          existing={names}
          onClose={() => setDialog(null)}
          onSubmit={create}
        />
      )}
      {dialog?.mode === 'rename' && (
        <NameDialog
          mode="rename"
          from={dialog.from}
          initial={dialog.from}
          existing={names}
          onClose={() => setDialog(null)}
          onSubmit={(to) => rename(dialog.from, to)}
        />
      )}
      {dialog?.mode === 'delete' && (
        <DeleteNotebookModal
          name={dialog.target}
          onClose={() => setDialog(null)}
          onConfirm={() => trash(dialog.target)}
        />
      )}
    </Stack>
  );
}

/** "Notebook N" with the first N no notebook has. */
function freeName(names: readonly string[]): string {
  const taken = new Set(names.map((n) => n.toLowerCase()));
  for (let n = names.length + 1; ; n++) if (!taken.has(`notebook ${n}`)) return `Notebook ${n}`;
}
