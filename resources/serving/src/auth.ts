import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether a request carries `Authorization: Bearer <key>`. Both sides are hashed first, so the
 * comparison takes the same time whatever the length or content of what was sent.
 */
export function createKeyCheck(key: string): (headers: IncomingHttpHeaders) => boolean {
  const expected = digest(key);
  return (headers) => {
    const match = /^Bearer +(.+?) *$/i.exec(headers.authorization ?? '');
    return timingSafeEqual(digest(match?.[1] ?? ''), expected) && match !== null;
  };
}
