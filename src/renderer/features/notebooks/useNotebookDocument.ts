import { useCallback, useEffect, useRef, useState } from 'react';
import type { NotebookCell, NotebookDocument } from '../../../shared/contract/notebooks.js';
import { useClient } from '../../app/query/clientContext.js';
import { describeError } from '../../lib/describeError.js';

const AUTOSAVE_MS = 800;

export type SaveState =
  | { kind: 'saved'; at: string | null }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string; conflict: boolean };

/**
 * A notebook being edited: loads it, and saves every change shortly after typing stops, when the
 * window loses focus or hides, and before the page goes away, so a crash loses no edits. Saves
 * carry the revision they were loaded at; the service refuses one that would overwrite others.
 */
export function useNotebookDocument(name: string) {
  const client = useClient();
  const [cells, setCells] = useState<NotebookCell[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'saved', at: null });
  const latest = useRef<{
    cells: NotebookCell[] | null;
    revision: string;
    dirty: boolean;
    saving: boolean;
    /** Why the last save failed, if it did. */
    error: string | null;
  }>({ cells: null, revision: '', dirty: false, saving: false, error: null });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    let live = true;
    client.call('notebooks.get', { name }).then(
      (file) => {
        if (!live) return;
        latest.current = {
          cells: file.document.cells,
          revision: file.revision,
          dirty: false,
          saving: false,
          error: null,
        };
        setCells(file.document.cells);
        setSave({ kind: 'saved', at: null });
      },
      (error: unknown) => live && setLoadError(describeError(error).message),
    );
    return () => {
      live = false;
    };
  }, [client, name]);

  // The editor is keyed by notebook name, so this hook starts fresh for each notebook.
  const again = useRef<() => void>(() => undefined);
  const inflight = useRef<Promise<boolean> | null>(null);
  /** Saves now if there are changes; resolves false when the save failed (the state says why). */
  const flush = useCallback((): Promise<boolean> => {
    clearTimeout(timer.current);
    const state = latest.current;
    if (state.saving && inflight.current) return inflight.current;
    if (!state.dirty || !state.cells) return Promise.resolve(true);
    state.saving = true;
    state.dirty = false;
    setSave({ kind: 'saving' });
    const document: NotebookDocument = { cells: state.cells };
    const saving = (async (): Promise<boolean> => {
      try {
        const saved = await client.call('notebooks.save', { name, revision: state.revision, document });
        state.revision = saved.revision;
        setSave(state.dirty ? { kind: 'dirty' } : { kind: 'saved', at: saved.savedAt });
      } catch (error) {
        state.dirty = true;
        const described = describeError(error);
        const conflict = described.details?.reason === 'revision-conflict';
        state.error = described.message;
        setSave({ kind: 'error', message: described.message, conflict });
        return false;
      } finally {
        state.saving = false;
        inflight.current = null;
      }
      state.error = null;
      if (state.dirty) timer.current = setTimeout(() => again.current(), AUTOSAVE_MS);
      return true;
    })();
    inflight.current = saving;
    return saving;
  }, [client, name]);
  useEffect(() => {
    again.current = () => void flush();
  }, [flush]);

  /**
   * Before the file is renamed or trashed: waits for a save under way, saves what is left, and
   * says why not if it could not (null when everything is on disk).
   */
  const saveNow = useCallback(async (): Promise<string | null> => {
    if (inflight.current) await inflight.current;
    if (!(await flush())) return latest.current.error ?? 'the notebook could not be saved';
    return null;
  }, [flush]);

  const update = useCallback(
    (change: (cells: NotebookCell[]) => NotebookCell[]) => {
      const next = change(latest.current.cells ?? []);
      latest.current.cells = next;
      latest.current.dirty = true;
      setCells(next);
      setSave((s) => (s.kind === 'error' && s.conflict ? s : { kind: 'dirty' }));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
    },
    [flush],
  );

  // Save on blur, on hide and on leaving; and when this notebook is closed.
  useEffect(() => {
    const now = (): void => void flush();
    const onHide = (): void => {
      if (document.visibilityState === 'hidden') now();
    };
    window.addEventListener('blur', now);
    window.addEventListener('pagehide', now);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('blur', now);
      window.removeEventListener('pagehide', now);
      document.removeEventListener('visibilitychange', onHide);
      now();
    };
  }, [flush]);

  /** The newest cells, even before React has re-rendered (a key press right after typing). */
  const current = useCallback((): NotebookCell[] => latest.current.cells ?? [], []);

  return { cells, loadError, save, update, flush, saveNow, current };
}
