import { Button, Center, Group, Loader, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { IconClearAll, IconPlayerPlay, IconPlayerStop, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { NotebookCell } from '../../../shared/contract/notebooks.js';
import { useCall } from '../../app/query/useCall.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { CellView, type CellActions } from './CellView.js';
import { updateSqlCompletion } from './editor/sqlCompletion.js';
import { SaveIndicator } from './SaveIndicator.js';
import { useCellRunner } from './run/useCellRunner.js';
import { useNotebookDocument } from './useNotebookDocument.js';

const newCell = (type: 'markdown' | 'code', language: 'sql' | 'javascript' = 'sql'): NotebookCell => ({
  id: crypto.randomUUID().slice(0, 8),
  type,
  language,
  source: '',
  outputs: [],
  executionCount: null,
  elapsedMs: null,
});

/** An open notebook: toolbar, cells, and the keyboard flow of Jupyter (Shift+Enter runs and moves on). */
export function NotebookEditor({ name }: { name: string }) {
  const { cells, loadError, save, update, flush, current } = useNotebookDocument(name);
  const runner = useCellRunner(name, update);
  const [selected, setSelected] = useState(0);
  const [focusTick, setFocusTick] = useState(0);
  const datasets = useCall('datasets.list', {});
  updateSqlCompletion(datasets.data);

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

  const insertAt = (index: number, cell = newCell('code')): void => {
    update((all) => [...all.slice(0, index), cell, ...all.slice(index)]);
    setSelected(index);
    setFocusTick((t) => t + 1);
  };

  const actionsFor = (cell: NotebookCell, index: number): CellActions => ({
    change: (patch) => update((all) => all.map((c) => (c.id === cell.id ? { ...c, ...patch } : c))),
    move: (delta) =>
      update((all) => {
        const to = index + delta;
        if (to < 0 || to >= all.length) return all;
        const next = [...all];
        [next[index], next[to]] = [next[to] as NotebookCell, next[index] as NotebookCell];
        setSelected(to);
        return next;
      }),
    remove: () => update((all) => all.filter((c) => c.id !== cell.id)),
    addChart: (chart) =>
      update((all) =>
        all.map((c) => (c.id === cell.id ? { ...c, outputs: [...c.outputs, { kind: 'chart', chart }] } : c)),
      ),
    focus: () => setSelected(index),
    run: () => runner.run([current().find((c) => c.id === cell.id) ?? cell]),
    runAndAdvance: () => {
      runner.run([current().find((c) => c.id === cell.id) ?? cell]);
      if (index === cells.length - 1) insertAt(index + 1);
      else {
        setSelected(index + 1);
        setFocusTick((t) => t + 1);
      }
    },
    insertBelow: () => {
      runner.run([current().find((c) => c.id === cell.id) ?? cell]);
      insertAt(index + 1);
    },
    escape: () => (document.activeElement as HTMLElement | null)?.blur(),
  });

  return (
    <Stack h="100%" gap={0}>
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
            onClick={() => runner.run(current())}
            disabled={runner.busy}
            data-testid="run-all"
          >
            Run all
          </Button>
          <Tooltip label="Stop the running cell and the ones queued after it">
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
            onClick={() =>
              update((all) => all.map((c) => ({ ...c, outputs: [], executionCount: null, elapsedMs: null })))
            }
            data-testid="clear-outputs"
          >
            Clear outputs
          </Button>
        </Group>
        <SaveIndicator state={save} onRetry={() => void flush()} />
      </Group>
      <ScrollArea flex={1} type="auto" data-testid="notebook" data-notebook={name}>
        <Stack gap="sm" p="md" maw={1100} mx="auto">
          {cells.map((cell, index) => (
            <CellView
              key={cell.id}
              focusSignal={index === selected ? focusTick : 0}
              cell={cell}
              index={index}
              status={runner.status[cell.id]}
              selected={index === selected}
              actions={actionsFor(cell, index)}
            />
          ))}
          <Group gap="xs" justify="center">
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconPlus size={12} />}
              onClick={() => insertAt(cells.length, newCell('code', 'sql'))}
              data-testid="add-sql"
            >
              SQL
            </Button>
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconPlus size={12} />}
              onClick={() => insertAt(cells.length, newCell('code', 'javascript'))}
              data-testid="add-js"
            >
              JavaScript
            </Button>
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconPlus size={12} />}
              onClick={() => insertAt(cells.length, newCell('markdown'))}
              data-testid="add-markdown"
            >
              Markdown
            </Button>
          </Group>
          {cells.length === 0 && (
            <Text c="dimmed" ta="center" size="sm">
              An empty notebook: add a SQL cell and query a data set by its name.
            </Text>
          )}
        </Stack>
      </ScrollArea>
    </Stack>
  );
}
