import { useSyncExternalStore } from 'react';

/**
 * A request that can be made from anywhere (the command palette) for something only one screen can
 * do (its file picker). It waits until that screen is mounted and takes it, once.
 */
export function pendingRequest() {
  let pending = false;
  const listeners = new Set<() => void>();
  return {
    request: (): void => {
      pending = true;
      for (const listener of listeners) listener();
    },
    /** Returns true once per request. */
    take: (): boolean => {
      const had = pending;
      pending = false;
      return had;
    },
    useRequested: (): boolean =>
      useSyncExternalStore(
        (onChange) => {
          listeners.add(onChange);
          return () => listeners.delete(onChange);
        },
        () => pending,
      ),
  };
}
