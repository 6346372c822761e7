import type { IncomingMessage, ServerResponse } from 'node:http';
import { WorkbenchError, isWorkbenchError } from '../../shared/contract/errors.js';
import { UPLOAD_HEAD_MAX_BYTES, UPLOAD_HEAD_PART } from '../../shared/contract/wire.js';
import type { UploadStore } from '../services/workspace/index.js';

/**
 * PUT /api/upload?name=<file name>, body = the raw file; with `&part=head`, the body is only the file's
 * first bytes, kept for a preview. Answers { uploadId, sizeBytes } or { error }.
 */
export async function handleUpload(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  uploads: UploadStore,
): Promise<void> {
  const json = (status: number, body: unknown): void => {
    response
      .writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
      .end(JSON.stringify(body));
  };
  if (request.method !== 'PUT') {
    json(405, { error: { code: 'INVALID_INPUT', message: 'Uploads use PUT.' } });
    return;
  }
  const name = url.searchParams.get('name')?.trim();
  if (!name) {
    json(400, {
      error: {
        code: 'INVALID_INPUT',
        message: 'The upload has no file name.',
        hint: 'Add ?name=<file name>.',
      },
    });
    return;
  }
  const part = url.searchParams.get('part');
  if (part !== null && part !== UPLOAD_HEAD_PART) {
    json(400, {
      error: {
        code: 'INVALID_INPUT',
        message: `The upload names an unknown part "${part}".`,
        hint: `Leave out part, or send part=${UPLOAD_HEAD_PART} for the head of a file.`,
      },
    });
    return;
  }
  const headOnly = part === UPLOAD_HEAD_PART;
  try {
    json(
      200,
      await uploads.receive(request, name, headOnly ? { headOnly, maxBytes: UPLOAD_HEAD_MAX_BYTES } : {}),
    );
  } catch (error) {
    const shaped = isWorkbenchError(error)
      ? error
      : new WorkbenchError({
          code: 'INTERNAL',
          message: `The upload of ${name} failed: ${error instanceof Error ? error.message : String(error)}.`,
          hint: 'Check free disk space in the workspace and try again.',
        });
    json(shaped.code === 'INTERNAL' ? 500 : 400, { error: shaped.toShape() });
  }
}
