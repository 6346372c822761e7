import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ipcChannels, jobSchema, type Job, type ResultEnvelope } from '../../shared/contract/index.js';
import { windowCaller } from '../rpc/callers.js';
import type { Router } from '../rpc/router.js';
import { createWorkbench, type Workbench } from '../rpc/workbench.js';
import { registerIpc } from './ipcBridge.js';
import { appOrigin } from './security.js';
import { FakeIpcMain, FakeWindow } from './testing/fakeIpc.js';

let dir: string;
let workbench: Workbench;
let appUrl: string;
let isAppPage: (url: string) => boolean;
const internalErrors: unknown[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-ipc-'));
  workbench = await createWorkbench({
    workspaceRoot: join(dir, 'workspace'),
    host: 'electron',
    appVersion: '9.9.9-test',
    reportInternalError: (error) => internalErrors.push(error),
  });
  const origin = appOrigin();
  appUrl = origin.entryUrl;
  isAppPage = origin.isAppPage;
});

afterAll(async () => {
  await workbench.dispose();
  await rm(dir, { recursive: true, force: true });
});

let ipcMain: FakeIpcMain;
let granted: Set<string>;
let refused: string[];
let activeSubscriptions: number;
let dispose: () => void;

/** The real router, counting live stream subscriptions so cleanup is observable. */
function countingRouter(router: Router): Router {
  return {
    invoke: (name, input, caller) => router.invoke(name, input, caller),
    subscribe(stream, listener) {
      const end = router.subscribe(stream, listener);
      activeSubscriptions += 1;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        activeSubscriptions -= 1;
        end();
      };
    },
  };
}

beforeEach(() => {
  ipcMain = new FakeIpcMain();
  granted = new Set();
  refused = [];
  activeSubscriptions = 0;
  dispose = registerIpc({
    ipcMain,
    router: countingRouter(workbench.router),
    caller: windowCaller('electron', workbench.workspace, workbench.uploads, (path) => granted.has(path)),
    isAppPage,
    grantPath: (path) => granted.add(path),
    onRefused: (channel, url) => refused.push(`${channel} ${url}`),
  });
});

afterEach(() => dispose());

const invoke = (window: FakeWindow, name: string, input: unknown = {}): Promise<ResultEnvelope> =>
  window.ipcRenderer.invoke(ipcChannels.invoke, name, input) as Promise<ResultEnvelope>;
const subscribe = (window: FakeWindow, id: string, stream = 'jobs.updated'): Promise<ResultEnvelope> =>
  window.ipcRenderer.invoke(ipcChannels.subscribe, id, stream) as Promise<ResultEnvelope>;

