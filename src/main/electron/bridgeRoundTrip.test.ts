import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jobSchema, type Job, type WorkbenchBridge } from '../../shared/contract/index.js';
import { createBridge } from '../../preload/bridge.js';
import { windowCaller } from '../rpc/callers.js';
import { createWorkbench, type Workbench } from '../rpc/workbench.js';
import { registerIpc } from './ipcBridge.js';
import { appOrigin } from './security.js';
import { FakeIpcMain, FakeWindow } from './testing/fakeIpc.js';

// The preload's bridge and main's IPC handlers joined by the fake IPC: the whole Electron path of a
// user's drop, import and progress, minus the Electron binary.

let dir: string;
let workbench: Workbench;
let ipcMain: FakeIpcMain;
let appUrl: string;
let disposeIpc: () => void;
const granted = new Set<string>();
const onDisk = new Map<File, string>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-roundtrip-'));
  workbench = await createWorkbench({
    workspaceRoot: join(dir, 'workspace'),
    host: 'electron',
    appVersion: '0.0.0-test',
  });
  const origin = appOrigin();
  appUrl = origin.entryUrl;
  ipcMain = new FakeIpcMain();
  disposeIpc = registerIpc({
    ipcMain,
    router: workbench.router,
    caller: windowCaller('electron', workbench.workspace, workbench.uploads, (path) => granted.has(path)),
    isAppPage: origin.isAppPage,
    grantPath: (path) => granted.add(path),
  });
});

afterAll(async () => {
  disposeIpc();
  await workbench.dispose();
  await rm(dir, { recursive: true, force: true });
});

function openPage(window: FakeWindow): WorkbenchBridge {
  return createBridge({
    ipcRenderer: window.ipcRenderer,
    webUtils: { getPathForFile: (file) => onDisk.get(file) ?? '' },
  });
}

/** A file as the user's drop hands it to the page: a File backed by a path on disk. */
async function droppedFile(name: string, content: string): Promise<File> {
  const folder = join(dir, 'desktop');
  await mkdir(folder, { recursive: true });
  const path = join(folder, name);
  await writeFile(path, content);
  const file = new File([content], name);
  onDisk.set(file, path);
  return file;
}

/** Subscribes first, then starts the job, and collects its events until it ends. */
async function watchJob(bridge: WorkbenchBridge, start: () => Promise<string>): Promise<Job[]> {
  const seen: Job[] = [];
  const end = bridge.subscribe('jobs.updated', (payload) => seen.push(jobSchema.parse(payload)));
  await settle();
  const id = await start();
  const deadline = Date.now() + 20_000;
  while (!seen.some((job) => job.id === id && job.endedAt !== null)) {
    if (Date.now() > deadline) throw new Error(`job ${id} did not finish`);
    await settle(20);
  }
  end();
  return seen.filter((job) => job.id === id);
}

const settle = (ms = 0): Promise<void> => new Promise((done) => setTimeout(done, ms));

describe('preload bridge to main over IPC', () => {
  it('imports a dropped file by its path, with progress events, and lists it', async () => {
    const window = new FakeWindow(ipcMain, appUrl);
    const bridge = openPage(window);
    const file = await droppedFile(
      'Churn Sample.csv',
      'customer,tenure,churned\na,12,false\nb,3,true\nc,40,false\nd,7,true\n',
    );

    const path = bridge.pathForFile(file);
    expect(path).toBe(onDisk.get(file));
    const events = await watchJob(bridge, async () => {
      const started = await bridge.invoke('datasets.import', { source: { kind: 'path', path } });
      expect(started.ok).toBe(true);
      return jobSchema.parse(started.ok ? started.value : undefined).id;
    });
    expect(events.map((job) => job.status)).toContain('running');
    expect(events.at(-1)).toMatchObject({ status: 'succeeded', result: { slug: 'churn-sample' } });
    expect(window.rendererListenerCount('mlw:event')).toBe(0);

    const list = await bridge.invoke('datasets.list', {});
    expect(list).toMatchObject({
      ok: true,
      value: expect.arrayContaining([
        expect.objectContaining({
          slug: 'churn-sample',
          rows: 4,
          source: expect.objectContaining({ path }) as unknown,
        }),
      ]) as unknown,
    });
    const detail = await bridge.invoke('datasets.get', { slug: 'churn-sample' });
    expect(detail).toMatchObject({ ok: true, value: { profile: { rows: 4, columnCount: 3 } } });
  });

  it('cannot import a file the user did not hand over', async () => {
    const bridge = openPage(new FakeWindow(ipcMain, appUrl));
    const scripted = new File(['a\n1\n'], 'scripted.csv');
    await droppedFile('secret.csv', 'a\n1\n');

    expect(bridge.pathForFile(scripted)).toBe('');
    const answer = await bridge.invoke('datasets.import', {
      source: { kind: 'path', path: join(dir, 'desktop', 'secret.csv') },
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'PATH_OUTSIDE_WORKSPACE' } });
  });

  it('gives a foreign page loaded with the same preload nothing', async () => {
    const window = new FakeWindow(ipcMain, 'https://evil.example/');
    const bridge = openPage(window);
    const file = await droppedFile('bait.csv', 'a\n1\n');

    expect(bridge.pathForFile(file)).toBe('');
    expect(await bridge.invoke('system.info', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    const report = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    bridge.subscribe('jobs.updated', () => undefined);
    await settle(10);
    expect(window.rendererListenerCount('mlw:event')).toBe(0);
    expect(report).toHaveBeenCalledWith(
      expect.stringContaining('refused'),
      expect.objectContaining({ code: 'UNAUTHORIZED' }),
    );
    report.mockRestore();
    expect(granted.has(onDisk.get(file) ?? '')).toBe(false);
  });

  it('a reloaded page hears only its own subscriptions', async () => {
    const window = new FakeWindow(ipcMain, appUrl);
    const before: unknown[] = [];
    openPage(window).subscribe('jobs.updated', (payload) => before.push(payload));

    await settle();
    const reloaded = openPage(window);
    const events = await watchJob(reloaded, () =>
      Promise.resolve(
        workbench.jobs.start({ kind: 'test', title: 'after reload' }, () => Promise.resolve(1)).id,
      ),
    );
    expect(events.at(-1)?.status).toBe('succeeded');
    expect(before).toEqual([]);
  });
});
