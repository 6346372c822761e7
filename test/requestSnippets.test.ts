import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  curlSnippet,
  pythonSnippet,
  typescriptSnippet,
  type SnippetRequest,
} from '../src/shared/containers/requestSnippets.js';

const run = promisify(execFile);
const python = '/usr/bin/python3';

interface Received {
  method: string | undefined;
  path: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

/** The Try tab's "Copy as" snippets, run as a user would paste them, against a server that records what arrives. */
describe('request snippets run as written', () => {
  let server: Server;
  let url: string;
  let folder: string;
  const received: Received[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'mlw-snippets-'));
    server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        received.push({ method: request.method, path: request.url, headers: request.headers, body });
        response.setHeader('Content-Type', 'application/json');
        response.end('{"outputs": {"y": {"shape": [1, 3], "data": [0.09, 0.24, 0.67]}}}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(folder, { recursive: true, force: true });
  });

  // Quotes, a backslash, non-ASCII and JSON's literals: what a shell or a language could get wrong.
  const body = `{"inputs": {"x": {"shape": [1, 3], "data": [0.1, -2e-7, 3]}}, "note": "it's \\"q\\" \\\\ é", "flags": [true, false, null]}`;
  const env = { ...process.env, MLW_API_KEY: 'k3y-from-the-environment' };
  const runners: [string, (request: SnippetRequest) => Promise<string>][] = [
    ['curl', async (request) => (await run('bash', ['-c', curlSnippet(request)], { env })).stdout],
    ['Python', async (request) => (await run(python, ['-c', pythonSnippet(request)], { env })).stdout],
    [
      'TypeScript',
      async (request) => {
        // The snippet is TypeScript that is also plain JavaScript, so Node runs it as a module.
        const file = join(folder, `snippet-${received.length}.mjs`);
        await writeFile(file, typescriptSnippet(request));
        return (await run(process.execPath, [file], { env })).stdout;
      },
    ],
  ];

  for (const [language, runSnippet] of runners) {
    it(`${language}: a POST with the body byte-equal in meaning and the key from $MLW_API_KEY`, async () => {
      const before = received.length;
      const output = await runSnippet({ url, method: 'POST', path: '/predict', body, auth: true });
      const request = received[before]!;
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/predict');
      expect(request.headers.authorization).toBe('Bearer k3y-from-the-environment');
      expect(request.headers['content-type']).toBe('application/json');
      expect(JSON.parse(request.body)).toEqual(JSON.parse(body));
      expect(output).toMatch(/0\.67/);
    });

    it(`${language}: a GET without auth sends no body and no key`, async () => {
      const before = received.length;
      await runSnippet({ url, method: 'GET', path: '/metadata', auth: false });
      const request = received[before]!;
      expect(request.method).toBe('GET');
      expect(request.path).toBe('/metadata');
      expect(request.headers.authorization).toBeUndefined();
      expect(request.body).toBe('');
    });
  }
});
