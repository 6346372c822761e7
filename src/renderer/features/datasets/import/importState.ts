import type { ImportSource } from '../../../../shared/contract/index.js';

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
}

/** Where the one import this window runs at a time has got to. */
export type ImportState =
  | { phase: 'idle' }
  /**
   * The file is on its way to the host and the options dialog is not open: before anything can be
   * previewed, or after the user chose Import while the whole file was still uploading (`queued`).
   */
  | ({ phase: 'uploading'; fileName: string; queued: boolean } & UploadProgress)
  /** The user is choosing the import options (one dialog per picked file: `run`). */
  | {
      phase: 'options';
      run: number;
      fileName: string;
      sizeBytes: number;
      /** What the preview reads: the whole file, or its head while the whole file still uploads. */
      previewSource: ImportSource;
      /** The whole file, once the host has it; until then Import queues. */
      source?: ImportSource;
      /** Present while the whole file is still uploading. */
      upload?: UploadProgress;
    }
  | { phase: 'importing'; fileName: string; jobId: string }
  | { phase: 'failed'; fileName: string; error: unknown };

export const IDLE: ImportState = { phase: 'idle' };

export function isBusy(state: ImportState): boolean {
  return state.phase === 'uploading' || state.phase === 'options' || state.phase === 'importing';
}
