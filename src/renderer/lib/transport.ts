import type { ImportSource } from '../../shared/contract/index.js';

/** `open` once the host answers; `connecting` while (re)connecting; `closed` after dispose. */
export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface ImportProgress {
  /** Bytes sent so far and the total, for files that travel to the host (browser mode). */
  sentBytes: number;
  totalBytes: number;
}

export interface PrepareImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  /**
   * Called at most once, before the returned promise settles, with a source the preview can read
   * while the whole file is still travelling (browser mode: the head of a big text file). The
   * caller owns it: discard it when done. Not called when the file is readable at once.
   */
  onPreviewSource?: (source: ImportSource) => void;
}

/**
 * One way of reaching the host. Both transports speak untyped names and values; `createClient`
 * puts the contract's types on top, so the typing lives in one place.
 */
export interface Transport {
  readonly kind: 'ipc' | 'websocket';
  /** Resolves with the unwrapped value, or rejects with a WorkbenchError. */
  invoke(name: string, input: unknown): Promise<unknown>;
  /** Returns a disposer; survives reconnects. */
  subscribe(stream: string, listener: (payload: unknown) => void): () => void;
  /** Turns a file the user picked into something `datasets.import` accepts. */
  prepareImport(file: File, options?: PrepareImportOptions): Promise<ImportSource>;
  connectionState(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  dispose(): void;
}
