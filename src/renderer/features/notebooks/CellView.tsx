import { ActionIcon, Badge, Box, Group, Loader, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { memo, useEffect, useRef } from 'react';
import type { ChartSpec, NotebookCell } from '../../../shared/contract/notebooks.js';
import { kindOf, type CellKind } from './commands/cellOps.js';
import { isTypingTarget } from './commands/commandKeys.js';
import type { FocusRequest, Mode } from './commands/useNotebookCommands.js';
import { CodeEditor, type EditorKeys } from './editor/CodeEditor.js';
import { Markdown } from './editor/Markdown.js';
import { OutputView } from './outputs/OutputView.js';
import type { RunStatus } from './run/useCellRunner.js';
import classes from './Notebook.module.css';

export interface CellActions extends EditorKeys {
  change: (patch: Partial<NotebookCell>) => void;
  retype: (kind: CellKind) => void;
  move: (delta: -1 | 1) => void;
  remove: () => void;
  addChart: (chart: ChartSpec) => void;
  /** The cell itself (command mode) or its editor (edit mode) took the keyboard. */
  focused: (mode: Mode) => void;
  /** Shows a rendered Markdown cell's source and puts the keyboard in it. */
  editMarkdown: () => void;
}

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
  /** The selected cell's mode; null for the others. */
  mode: Mode | null;
  /** A request for the keyboard addressed to this cell. */
  focus: FocusRequest | null;
  /** For Markdown: whether the source shows (else the rendered text). */
  editing: boolean;
  actions: CellActions;
}) {
  const { cell, status, selected, actions, focus } = props;
  const kind = kindOf(cell);
  const root = useRef<HTMLDivElement>(null);
  const error = cell.outputs.find((o) => o.kind === 'error');
  const errorAt =
    error?.kind === 'error' && error.line !== undefined
      ? { line: error.line, ...(error.column ? { column: error.column } : {}), message: error.evalue }
      : undefined;
  const showEditor = kind !== 'markdown' || props.editing;

  useEffect(() => {
    if (focus?.target !== 'cell' || !root.current) return;
    root.current.focus({ preventScroll: true });
    root.current.scrollIntoView({ block: 'nearest' });
  }, [focus]);

  return (
    <Box
      ref={root}
      className={classes.cell}
      data-selected={selected || undefined}
      data-mode={props.mode ?? undefined}
      data-testid="cell"
      data-kind={kind}
      data-status={status ?? 'idle'}
      // Command mode: the cell itself holds the keyboard (one Tab stop: the selected cell).
      tabIndex={selected ? 0 : -1}
      data-command-target
      aria-label={`Cell ${props.index + 1}, ${kind === 'javascript' ? 'JavaScript' : kind === 'sql' ? 'SQL' : 'Markdown'}`}
      onFocus={(event) => {
        if (event.target === event.currentTarget) actions.focused('command');
        else if (isTypingTarget(event.target)) actions.focused('edit');
      }}
      onClick={(event) => {
        // A click on the cell's own buttons leaves the keyboard with the cell, as in Jupyter.
        const target = event.target as Element;
        if (target.closest('[data-cell-bar]') && !isTypingTarget(target))
          root.current?.focus({ preventScroll: true });
      }}
    >
      <Group justify="space-between" gap="xs" className={classes.cellBar} data-cell-bar>
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
            onChange={(value) => actions.retype(value)}
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
            data-testid="delete-cell"
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
          focusSignal={focus?.target === 'editor' ? focus.tick : 0}
          keys={actions}
        />
      ) : (
        <Box
          className={classes.markdown}
          onDoubleClick={actions.editMarkdown}
          title="Double-click or Enter to edit"
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
