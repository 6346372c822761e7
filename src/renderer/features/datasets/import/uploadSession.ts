import { cancelledError, type ImportSource } from '../../../../shared/contract/index.js';
import type { ImportProgress, PrepareImportOptions } from '../../../lib/transport.js';

export interface UploadSessionDeps {
  /** The client's prepareImport: uploads (browser) or grants (Electron) the file. */
  prepare: (file: File, options: PrepareImportOptions) => Promise<ImportSource>;
  /** Removes an upload on the host; never throws (a failure leaves it to the scratch sweep). */
  discardUpload: (uploadId: string) => void;
  /** A source the preview can read while the whole file still travels (its head). */
  onPreviewable: (source: ImportSource) => void;
  onProgress: (progress: ImportProgress) => void;
}

/** Everything one picked file has sent to the host, and the way to take it all back. */
export interface UploadSession {
  /** The whole file's source; rejects with CANCELLED once the session is discarded. */
  readonly done: Promise<ImportSource>;
  /** Aborts the upload in flight and discards every upload made, or made later by a late answer. */
  discard(): void;
  /** The whole file now belongs to an import, which removes it; the head is no longer needed. */
  releaseHead(): void;
}

/**
 * Keeps the bookkeeping of a head-first upload in one place, so a cancelled dialog discards both
 * the head and the whole file, even when one of them finishes just as the user cancels.
 */
export function startUploadSession(file: File, deps: UploadSessionDeps): UploadSession {
  const abort = new AbortController();
  let discarded = false;
  let headReleased = false;
  let head: ImportSource | undefined;
  let whole: ImportSource | undefined;

  const drop = (source: ImportSource | undefined): void => {
    if (source?.kind === 'upload') deps.discardUpload(source.uploadId);
  };

  const done = deps
    .prepare(file, {
      signal: abort.signal,
      onProgress: (progress) => {
        if (!discarded) deps.onProgress(progress);
      },
      onPreviewSource: (source) => {
        if (discarded || headReleased) {
          drop(source);
          return;
        }
        head = source;
        deps.onPreviewable(source);
      },
    })
    .then((source) => {
      if (discarded) {
        // The upload finished as the user cancelled: it is nobody's now.
        drop(source);
        throw cancelledError('The upload');
      }
      whole = source;
      return source;
    });

  return {
    done,
    discard() {
      if (discarded) return;
      discarded = true;
      abort.abort();
      if (!headReleased) drop(head);
      drop(whole);
      head = undefined;
      whole = undefined;
    },
    releaseHead() {
      headReleased = true;
      drop(head);
      head = undefined;
    },
  };
}