function jobEvents(window: FakeWindow, id: string): Job[] {
  return window.sent
    .filter((m) => m.channel === ipcChannels.event && m.args[0] === id)
    .map((m) => jobSchema.parse(m.args[1]));
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

async function csvOutsideWorkspace(name: string): Promise<string> {
  const folder = join(dir, 'downloads');
  await mkdir(folder, { recursive: true });
  const path = join(folder, name);
  await writeFile(path, 'id,score\n1,0.5\n2,0.75\n3,0.25\n');
  return path;
}

describe('Electron IPC bridge over a real workbench', () => {
  it('answers system.info and datasets.list from the real services', async () => {
    const window = new FakeWindow(ipcMain, appUrl);

    const info = await invoke(window, 'system.info');
    expect(info).toEqual({
      ok: true,
      value: expect.objectContaining({
        host: 'electron',
        appVersion: '9.9.9-test',
        workspace: workbench.workspace.root,
      }) as unknown,
    });
    const list = await invoke(window, 'datasets.list');
    expect(list.ok).toBe(true);
    expect(list.ok && Array.isArray(list.value)).toBe(true);
  });

  it.each([
    [
      'a page from the web',
      (w: FakeWindow) => (w.senderFrame = { url: 'https://evil.example/', parent: null }),
    ],
    [
      'the built index.html as a file: URL (the app is served from app: now)',
      (w: FakeWindow) =>
        (w.senderFrame = {
          url: pathToFileURL(join(dir, 'app', 'renderer', 'index.html')).href,
          parent: null,
        }),
    ],
    [
      'a dev-server-like origin that is not configured',
      (w: FakeWindow) => (w.senderFrame = { url: 'http://localhost:5173/', parent: null }),
    ],
    [
      "a subframe showing the app's own page",
      (w: FakeWindow) => (w.senderFrame = { url: appUrl, parent: { url: appUrl, parent: null } }),
    ],
    ['a frame that is already gone', (w: FakeWindow) => (w.senderFrame = null)],
  ])('refuses every channel from %s', async (_what, makeForeign) => {
    const window = new FakeWindow(ipcMain, appUrl);
    makeForeign(window);
    const path = await csvOutsideWorkspace('foreign.csv');

    for (const answer of [
      await invoke(window, 'system.info'),
      await invoke(window, 'datasets.import', { source: { kind: 'path', path } }),
      await subscribe(window, 'page-1:1'),
      (await window.ipcRenderer.invoke(ipcChannels.unsubscribe, 'page-1:1')) as ResultEnvelope,
    ]) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(window.ipcRenderer.sendSync(ipcChannels.grantPath, path)).toBe(false);
    expect(granted.size).toBe(0);
    expect(activeSubscriptions).toBe(0);
    expect(refused).toHaveLength(5);
    expect(
      workbench.jobs.list().filter((job) => job.kind.includes('import') && job.title.includes('foreign')),
    ).toEqual([]);
  });

  it('refuses names the contract does not declare, and input that breaks it', async () => {
    const window = new FakeWindow(ipcMain, appUrl);

    for (const name of ['system.shutdown', '__proto__', 'constructor', 'toString', 42]) {
      expect(await window.ipcRenderer.invoke(ipcChannels.invoke, name, {})).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    for (const stream of ['jobs.everything', '__proto__', 'datasets.list', null]) {
      expect(await window.ipcRenderer.invoke(ipcChannels.subscribe, 'page-1:1', stream)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    for (const id of ['1', 'page', 'page:x', 'pa ge:1', 7, null]) {
      expect(await window.ipcRenderer.invoke(ipcChannels.subscribe, id, 'jobs.updated')).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(await invoke(window, 'datasets.get', { slug: '../../etc' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(activeSubscriptions).toBe(0);
    expect(refused).toEqual([]);
  });

  it('grants only absolute, normalized paths', () => {
    const window = new FakeWindow(ipcMain, appUrl);
    const grant = (path: unknown): unknown => window.ipcRenderer.sendSync(ipcChannels.grantPath, path);

    expect(grant('/home/user/data.csv')).toBe(true);
    for (const bad of [
      '',
      'data.csv',
      './data.csv',
      '/home/user/../../etc/passwd',
      '/home/user//data.csv',
      '/a\0b',
      42,
      null,
      'x'.repeat(5000),
    ]) {
      expect(grant(bad)).toBe(false);
    }
    expect([...granted]).toEqual(['/home/user/data.csv']);
  });

  it('imports a file outside the workspace only once the path was granted, and forwards its job events', async () => {
    const window = new FakeWindow(ipcMain, appUrl);
    const path = await csvOutsideWorkspace('scores.csv');
    expect(await subscribe(window, 'page-1:1')).toEqual({ ok: true, value: null });

    expect(await invoke(window, 'datasets.import', { source: { kind: 'path', path } })).toMatchObject({
      ok: false,
      error: { code: 'PATH_OUTSIDE_WORKSPACE' },
    });

    expect(window.ipcRenderer.sendSync(ipcChannels.grantPath, path)).toBe(true);
    const started = await invoke(window, 'datasets.import', {
      source: { kind: 'path', path },
      name: 'Scores',
    });
    expect(started.ok).toBe(true);
    const job = jobSchema.parse(started.ok ? started.value : undefined);

    await until(
      () => jobEvents(window, 'page-1:1').some((e) => e.id === job.id && e.status === 'succeeded'),
      'the import to succeed',
    );
    const statuses = jobEvents(window, 'page-1:1')
      .filter((e) => e.id === job.id)
      .map((e) => e.status);
    expect(statuses.at(-1)).toBe('succeeded');
    expect(statuses).toContain('running');

    const list = await invoke(window, 'datasets.list');
    expect(list).toMatchObject({
      ok: true,
      value: expect.arrayContaining([expect.objectContaining({ slug: 'scores', rows: 3 })]) as unknown,
    });
    expect(internalErrors).toEqual([]);
  });

  it('ends all subscriptions of a window when it is destroyed', async () => {
    const window = new FakeWindow(ipcMain, appUrl);
    const other = new FakeWindow(ipcMain, appUrl);
    expect(await subscribe(window, 'page-1:1')).toMatchObject({ ok: true });
    expect(await subscribe(window, 'page-1:2')).toMatchObject({ ok: true });
    expect(await subscribe(other, 'page-2:1')).toMatchObject({ ok: true });
    expect(activeSubscriptions).toBe(3);

    window.destroy();
    expect(activeSubscriptions).toBe(1);
    expect(window.destroyedListenerCount()).toBe(0);

    const job = workbench.jobs.start({ kind: 'test', title: 'after destroy' }, () => Promise.resolve(1));
    await workbench.jobs.wait(job.id);
    await until(
      () => jobEvents(other, 'page-2:1').some((e) => e.id === job.id && e.status === 'succeeded'),
      'the other window to hear',
    );
    expect(jobEvents(window, 'page-1:1').filter((e) => e.id === job.id)).toEqual([]);
  });

  it("ends the old page's subscriptions when the window loads a new page", async () => {
    const window = new FakeWindow(ipcMain, appUrl);
    expect(await subscribe(window, 'old-page:1')).toMatchObject({ ok: true });
    expect(await subscribe(window, 'old-page:2')).toMatchObject({ ok: true });
    expect(await subscribe(window, 'new-page:1')).toMatchObject({ ok: true });
    expect(activeSubscriptions).toBe(1);

    const job = workbench.jobs.start({ kind: 'test', title: 'after reload' }, () => Promise.resolve(1));
    await workbench.jobs.wait(job.id);
    await until(
      () => jobEvents(window, 'new-page:1').some((e) => e.id === job.id && e.status === 'succeeded'),
      'the new page to hear',
    );
    expect(jobEvents(window, 'old-page:1').filter((e) => e.id === job.id)).toEqual([]);
  });

  it('unsubscribes one id, refuses a duplicate id, and tolerates unknown ids', async () => {
    const window = new FakeWindow(ipcMain, appUrl);
    expect(await subscribe(window, 'page-1:1')).toMatchObject({ ok: true });
    expect(await subscribe(window, 'page-1:1')).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_EXISTS' },
    });
    expect(await subscribe(window, 'page-1:2')).toMatchObject({ ok: true });
    expect(activeSubscriptions).toBe(2);

    expect(await window.ipcRenderer.invoke(ipcChannels.unsubscribe, 'page-1:1')).toEqual({
      ok: true,
      value: null,
    });
    expect(await window.ipcRenderer.invoke(ipcChannels.unsubscribe, 'page-1:1')).toEqual({
      ok: true,
      value: null,
    });
    expect(await window.ipcRenderer.invoke(ipcChannels.unsubscribe, { not: 'an id' })).toEqual({
      ok: true,
      value: null,
    });
    expect(activeSubscriptions).toBe(1);
  });

  it('removes every handler and subscription when disposed', async () => {
    const window = new FakeWindow(ipcMain, appUrl);
    expect(await subscribe(window, 'page-1:1')).toMatchObject({ ok: true });

    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(ipcMain.syncListeners.size).toBe(0);
    expect(activeSubscriptions).toBe(0);
    expect(window.destroyedListenerCount()).toBe(0);
    await expect(invoke(window, 'system.info')).rejects.toThrow(/No handler registered/);
    dispose = () => undefined;
  });
});
