import { describe, expect, it } from 'vitest';
import type { NotebookCell } from '../../../../shared/contract/notebooks.js';
import { applyUndo, clearOutputs, deleteCell, insertCell, moveCell, retypeCell } from './cellOps.js';

const cell = (id: string, patch: Partial<NotebookCell> = {}): NotebookCell => ({
  id,
  type: 'code',
  language: 'sql',
  source: `-- ${id}`,
  outputs: [],
  executionCount: null,
  elapsedMs: null,
  ...patch,
});
const ids = (cells: NotebookCell[]) => cells.map((c) => c.id);
const ran = { outputs: [{ kind: 'text' as const, text: 'out' }], executionCount: 3, elapsedMs: 12 };

describe('cell operations and their undo', () => {
  it('restores a deleted cell where it was, even after other cells were added', () => {
    const start = [cell('a'), cell('b', ran), cell('c')];
    const removed = deleteCell(start, 'b');
    expect(ids(removed.cells)).toEqual(['a', 'c']);
    const later = insertCell(removed.cells, 0, cell('new'));
    const undone = applyUndo(later, removed.undo!);
    expect(ids(undone.cells)).toEqual(['new', 'b', 'a', 'c']);
    expect(undone.cells[1]).toEqual(start[1]);
    expect(undone.select).toBe('b');
    // Undoing twice does not duplicate it; deleting the last cell comes back at the end.
    expect(ids(applyUndo(undone.cells, removed.undo!).cells)).toEqual(['new', 'b', 'a', 'c']);
    const last = deleteCell(start, 'c');
    expect(ids(applyUndo(last.cells, last.undo!).cells)).toEqual(['a', 'b', 'c']);
    expect(deleteCell(start, 'nope').undo).toBeNull();
  });

  it('moves within bounds and moves back', () => {
    const start = [cell('a'), cell('b'), cell('c')];
    const moved = moveCell(start, 'a', 1);
    expect(ids(moved.cells)).toEqual(['b', 'a', 'c']);
    expect(ids(applyUndo(moved.cells, moved.undo!).cells)).toEqual(['a', 'b', 'c']);
    expect(moveCell(start, 'a', -1)).toEqual({ cells: start, undo: null });
    expect(moveCell(start, 'c', 1).undo).toBeNull();
  });

  it('makes a cell Markdown (dropping outputs, undoably) and code again in a language', () => {
    const start = [cell('a', ran)];
    const md = retypeCell(start, 'a', 'markdown');
    expect(md.cells[0]).toMatchObject({ type: 'markdown', outputs: [], executionCount: null });
    expect(applyUndo(md.cells, md.undo!).cells).toEqual(start);
    const js = retypeCell(md.cells, 'a', 'javascript');
    expect(js.cells[0]).toMatchObject({ type: 'code', language: 'javascript', source: '-- a' });
    expect(retypeCell(start, 'a', 'sql').undo).toBeNull();
  });

  it('clears outputs and restores them only to cells that have not run since', () => {
    const start = [cell('a', ran), cell('b'), cell('c', ran)];
    const cleared = clearOutputs(start);
    expect(cleared.cells.every((c) => c.outputs.length === 0 && c.executionCount === null)).toBe(true);
    const rerun = cleared.cells.map((c) => (c.id === 'c' ? { ...c, ...ran, executionCount: 4 } : c));
    const undone = applyUndo(rerun, cleared.undo!).cells;
    expect(undone[0]).toEqual(start[0]);
    expect(undone[2]?.executionCount).toBe(4);
    expect(clearOutputs([cell('x')]).undo).toBeNull();
  });
});
