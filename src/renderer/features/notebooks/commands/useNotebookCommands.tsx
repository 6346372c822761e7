import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { NotebookCell } from '../../../../shared/contract/notebooks.js';
import { shortcutLabel } from '../../../lib/platform.js';
import {
  applyUndo,
  clearOutputs,
  deleteCell,
  describeUndo,
  insertCell,
  kindOf,
  moveCell,
  newCell,
  retypeCell,
  type CellKind,
  type UndoEntry,
} from './cellOps.js';
import { commandFor, type Command, type Pending } from './commandKeys.js';

type Update = (change: (cells: NotebookCell[]) => NotebookCell[]) => void;

/** Where the keyboard should go next: a cell (command mode) or its editor (edit mode). */
export interface FocusRequest {
  id: string;
  target: 'cell' | 'editor';
  tick: number;
}

export type Mode = 'command' | 'edit';

const UNDO_LIMIT = 100;

/**
 * The notebook's keyboard model, as in Jupyter: a selected cell is either being edited (edit mode)
 * or has the keyboard itself (command mode, a ring around it) where single keys act on cells.
 * Structural changes (delete, move, kind, clear outputs) go on an undo stack; deletions and clears
 * also show a notification with an Undo button.
 */
export function useNotebookCommands(deps: {
  cells: NotebookCell[] | null;
  current: () => NotebookCell[];
  update: Update;
  run: (cells: NotebookCell[]) => void;
  interrupt: () => void;
  openHelp: () => void;
  /** The notebook's empty body, which holds the keyboard when there are no cells. */
  focusBody: () => void;
  /** Puts the keyboard on the first cell (or the body of an empty notebook). */
  focusFirst: () => void;
}) {
  const { cells, current, update } = deps;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('command');
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const [markdownEditing, setMarkdownEditing] = useState<Record<string, boolean>>({});
  const undoStack = useRef<{ entry: UndoEntry; notification?: string }[]>([]);
  const pending = useRef<Pending | null>(null);
  const tick = useRef(0);
  const started = useRef(false);

  const request = (id: string, target: FocusRequest['target']): void => {
    setSelectedId(id);
    setMode(target === 'editor' ? 'edit' : 'command');
    if (target === 'editor') setMarkdownEditing((m) => ({ ...m, [id]: true }));
    setFocus({ id, target, tick: ++tick.current });
  };

  // A notebook opens in command mode on its first cell, as Jupyter's does (the cell's focus
  // handler selects it).
  useEffect(() => {
    if (!cells || started.current) return;
    started.current = true;
    deps.focusFirst();
    // Only when the cells first arrive.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cells]);

  // Undo notifications belong to this notebook: they go when it closes.
  useEffect(
    () => () => {
      for (const { notification } of undoStack.current) if (notification) notifications.hide(notification);
    },
    [],
  );

  const undoEntry = (entry: UndoEntry): void => {
    const at = undoStack.current.findIndex((item) => item.entry === entry);
    const [item] = at >= 0 ? undoStack.current.splice(at, 1) : [];
    if (item?.notification) notifications.hide(item.notification);
    const result = applyUndo(current(), entry);
    update(() => result.cells);
    if (result.select) request(result.select, 'cell');
  };

  const push = (entry: UndoEntry | null, notify = false): void => {
    if (!entry) return;
    const notification = notify ? `notebook-undo-${tick.current++}-${Date.now()}` : undefined;
    undoStack.current.push({ entry, ...(notification ? { notification } : {}) });
    if (undoStack.current.length > UNDO_LIMIT) undoStack.current.shift();
    if (!notification) return;
    notifications.show({
      id: notification,
      title: describeUndo(entry),
      autoClose: 8000,
      message: (
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text size="xs" c="dimmed">
            Z or {shortcutLabel('Z')} on a selected cell undoes it too.
          </Text>
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => undoEntry(entry)}
            data-testid="undo-button"
          >
            Undo
          </Button>
        </Group>
      ),
    });
  };

  const insert = (index: number, cell: NotebookCell, target: FocusRequest['target']): void => {
    update((all) => insertCell(all, index, cell));
    request(cell.id, target);
  };

  const remove = (id: string): void => {
    const all = current();
    const index = all.findIndex((c) => c.id === id);
    const change = deleteCell(all, id);
    update(() => change.cells);
    push(change.undo, true);
    const neighbour = change.cells[index] ?? change.cells[index - 1];
    if (neighbour) request(neighbour.id, 'cell');
    else {
      setSelectedId(null);
      deps.focusBody();
    }
  };

  const move = (id: string, delta: -1 | 1): void => {
    const change = moveCell(current(), id, delta);
    update(() => change.cells);
    push(change.undo);
    request(id, 'cell');
  };

  const retype = (id: string, kind: CellKind): void => {
    const change = retypeCell(current(), id, kind);
    update(() => change.cells);
    push(change.undo);
    // A cell made Markdown shows its source until it is run, as in Jupyter.
    if (change.undo && kind === 'markdown') setMarkdownEditing((m) => ({ ...m, [id]: true }));
  };

  const clear = (): void => {
    const change = clearOutputs(current());
    update(() => change.cells);
    push(change.undo, true);
  };

  /** Runs a cell as it is now; a Markdown cell is rendered. */
  const runCell = (id: string): void => {
    const cell = current().find((c) => c.id === id);
    if (!cell) return;
    if (cell.type === 'markdown') setMarkdownEditing((m) => ({ ...m, [id]: false }));
    deps.run([cell]);
  };

  const editingOf = (cell: NotebookCell): boolean =>
    cell.type !== 'markdown' || (markdownEditing[cell.id] ?? cell.source.trim() === '');

  /** Shift+Enter: run, then the next cell (its editor when coming from one); a new cell at the end. */
  const runAndAdvance = (id: string, fromEditor: boolean): void => {
    runCell(id);
    const all = current();
    const index = all.findIndex((c) => c.id === id);
    const next = all[index + 1];
    if (!next) {
      const cell = all[index];
      insert(index + 1, newCell('code', cell?.type === 'code' ? cell.language : 'sql'), 'editor');
    } else request(next.id, fromEditor && editingOf(next) ? 'editor' : 'cell');
  };

  const runAndInsert = (id: string): void => {
    runCell(id);
    const all = current();
    const index = all.findIndex((c) => c.id === id);
    const cell = all[index];
    insert(index + 1, newCell('code', cell?.type === 'code' ? cell.language : 'sql'), 'editor');
  };

  const execute = (command: Command): void => {
    const all = current();
    const found = all.findIndex((c) => c.id === selectedId);
    const index = found >= 0 ? found : 0;
    const cell = all[index];
    const codeLanguage = cell?.type === 'code' ? cell.language : 'sql';
    const select = (i: number): void => {
      const target = all[Math.max(0, Math.min(all.length - 1, i))];
      if (target) request(target.id, 'cell');
    };
    switch (command) {
      case 'insertAbove':
        return insert(cell ? index : 0, newCell('code', codeLanguage), 'cell');
      case 'insertBelow':
        return insert(cell ? index + 1 : 0, newCell('code', codeLanguage), 'cell');
      case 'undo': {
        const last = undoStack.current.at(-1);
        if (last) undoEntry(last.entry);
        return;
      }
      case 'interrupt':
        return deps.interrupt();
      case 'help':
        return deps.openHelp();
      default:
        break;
    }
    if (!cell) return;
    switch (command) {
      case 'edit':
        return request(cell.id, 'editor');
      case 'selectPrevious':
        return select(index - 1);
      case 'selectNext':
        return select(index + 1);
      case 'selectFirst':
        return select(0);
      case 'selectLast':
        return select(all.length - 1);
      case 'delete':
        return remove(cell.id);
      case 'moveUp':
        return move(cell.id, -1);
      case 'moveDown':
        return move(cell.id, 1);
      case 'toMarkdown':
        return retype(cell.id, 'markdown');
      case 'toCode':
        return retype(cell.id, cell.language);
      case 'toSql':
        return retype(cell.id, 'sql');
      case 'toJavaScript':
        return retype(cell.id, 'javascript');
      case 'run':
        return runCell(cell.id);
      case 'runAndAdvance':
        return runAndAdvance(cell.id, false);
      case 'runAndInsert':
        return runAndInsert(cell.id);
      default:
        return;
    }
  };

  /** On the notebook: acts only when a cell (or the empty notebook) itself has the keyboard. */
  const onKeyDown = (event: KeyboardEvent): void => {
    const target = event.target as HTMLElement;
    if (!target.hasAttribute('data-command-target') || event.nativeEvent.isComposing) return;
    const result = commandFor(event, pending.current, event.timeStamp);
    pending.current = result.pending;
    if (!result.command && !result.pending) return;
    event.preventDefault();
    event.stopPropagation();
    if (result.command) execute(result.command);
  };

  return {
    selectedId,
    mode,
    focus,
    onKeyDown,
    editingOf,
    request,
    /** A cell or its editor took the keyboard (a click, Tab). */
    focused: (id: string, next: Mode) => {
      setSelectedId(id);
      setMode(next);
      // Typing into a Markdown cell keeps its source showing until it is run.
      if (next === 'edit') setMarkdownEditing((m) => (m[id] ? m : { ...m, [id]: true }));
    },
    /** Run all: every cell in order; Markdown cells render. */
    runAll: () => {
      const all = current();
      setMarkdownEditing((m) => ({
        ...m,
        ...Object.fromEntries(all.filter((c) => c.type === 'markdown').map((c) => [c.id, false])),
      }));
      deps.run(all);
    },
    insertAt: (index: number, cell: NotebookCell) => insert(index, cell, 'editor'),
    remove,
    move,
    retype,
    clear,
    runCell,
    runAndAdvance,
    runAndInsert,
    kindOf,
  };
}
