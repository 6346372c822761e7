import {
  UPLOAD_PATH,
  WorkbenchError,
  cancelledError,
  workbenchErrorSchema,
  type ImportSource,
} from '../../shared/contract/index.js';
import { z } from 'zod';
import type { PrepareImportOptions } from './transport.js';

const uploadAnswerSchema = z.union([
  z.object({ uploadId: z.string(), sizeBytes: z.number() }),
  z.object({ error: workbenchErrorSchema }),
]);

/**
 * Sends a file to the browser host's upload endpoint. XMLHttpRequest rather than fetch because only
 * it reports upload progress, and files here can be gigabytes.
 */
export function uploadFile(file: File, options: PrepareImportOptions = {}): Promise<ImportSource> {
  const { onProgress, signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError('The upload'));
      return;
    }
    const request = new XMLHttpRequest();
    request.open('PUT', `${UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`);
    request.responseType = 'text';
    request.upload.onprogress = (event) => {
      onProgress?.({ sentBytes: event.loaded, totalBytes: event.lengthComputable ? event.total : file.size });
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
        reject(unexpectedAnswer(file.name, request.status));
      }
    };
    request.onerror = () => {
      settle();
      reject(
        new WorkbenchError({
          code: 'INTERNAL',
          message: `The upload of ${file.name} was interrupted.`,
          hint: 'Check that the workbench is still running, then choose the file again.',
        }),
      );
    };
    request.onabort = () => {
      settle();
      reject(cancelledError('The upload'));
    };
    request.send(file);
  });
}

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
