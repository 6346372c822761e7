import type { ImportSource } from '../../../../shared/contract/index.js';

/** Where the one import this window runs at a time has got to. */
export type ImportState =
  | { phase: 'idle' }
  | { phase: 'uploading'; fileName: string; sentBytes: number; totalBytes: number }
  /** The file is readable by the services; the user is choosing the import options. */
  | { phase: 'options'; fileName: string; sizeBytes: number; source: ImportSource }
  | { phase: 'importing'; fileName: string; jobId: string }
  | { phase: 'failed'; fileName: string; error: unknown };

export const IDLE: ImportState = { phase: 'idle' };

export function isBusy(state: ImportState): boolean {
  return state.phase === 'uploading' || state.phase === 'options' || state.phase === 'importing';
}
