import type { CellLanguage, NotebookCell } from '../../../../shared/contract/notebooks.js';

export type CellKind = CellLanguage | 'markdown';

export const kindOf = (cell: NotebookCell): CellKind =>
  cell.type === 'markdown' ? 'markdown' : cell.language;

type RunState = Pick<NotebookCell, 'outputs' | 'executionCount' | 'elapsedMs'>;

/** What undoes one change to the notebook's cells (their text has Monaco's own undo). */
export type UndoEntry =
  | { kind: 'delete'; cell: NotebookCell; index: number }
  | { kind: 'move'; id: string; from: number }
  | { kind: 'retype'; id: string; before: Pick<NotebookCell, 'type' | 'language'> & RunState }
  | { kind: 'clear'; before: Record<string, RunState> };

export interface Change {
  cells: NotebookCell[];
  undo: UndoEntry | null;
}

export function newCell(type: 'markdown' | 'code', language: CellLanguage = 'sql'): NotebookCell {
  return {
    id: crypto.randomUUID().slice(0, 8),
    type,
    language,
    source: '',
    outputs: [],
    executionCount: null,
    elapsedMs: null,
  };
}

export function insertCell(cells: NotebookCell[], index: number, cell: NotebookCell): NotebookCell[] {
  const at = Math.max(0, Math.min(index, cells.length));
  return [...cells.slice(0, at), cell, ...cells.slice(at)];
}

export function deleteCell(cells: NotebookCell[], id: string): Change {
  const index = cells.findIndex((c) => c.id === id);
  const cell = cells[index];
  if (!cell) return { cells, undo: null };
  return { cells: cells.filter((c) => c.id !== id), undo: { kind: 'delete', cell, index } };
}

export function moveCell(cells: NotebookCell[], id: string, delta: -1 | 1): Change {
  const from = cells.findIndex((c) => c.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= cells.length) return { cells, undo: null };
  const next = [...cells];
  [next[from], next[to]] = [next[to] as NotebookCell, next[from] as NotebookCell];
  return { cells: next, undo: { kind: 'move', id, from } };
}

/** Makes a cell Markdown, SQL or JavaScript. A Markdown cell has no outputs, so they go (undoably). */
export function retypeCell(cells: NotebookCell[], id: string, kind: CellKind): Change {
  const cell = cells.find((c) => c.id === id);
  if (!cell || kindOf(cell) === kind) return { cells, undo: null };
  const { type, language, outputs, executionCount, elapsedMs } = cell;
  const patch: Partial<NotebookCell> =
    kind === 'markdown'
      ? { type: 'markdown', outputs: [], executionCount: null, elapsedMs: null }
      : { type: 'code', language: kind };
  return {
    cells: cells.map((c) => (c.id === id ? { ...c, ...patch } : c)),
    undo: { kind: 'retype', id, before: { type, language, outputs, executionCount, elapsedMs } },
  };
}

export function clearOutputs(cells: NotebookCell[]): Change {
  const before: Record<string, RunState> = {};
  for (const { id, outputs, executionCount, elapsedMs } of cells) {
    if (outputs.length > 0 || executionCount !== null) before[id] = { outputs, executionCount, elapsedMs };
  }
  if (Object.keys(before).length === 0) return { cells, undo: null };
  return {
    cells: cells.map((c) => ({ ...c, outputs: [], executionCount: null, elapsedMs: null })),
    undo: { kind: 'clear', before },
  };
}

/**
 * Undoes one entry on today's cells (other edits since then stay): a deleted cell returns where it
 * was, a moved one goes back. Outputs cleared are restored only to cells that have not run since.
 * Returns the cell to select.
 */
export function applyUndo(
  cells: NotebookCell[],
  entry: UndoEntry,
): { cells: NotebookCell[]; select?: string } {
  switch (entry.kind) {
    case 'delete':
      if (cells.some((c) => c.id === entry.cell.id)) return { cells };
      return { cells: insertCell(cells, entry.index, entry.cell), select: entry.cell.id };
    case 'move': {
      const cell = cells.find((c) => c.id === entry.id);
      if (!cell) return { cells };
      return {
        cells: insertCell(
          cells.filter((c) => c !== cell),
          entry.from,
          cell,
        ),
        select: entry.id,
      };
    }
    case 'retype':
      if (!cells.some((c) => c.id === entry.id)) return { cells };
      return {
        cells: cells.map((c) => (c.id === entry.id ? { ...c, ...entry.before } : c)),
        select: entry.id,
      };
    case 'clear':
      return {
        cells: cells.map((c) => {
          const before = entry.before[c.id];
          return before && c.outputs.length === 0 && c.executionCount === null ? { ...c, ...before } : c;
        }),
      };
  }
}

/** A short description for the Undo notification. */
export function describeUndo(entry: UndoEntry): string {
  switch (entry.kind) {
    case 'delete':
      return 'Cell deleted';
    case 'move':
      return 'Cell moved';
    case 'retype':
      return 'Cell kind changed';
    case 'clear':
      return 'Outputs cleared';
  }
}
