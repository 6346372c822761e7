import {
  UPLOAD_HEAD_PART,
  UPLOAD_PATH,
  WorkbenchError,
  cancelledError,
  isCancellation,
  workbenchErrorSchema,
  type ImportSource,
} from '../../shared/contract/index.js';
import { z } from 'zod';
import type { ImportProgress, PrepareImportOptions } from './transport.js';

/** Past this size a text file goes head first, so the import dialog need not wait for all of it. */
export const HEAD_FIRST_ABOVE_BYTES = 8 * 1024 * 1024;
/** The head sent ahead: the host previews the first MiB of a big file either way. */
export const HEAD_BYTES = 1024 * 1024;
/** Files read line by line, whose head reads like the file; a Parquet footer or JSON array needs it all. */
const LINE_BASED = /\.(csv|tsv|tab|txt|ndjson|jsonl)$/i;

export interface PutOptions {
  /** The body is only the head of the file named. */
  head?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
}

/** Sends one body to the upload endpoint and answers the upload it became. */
export type PutUpload = (body: Blob, fileName: string, options: PutOptions) => Promise<ImportSource>;

/**
 * Turns a file into an upload. A big text file goes in two steps: its first MiB, handed to
 * `onPreviewSource` at once, then the whole file with progress. A head that fails to go is no
 * reason to stop: the preview then waits for the whole file, as it did before heads existed.
 */
export function createUploader(put: PutUpload) {
  return async (file: File, options: PrepareImportOptions = {}): Promise<ImportSource> => {
    const { onPreviewSource, onProgress, signal } = options;
    if (onPreviewSource && file.size > HEAD_FIRST_ABOVE_BYTES && LINE_BASED.test(file.name)) {
      const head = await put(file.slice(0, HEAD_BYTES), file.name, {
        head: true,
        ...(signal ? { signal } : {}),
      }).catch((error: unknown) => {
        if (isCancellation(error) || signal?.aborted) throw error;
        return undefined;
      });
      if (head) onPreviewSource(head);
    }
    return put(file, file.name, { ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}) });
  };
}

const uploadAnswerSchema = z.union([
  z.object({ uploadId: z.string(), sizeBytes: z.number() }),
  z.object({ error: workbenchErrorSchema }),
]);

/**
 * One PUT to the browser host's upload endpoint. XMLHttpRequest rather than fetch because only it
 * reports upload progress, and files here can be gigabytes.
 */
export const putUpload: PutUpload = (body, fileName, options) => {
  const { onProgress, signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError('The upload'));
      return;
    }
    const request = new XMLHttpRequest();
    const part = options.head ? `&part=${UPLOAD_HEAD_PART}` : '';
    request.open('PUT', `${UPLOAD_PATH}?name=${encodeURIComponent(fileName)}${part}`);
    request.responseType = 'text';
    request.upload.onprogress = (event) => {
      onProgress?.({ sentBytes: event.loaded, totalBytes: event.lengthComputable ? event.total : body.size });
    };
    const onAbort = (): void => request.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (): void => signal?.removeEventListener('abort', onAbort);
    request.onload = () => {
      settle();
      const answer = parseAnswer(request.responseText);
      if (request.status === 200 && answer && 'uploadId' in answer) {
        resolve({ kind: 'upload', uploadId: answer.uploadId });
      } else if (answer && 'error' in answer) {
        reject(new WorkbenchError(answer.error));
      } else {
        reject(unexpectedAnswer(fileName, request.status));
      }
    };
    request.onerror = () => {
      settle();
      reject(
        new WorkbenchError({
          code: 'INTERNAL',
          message: `The upload of ${fileName} was interrupted.`,
          hint: 'Check that the workbench is still running, then choose the file again.',
        }),
      );
    };
    request.onabort = () => {
      settle();
      reject(cancelledError('The upload'));
    };
    request.send(body);
  });
};

/** Sends a file to the browser host, head first when that lets the preview start early. */
export const uploadFile = createUploader(putUpload);

function parseAnswer(text: string): z.infer<typeof uploadAnswerSchema> | undefined {
  try {
    const parsed = uploadAnswerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function unexpectedAnswer(fileName: string, status: number): WorkbenchError {
  return new WorkbenchError({
    code: 'INTERNAL',
    message: `The host answered the upload of ${fileName} with HTTP ${status} and no explanation.`,
    hint: 'Reload the window; if it persists, the window and the host are from different versions.',
  });
}
