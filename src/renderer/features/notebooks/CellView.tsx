import { ActionIcon, Badge, Box, Group, Loader, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { memo, useState } from 'react';
import type { ChartSpec, NotebookCell } from '../../../shared/contract/notebooks.js';
import { CodeEditor, type EditorKeys } from './editor/CodeEditor.js';
import { Markdown } from './editor/Markdown.js';
import { OutputView } from './outputs/OutputView.js';
import type { RunStatus } from './run/useCellRunner.js';
import classes from './Notebook.module.css';

type Kind = 'sql' | 'javascript' | 'markdown';

export interface CellActions extends EditorKeys {
  change: (patch: Partial<NotebookCell>) => void;
  move: (delta: -1 | 1) => void;
  remove: () => void;
  addChart: (chart: ChartSpec) => void;
  focus: () => void;
}

const kindOf = (cell: NotebookCell): Kind => (cell.type === 'markdown' ? 'markdown' : cell.language);

function StatusBadge({ cell, status }: { cell: NotebookCell; status: RunStatus | undefined }) {
  if (status === 'running') return <Loader size={14} data-testid="cell-running" />;
  if (status === 'queued')
    return (
      <Badge size="xs" variant="light" color="gray">
        queued
      </Badge>
    );
  const label = cell.executionCount === null ? '[ ]' : `[${cell.executionCount}]`;
  const time =
    cell.elapsedMs === null
      ? ''
      : cell.elapsedMs < 1000
        ? `${cell.elapsedMs} ms`
        : `${(cell.elapsedMs / 1000).toFixed(1)} s`;
  return (
    <Text size="xs" c={status === 'error' ? 'red' : 'dimmed'} ff="monospace" data-testid="cell-count">
      {label} {time}
    </Text>
  );
}

/** One cell: its kind, its editor (or rendered Markdown), its run state and its outputs. */
export const CellView = memo(function CellView(props: {
  cell: NotebookCell;
  index: number;
  status: RunStatus | undefined;
  selected: boolean;
  /** Changes when the notebook moves the keyboard to this cell. */
  focusSignal: number;
  actions: CellActions;
}) {
  const { cell, status, selected, actions } = props;
  const kind = kindOf(cell);
  const [editingMarkdown, setEditingMarkdown] = useState(cell.source.trim() === '');
  const error = cell.outputs.find((o) => o.kind === 'error');
  const errorAt =
    error?.kind === 'error' && error.line !== undefined
      ? { line: error.line, ...(error.column ? { column: error.column } : {}), message: error.evalue }
      : undefined;
  const showEditor = kind !== 'markdown' || editingMarkdown;
  return (
    <Box
      className={classes.cell}
      data-selected={selected || undefined}
      data-testid="cell"
      data-kind={kind}
      data-status={status ?? 'idle'}
      onMouseDown={actions.focus}
    >
      <Group justify="space-between" gap="xs" className={classes.cellBar}>
        <Group gap="xs">
          <Tooltip label={kind === 'markdown' ? 'Render (Shift+Enter)' : 'Run (Shift+Enter)'}>
            <ActionIcon
              size="sm"
              variant="subtle"
              onClick={actions.run}
              aria-label="Run cell"
              data-testid="run-cell"
            >
              <IconPlayerPlay size={14} />
            </ActionIcon>
          </Tooltip>
          {kind !== 'markdown' && <StatusBadge cell={cell} status={status} />}
        </Group>
        <Group gap={4} className={classes.cellTools}>
          <SegmentedControl
            size="xs"
            value={kind}
            data={[
              { value: 'sql', label: 'SQL' },
              { value: 'javascript', label: 'JS' },
              { value: 'markdown', label: 'Markdown' },
            ]}
            onChange={(value) =>
              actions.change(
                value === 'markdown' ? { type: 'markdown', outputs: [] } : { type: 'code', language: value },
              )
            }
            aria-label="Cell kind"
          />
          <ActionIcon
            size="sm"
            variant="subtle"
            color="gray"
            onClick={() => actions.move(-1)}
            aria-label="Move up"
          >
            <IconArrowUp size={14} />
          </ActionIcon>
          <ActionIcon
            size="sm"
            variant="subtle"
            color="gray"
            onClick={() => actions.move(1)}
            aria-label="Move down"
          >
            <IconArrowDown size={14} />
          </ActionIcon>
          <ActionIcon
            size="sm"
            variant="subtle"
            color="gray"
            onClick={actions.remove}
            aria-label="Delete cell"
          >
            <IconTrash size={14} />
          </ActionIcon>
        </Group>
      </Group>
      {showEditor ? (
        <CodeEditor
          value={cell.source}
          language={kind}
          onChange={(source) => actions.change({ source })}
          errorAt={errorAt}
          focusSignal={props.focusSignal}
          keys={{
            ...actions,
            runAndAdvance: () => {
              if (kind === 'markdown') setEditingMarkdown(false);
              actions.runAndAdvance();
            },
            run: () => {
              if (kind === 'markdown') setEditingMarkdown(false);
              actions.run();
            },
          }}
        />
      ) : (
        <Box
          className={classes.markdown}
          onDoubleClick={() => setEditingMarkdown(true)}
          title="Double-click to edit"
        >
          <Markdown text={cell.source} />
        </Box>
      )}
      {cell.outputs.length > 0 && (
        <Stack gap="xs" className={classes.outputs} data-testid="cell-outputs">
          {cell.outputs.map((output, i) => (
            <OutputView key={i} output={output} onChart={actions.addChart} />
          ))}
        </Stack>
      )}
    </Box>
  );
});
