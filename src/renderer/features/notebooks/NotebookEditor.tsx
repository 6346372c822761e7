import { Box, Button, Center, Group, Loader, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconClearAll, IconPlayerPlay, IconPlayerStop, IconPlus } from '@tabler/icons-react';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { NotebookCell } from '../../../shared/contract/notebooks.js';
import { useCall } from '../../app/query/useCall.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { CellView, type CellActions } from './CellView.js';
import { newCell } from './commands/cellOps.js';
import { ShortcutsHelp } from './commands/ShortcutsHelp.js';
import { useNotebookCommands } from './commands/useNotebookCommands.js';
import { updateSqlCompletion } from './editor/sqlCompletion.js';
import classes from './Notebook.module.css';
import { SaveIndicator } from './SaveIndicator.js';
import { useCellRunner } from './run/useCellRunner.js';
import { useNotebookDocument } from './useNotebookDocument.js';

/** What the Notebooks screen may ask of the open notebook (before renaming or trashing it). */
export interface NotebookHandle {
  /** Saves pending edits now; resolves with why it could not, or null when all is saved. */
  saveNow(): Promise<string | null>;
}

/** The buttons under the last cell, one per kind of cell a notebook can hold. */
const NEW_CELLS: {
  label: string;
  testId: string;
  kind: 'markdown' | 'code';
  language?: 'sql' | 'javascript';
}[] = [
  { label: 'SQL', testId: 'add-sql', kind: 'code', language: 'sql' },
  { label: 'JavaScript', testId: 'add-js', kind: 'code', language: 'javascript' },
  { label: 'Markdown', testId: 'add-markdown', kind: 'markdown' },
];

/** An open notebook: toolbar, cells, and the keyboard flow of Jupyter (command and edit mode). */
export function NotebookEditor({
  name,
  handleRef,
}: {
  name: string;
  handleRef?: RefObject<NotebookHandle | null>;
}) {
  const { cells, loadError, save, update, flush, saveNow, current } = useNotebookDocument(name);
  const runner = useCellRunner(name, update);
  const [helpOpen, setHelpOpen] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const commands = useNotebookCommands({
    cells,
    current,
    update,
    run: runner.run,
    interrupt: runner.interrupt,
    openHelp: () => setHelpOpen(true),
    focusBody: () => body.current?.focus(),
    focusFirst: () =>
      (body.current?.querySelector<HTMLElement>('[data-testid="cell"]') ?? body.current)?.focus({
        preventScroll: true,
      }),
  });
  const datasets = useCall('datasets.list', {});
  updateSqlCompletion(datasets.data);
  // Ctrl/Cmd+S saves from anywhere in the notebook, the editor included (it also saves by itself).
  useHotkeys([['mod+S', () => void flush()]], []);
  useEffect(() => {
    if (!handleRef) return;
    handleRef.current = { saveNow };
    return () => {
      handleRef.current = null;
    };
  }, [handleRef, saveNow]);

  if (loadError)
    return (
      <ErrorAlert
        title="This notebook cannot be opened"
        error={{ code: 'WORKSPACE_INVALID', message: loadError }}
      />
    );
  if (!cells) {
    return (
      <Center h="100%">
        <Loader size="sm" />
      </Center>
    );
  }

  const actionsFor = (cell: NotebookCell): CellActions => ({
    change: (patch) => update((all) => all.map((c) => (c.id === cell.id ? { ...c, ...patch } : c))),
    retype: (kind) => commands.retype(cell.id, kind),
    move: (delta) => commands.move(cell.id, delta),
    remove: () => commands.remove(cell.id),
    addChart: (chart) =>
      update((all) =>
        all.map((c) => (c.id === cell.id ? { ...c, outputs: [...c.outputs, { kind: 'chart', chart }] } : c)),
      ),
    focused: (mode) => commands.focused(cell.id, mode),
    editMarkdown: () => commands.request(cell.id, 'editor'),
    run: () => commands.runCell(cell.id),
    runAndAdvance: () => commands.runAndAdvance(cell.id, true),
    insertBelow: () => commands.runAndInsert(cell.id),
    escape: () => commands.request(cell.id, 'cell'),
  });

  const addAtEnd = (type: 'markdown' | 'code', language?: 'sql' | 'javascript'): void =>
    commands.insertAt(current().length, newCell(type, language));

  return (
    <Stack h="100%" gap={0} onKeyDown={commands.onKeyDown}>
      <Group
        justify="space-between"
        px="md"
        py={6}
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        <Group gap="xs">
          <Button
            size="compact-sm"
            leftSection={<IconPlayerPlay size={14} />}
            onClick={commands.runAll}
            disabled={runner.busy}
            data-testid="run-all"
          >
            Run all
          </Button>
          <Tooltip label="Stop the running cell and the ones queued after it (I I)">
            <Button
              size="compact-sm"
              variant="default"
              color="red"
              leftSection={<IconPlayerStop size={14} />}
              onClick={runner.interrupt}
              disabled={!runner.busy}
              data-testid="interrupt"
            >
              Interrupt
            </Button>
          </Tooltip>
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconClearAll size={14} />}
            onClick={commands.clear}
            data-testid="clear-outputs"
          >
            Clear outputs
          </Button>
        </Group>
        <Group gap="xs">
          <SaveIndicator state={save} onRetry={() => void flush()} />
          <ShortcutsHelp opened={helpOpen} onChange={setHelpOpen} />
        </Group>
      </Group>
      <ScrollArea flex={1} type="auto" data-testid="notebook" data-notebook={name}>
        <Stack
          ref={body}
          gap="sm"
          p="md"
          maw={1100}
          mx="auto"
          tabIndex={-1}
          data-command-target
          className={classes.body}
        >
          {cells.map((cell, index) => (
            <CellView
              key={cell.id}
              cell={cell}
              index={index}
              status={runner.status[cell.id]}
              selected={cell.id === commands.selectedId}
              mode={cell.id === commands.selectedId ? commands.mode : null}
              focus={commands.focus?.id === cell.id ? commands.focus : null}
              editing={commands.editingOf(cell)}
              actions={actionsFor(cell)}
            />
          ))}
          <Group gap="xs" justify="center">
            {NEW_CELLS.map(({ label, testId, kind, language }) => (
              <Button
                key={testId}
                size="compact-xs"
                variant="subtle"
                leftSection={<IconPlus size={12} />}
                onClick={() => addAtEnd(kind, language)}
                data-testid={testId}
              >
                {label}
              </Button>
            ))}
          </Group>
          {cells.length === 0 && (
            <Box>
              <Text c="dimmed" ta="center" size="sm">
                An empty notebook: add a SQL cell and query a data set by its name, or press B.
              </Text>
            </Box>
          )}
        </Stack>
      </ScrollArea>
    </Stack>
  );
}
