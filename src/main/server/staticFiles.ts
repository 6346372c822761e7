import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
};

/**
 * Serves the built renderer. Unknown paths without an extension get index.html, so a reload on a
 * client-side route works; anything that resolves outside the folder is a 404.
 */
export async function serveStatic(rootDir: string, urlPath: string, response: ServerResponse): Promise<void> {
  const root = resolve(rootDir);
  const decoded = safeDecode(urlPath);
  const wanted = decoded === undefined ? undefined : resolve(root, `.${normalize(`/${decoded}`)}`);
  if (wanted === undefined || (wanted !== root && !wanted.startsWith(`${root}${sep}`))) {
    response.writeHead(404).end();
    return;
  }
  const file = await pickFile(root, wanted);
  if (!file) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': MIME_TYPES[extname(file.path)] ?? 'application/octet-stream',
    'Content-Length': file.size,
  });
  createReadStream(file.path).pipe(response);
}

async function pickFile(root: string, wanted: string): Promise<{ path: string; size: number } | undefined> {
  const candidates = extname(wanted) === '' ? [wanted, join(root, 'index.html')] : [wanted];
  for (const path of candidates) {
    const facts = await stat(path).catch(() => undefined);
    if (facts?.isFile()) return { path, size: facts.size };
  }
  return undefined;
}

function safeDecode(path: string): string | undefined {
  try {
    const decoded = decodeURIComponent(path);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}
