import { readFile, realpath } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/contentSecurityPolicy.js';
import { isInside } from '../services/workspace/index.js';

/**
 * The app's page is served from `app://workbench/`, not `file://`: a response of our own handler
 * always carries the CSP header (Chromium may skip header hooks for file: loads), the page has a
 * real origin instead of every local file sharing `file://`, and the file: fuse can stay off.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/**
 * What `protocol.registerSchemesAsPrivileged` needs before the app is ready: a standard, secure
 * scheme gets an origin of its own, so 'self' in the CSP, module workers and ES modules work on it.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

// Only what the renderer build emits; anything else is served as bytes the page cannot run.
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

export type AppProtocolHandler = (request: Request) => Promise<Response>;

/** Serves the built renderer folder, and nothing outside it, to `app://workbench/…` requests. */
export function appProtocolHandler(rendererDir: string): AppProtocolHandler {
  const root = resolve(rendererDir);
  const refuse = (status: number, text: string): Response =>
    new Response(text, {
      status,
      headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    const path = await fileFor(root, request.url);
    if (path === undefined) return refuse(404, 'Not found');
    let body: Buffer;
    try {
      body = await readFile(path);
    } catch {
      return refuse(404, 'Not found');
    }
    const headers = {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(body.byteLength),
    };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

/** The file under `root` a URL names, or undefined for another origin or anything that leaves it. */
async function fileFor(root: string, url: string): Promise<string | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  // A decoded backslash or NUL never names one of our files; on Windows a backslash would be a separator.
  if (name.includes('\\') || name.includes('\0')) return undefined;
  const path = resolve(join(root, name === '/' ? 'index.html' : name));
  if (!isInside(root, path)) return undefined;
  // A link inside the build folder that points out of it is refused too.
  const real = await realpath(path).catch(() => undefined);
  const realRoot = await realpath(root).catch(() => root);
  return real !== undefined && isInside(realRoot, real) ? real : undefined;
}
