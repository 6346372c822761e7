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
 *
 * With a Content-Length, the body is read into one buffer of that size, placed so that its byte
 * `alignAt` (where binary tensors start) falls on an 8-byte boundary: typed arrays can then view the
 * tensors where they lie, and a large body costs one allocation instead of its chunks, their
 * concatenation and an aligned copy.
 */
export function readBody(req: IncomingMessage, limit: number, alignAt = 0): Promise<Buffer> {
  if (declaredTooLarge(req, limit)) return Promise.reject(tooLarge(limit));
  const declared = Number(req.headers['content-length']);
  const into = Number.isSafeInteger(declared) && declared > 0 ? placed(declared, alignAt) : undefined;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      // Node's parser never gives more than Content-Length, which is within the limit.
      if (into) {
        size += chunk.copy(into, size);
        return;
      }
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData).off('end', onEnd);
      req.resume();
      reject(tooLarge(limit));
    };
    const onEnd = () => resolve(into ? into.subarray(0, size) : Buffer.concat(chunks, size));
    // 'close' after 'end' settles nothing: the promise is already resolved.
    const onClose = () =>
      reject(badRequest('The client closed the connection before the whole body arrived.'));
    req.on('data', onData).on('end', onEnd).on('error', reject).on('close', onClose);
  });
}

function placed(length: number, alignAt: number): Buffer {
  const shift = Number.isSafeInteger(alignAt) && alignAt > 0 ? (8 - (alignAt % 8)) % 8 : 0;
  return Buffer.from(new ArrayBuffer(length + shift), shift, length);
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
