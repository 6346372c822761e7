import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(24).toString('hex');
}

export function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The cookie is per port, so two workbenches on one machine do not overwrite each other's. */
export function cookieName(port: number): string {
  return `mlw_token_${port}`;
}

export function readCookie(request: IncomingMessage, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
}

/** Names this server answers to. Anything else in Host is a DNS-rebinding attempt. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([...allowedHosts(port)].map((host) => `http://${host}`));
}

export type RequestVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/**
 * Every request must name this server in Host, come from this server's own page if it has an Origin,
 * and carry the token (cookie or bearer). Browsers always send Origin on WebSocket upgrades and on
 * cross-origin or non-GET fetches, so a foreign page is refused before its token is even checked.
 */
export function checkRequest(
  request: IncomingMessage,
  options: { port: number; token: string; requireOrigin: boolean },
): RequestVerdict {
  const host = request.headers.host ?? '';
  if (!allowedHosts(options.port).has(host))
    return { ok: false, status: 403, reason: `Host "${host}" is not this workbench` };
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedOrigins(options.port).has(origin)) {
    return { ok: false, status: 403, reason: `Origin "${origin}" may not use this workbench` };
  }
  if (options.requireOrigin && origin === undefined)
    return { ok: false, status: 403, reason: 'Origin header missing' };
  const presented = readCookie(request, cookieName(options.port)) ?? bearerToken(request);
  if (presented === undefined) return { ok: false, status: 401, reason: 'no token' };
  if (!tokensEqual(presented, options.token)) return { ok: false, status: 401, reason: 'wrong token' };
  return { ok: true };
}
