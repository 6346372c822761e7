import type { IncomingMessage } from 'node:http';
import { HttpError, badRequest } from './httpError.js';
import { describeJsonError } from './jsonSyntax.js';

export function tooLarge(limit: number): HttpError {
  return new HttpError(
    413,
    `The request body is larger than ${limit} bytes, the server's limit (MAX_BODY_BYTES); send fewer rows per request or raise MAX_BODY_BYTES.`,
    // The rest of the body is not read, so the connection cannot carry another request.
    { Connection: 'close' },
  );
}

/** The declared Content-Length when it is over `limit`, so the body can be refused before it is read. */
export function declaredTooLarge(req: IncomingMessage, limit: number): boolean {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > limit;
}

/**
 * The whole body, refused with 413 as soon as it passes `limit` bytes. The rest is then read and
 * dropped rather than the stream destroyed, which would take the socket and the 413 reply with it.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (declaredTooLarge(req, limit)) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData).off('end', onEnd);
      req.resume();
      reject(tooLarge(limit));
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    // 'close' after 'end' settles nothing: the promise is already resolved.
    const onClose = () =>
      reject(badRequest('The client closed the connection before the whole body arrived.'));
    req.on('data', onData).on('end', onEnd).on('error', reject).on('close', onClose);
  });
}

/** The body as JSON; a syntax error names its line, column and character. */
export function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') throw badRequest('The request body is empty: send a JSON object.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest(`The request body is not valid JSON: ${describeJsonError(text)}.`);
  }
}
