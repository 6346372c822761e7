import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Job } from '../../shared/contract/jobs.js';
import type { ServerMessage } from '../../shared/contract/wire.js';
import { startBrowserHost, type BrowserHost } from './browserHost.js';

let dir: string;
let host: BrowserHost;
let base: string;
let cookie: string;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      { method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function openSocket(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/api/rpc`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function rpc(ws: WebSocket) {
  let nextId = 1;
  const waiting = new Map<number, (message: ServerMessage) => void>();
  const events: { id: number; payload: unknown }[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse((data as Buffer).toString('utf8')) as ServerMessage;
    if (message.t === 'event') events.push({ id: message.id, payload: message.payload });
    else waiting.get(message.id)?.(message);
  });
  return {
    events,
    invoke(name: string, input: unknown): Promise<ServerMessage & { t: 'result' }> {
      const id = nextId++;
      ws.send(JSON.stringify({ t: 'invoke', id, name, input }));
      return new Promise((resolve) =>
        waiting.set(id, (message) => resolve(message as ServerMessage & { t: 'result' })),
      );
    },
    subscribe(stream: string): number {
      const id = nextId++;
      ws.send(JSON.stringify({ t: 'subscribe', id, stream }));
      return id;
    },
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-server-'));
  const staticDir = join(dir, 'renderer');
  await mkdir(staticDir);
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>MLOps Workbench</title>');
  host = await startBrowserHost({ workspaceRoot: join(dir, 'ws'), staticDir });
  base = `http://127.0.0.1:${host.server.port}`;
  cookie = `mlw_token_${host.server.port}=${host.server.token}`;
});

