import { useSyncExternalStore } from 'react';

/**
 * "Import data set…" can be asked for from anywhere (command palette), but only the Data screen owns
 * the file picker. The request waits here until that screen is mounted and takes it.
 */
let pending = false;
const listeners = new Set<() => void>();

export function requestImport(): void {
  pending = true;
  for (const listener of listeners) listener();
}

/** Returns true once per request. */
export function takeImportRequest(): boolean {
  const had = pending;
  pending = false;
  return had;
}

export function useImportRequested(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    () => pending,
  );
}
