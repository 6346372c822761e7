import { useSyncExternalStore } from 'react';

/** What an export makes: Kubernetes manifests, a KServe InferenceService or a GitHub Actions workflow. */
export type ExportKind = 'kubernetes' | 'kserve' | 'workflow';

/** A dialog of the Containers screen, with what it starts from. */
export type ContainerDialog =
  | { dialog: 'build'; model?: { name: string; version: number } }
  | { dialog: 'run'; build?: string }
  | { dialog: 'push'; build?: string }
  | { dialog: 'export'; build: string; kind: ExportKind };

let open: ContainerDialog | null = null;
const listeners = new Set<() => void>();

function set(next: ContainerDialog | null): void {
  open = next;
  for (const listener of listeners) listener();
}

/**
 * Opens a dialog of the Containers screen. The Containers screen shows it, so the command palette can ask from
 * anywhere (navigating there first) and the screen's own buttons use the same path.
 */
export function openContainerDialog(dialog: ContainerDialog): void {
  set(dialog);
}

export function closeContainerDialog(): void {
  set(null);
}

export function useContainerDialog(): ContainerDialog | null {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    () => open,
  );
}
