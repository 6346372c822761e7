import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/contentSecurityPolicy.js';
import { appProtocolHandler, type AppProtocolHandler } from './appProtocol.js';

let dir: string;
let handle: AppProtocolHandler;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-app-protocol-'));
  const renderer = join(dir, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(renderer, 'assets', 'font.woff2'), 'woff');
  await writeFile(join(renderer, 'assets', 'blob.xyz'), 'bytes');
  await writeFile(join(dir, 'secret.txt'), 'outside the renderer');
  await symlink(join(dir, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
  handle = appProtocolHandler(renderer);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('the app: protocol handler', () => {
  it('serves the page and its assets with their types and the CSP header on every response', async () => {
    for (const [url, type, body] of [
      ['app://workbench/index.html', 'text/html; charset=utf-8', '<!doctype html><title>app</title>'],
      ['app://workbench/', 'text/html; charset=utf-8', '<!doctype html><title>app</title>'],
      ['app://workbench/assets/index-abc.js?v=1#x', 'text/javascript; charset=utf-8', 'console.log(1)'],
      ['app://workbench/assets/font.woff2', 'font/woff2', 'woff'],
      ['app://workbench/assets/blob.xyz', 'application/octet-stream', 'bytes'],
    ] as const) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe(type);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(await response.text(), url).toBe(body);
    }
    const head = await get('app://workbench/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it.each([
    ['a parent path', 'app://workbench/../secret.txt'],
    ['an encoded parent path', 'app://workbench/%2e%2e/secret.txt'],
    ['an encoded slash and parent', 'app://workbench/assets%2f..%2f..%2fsecret.txt'],
    ['an encoded backslash', 'app://workbench/..%5csecret.txt'],
    ['an encoded NUL', 'app://workbench/index.html%00.js'],
    ['a malformed escape', 'app://workbench/%E0%A4%A'],
    ['an absolute path in the path', 'app://workbench//etc/passwd'],
    ['a link that points out of the folder', 'app://workbench/assets/link.txt'],
    ['a missing file', 'app://workbench/assets/none.js'],
    ['a folder', 'app://workbench/assets'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'https://workbench/index.html'],
  ])('refuses %s with 404 and no content of the file', async (_case, url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('Not found');
  });

  it('answers only GET and HEAD', async () => {
    const response = await get('app://workbench/index.html', 'POST');
    expect(response.status).toBe(405);
  });
});