afterAll(async () => {
  await host.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('browser host security', () => {
  it('listens on loopback only and prints a tokenised URL', () => {
    expect(host.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  });

  it('refuses a request with no token', async () => {
    const reply = await send('/');
    expect(reply.status).toBe(401);
    expect(reply.body).toContain('needs its token');
  });

  it('refuses a wrong token, in the URL, a cookie or a bearer header', async () => {
    expect((await send('/?token=deadbeef')).status).toBe(401);
    expect((await send('/', { headers: { cookie: `mlw_token_${host.server.port}=deadbeef` } })).status).toBe(
      401,
    );
    expect((await send('/', { headers: { authorization: 'Bearer deadbeef' } })).status).toBe(401);
  });

  it('trades the URL token for an HttpOnly, SameSite=Strict cookie and strips it from the address', async () => {
    const reply = await send(`/?token=${host.server.token}`);
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('/');
    expect(String(reply.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    const page = await send('/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('MLOps Workbench');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('refuses a foreign Host even with the right token (DNS rebinding)', async () => {
    const reply = await send('/', { headers: { cookie, host: `attacker.example:${host.server.port}` } });
    expect(reply.status).toBe(403);
    expect(
      (await send(`/?token=${host.server.token}`, { headers: { host: 'attacker.example' } })).status,
    ).toBe(403);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    const reply = await send('/', { headers: { cookie, origin: 'https://attacker.example' } });
    expect(reply.status).toBe(403);
    await expect(openSocket({ cookie, origin: 'https://attacker.example' })).rejects.toThrow('HTTP 403');
  });

  it('refuses a WebSocket without a token, or without an Origin', async () => {
    await expect(openSocket({ origin: base })).rejects.toThrow('HTTP 401');
    await expect(openSocket({ cookie })).rejects.toThrow('HTTP 403');
  });

  it('does not serve files outside the renderer folder', async () => {
    expect((await send('/..%2f..%2fworkbench.json', { headers: { cookie } })).status).toBe(404);
    // Dot segments collapse to /etc/passwd inside the renderer folder: the app page, never the file.
    const dotted = await send('/%2e%2e/%2e%2e/etc/passwd', { headers: { cookie } });
    expect(dotted.body).toContain('<title>MLOps Workbench</title>');
    expect(dotted.body).not.toContain('root:');
  });
});

describe('browser host contract over WebSocket', () => {
  it('answers procedures and maps bad input and unknown names to typed errors', async () => {
    const ws = await openSocket({ cookie, origin: base });
    const client = rpc(ws);
    const info = await client.invoke('system.info', {});
    expect(info.envelope).toMatchObject({
      ok: true,
      value: { host: 'browser', workspace: host.workbench.workspace.root },
    });
    const bad = await client.invoke('datasets.get', { slug: '../../etc' });
    expect(bad.envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const unknown = await client.invoke('system.shutdown', {});
    expect(unknown.envelope).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    ws.close();
  });

  it('confines a window to the workspace: a path outside it is refused', async () => {
    const ws = await openSocket({ cookie, origin: base });
    const outside = await rpc(ws).invoke('datasets.import', {
      source: { kind: 'path', path: '/etc/passwd' },
    });
    expect(outside.envelope).toMatchObject({ ok: false, error: { code: 'PATH_OUTSIDE_WORKSPACE' } });
    ws.close();
  });

  it('imports an uploaded CSV and streams the job to completion', async () => {
    const upload = await send('/api/upload?name=iris%20sample.csv', {
      method: 'PUT',
      headers: { cookie, origin: base, 'content-type': 'text/csv' },
      body: 'sepal_length,species\n5.1,setosa\n7.0,versicolor\n6.3,virginica\n',
    });
    expect(upload.status).toBe(200);
    const { uploadId } = JSON.parse(upload.body) as { uploadId: string };

    const ws = await openSocket({ cookie, origin: base });
    const client = rpc(ws);
    const subscription = client.subscribe('jobs.updated');
    const started = await client.invoke('datasets.import', { source: { kind: 'upload', uploadId } });
    expect(started.envelope.ok).toBe(true);
    const jobId = (started.envelope as { value: Job }).value.id;
    await expect
      .poll(() =>
        client.events
          .filter((e) => e.id === subscription)
          .map((e) => e.payload as Job)
          .find((job) => job.id === jobId && job.status === 'succeeded'),
      )
      .toBeTruthy();
    const list = await client.invoke('datasets.list', {});
    expect(list.envelope).toMatchObject({
      ok: true,
      value: [{ slug: 'iris-sample', rows: 3, source: { path: null } }],
    });
    ws.close();
  });

  it('discards an upload the user decided not to import', async () => {
    const upload = await send('/api/upload?name=second%20thoughts.csv', {
      method: 'PUT',
      headers: { cookie, origin: base },
      body: 'a,b\n1,2\n',
    });
    const { uploadId } = JSON.parse(upload.body) as { uploadId: string };
    const ws = await openSocket({ cookie, origin: base });
    const client = rpc(ws);
    expect((await client.invoke('datasets.discardUpload', { uploadId })).envelope).toEqual({
      ok: true,
      value: { discarded: true },
    });
    const after = await client.invoke('datasets.import', { source: { kind: 'upload', uploadId } });
    expect(after.envelope).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    ws.close();
  });

  it('previews the head of a file sent ahead of it, but never imports that head', async () => {
    const upload = await send('/api/upload?name=orders.csv&part=head', {
      method: 'PUT',
      headers: { cookie, origin: base },
      // Cut inside a quoted field, as Blob.slice cuts a file anywhere.
      body: 'id,note\n1,"ok"\n2,"fine"\n3,"cut in the mid',
    });
    expect(upload.status).toBe(200);
    const { uploadId } = JSON.parse(upload.body) as { uploadId: string };
    const ws = await openSocket({ cookie, origin: base });
    const client = rpc(ws);
    const preview = await client.invoke('datasets.preview', { source: { kind: 'upload', uploadId } });
    expect(preview.envelope).toMatchObject({
      ok: true,
      value: {
        fileName: 'orders.csv',
        rows: [
          ['1', 'ok'],
          ['2', 'fine'],
        ],
      },
    });
    const imported = await client.invoke('datasets.import', { source: { kind: 'upload', uploadId } });
    expect(imported.envelope).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringContaining('only the head of orders.csv') as unknown,
      },
    });
    await client.invoke('datasets.discardUpload', { uploadId });
    ws.close();
  });

  it('refuses an unknown upload part, and a head bigger than a preview needs', async () => {
    const unknown = await send('/api/upload?name=x.csv&part=tail', {
      method: 'PUT',
      headers: { cookie, origin: base },
      body: 'a\n1\n',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('unknown part');
    const huge = await send('/api/upload?name=x.csv&part=head', {
      method: 'PUT',
      headers: { cookie, origin: base },
      body: 'a\n'.repeat(8 * 1024 * 1024 + 1),
    });
    expect(huge.status).toBe(400);
    expect(JSON.parse(huge.body)).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });

  it('refuses an upload without an Origin (no cross-site form posts)', async () => {
    const reply = await send('/api/upload?name=x.csv', {
      method: 'PUT',
      headers: { cookie },
      body: 'a\n1\n',
    });
    expect(reply.status).toBe(403);
  });
});
