import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildDataWorker } from '../services/duckdb/testing/buildDataWorker.js';
import { readLastWorkspace, rememberWorkspace } from './lastWorkspace.js';
import { ipcChannels, jobSchema, type ResultEnvelope } from '../../shared/contract/index.js';
import { CONTENT_SECURITY_POLICY } from './security.js';
import { FakeElectron, fakeElectronModule } from './testing/fakeElectron.js';
import { FakeWindow } from './testing/fakeIpc.js';

// The entry file run against a stand-in 'electron' module: what it wires, in what order, and how it
// ends. The real module is never loaded (there is no binary here).

let dir: string;
const savedArgv = process.argv;
const savedRendererUrl = process.env.ELECTRON_RENDERER_URL;
let monitorsBefore: unknown[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-main-'));
  monitorsBefore = process.listeners('uncaughtExceptionMonitor');
  delete process.env.ELECTRON_RENDERER_URL;
  // The entry echoes its log to stderr in development; the log file itself is what matters here.
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  vi.resetModules();
});

afterEach(async () => {
  process.argv = savedArgv;
  if (savedRendererUrl === undefined) delete process.env.ELECTRON_RENDERER_URL;
  else process.env.ELECTRON_RENDERER_URL = savedRendererUrl;
  for (const listener of process.listeners('uncaughtExceptionMonitor')) {
    if (!monitorsBefore.includes(listener)) process.off('uncaughtExceptionMonitor', listener);
  }
  vi.doUnmock('electron');
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

let dataWorker: string;
beforeAll(async () => {
  dataWorker = await buildDataWorker();
});

async function startApp(args: string[], fake = new FakeElectron()): Promise<FakeElectron> {
  fake.app.paths.set('logs', join(dir, 'logs'));
  fake.workerEntries.set('dataWorker.js', dataWorker);
  process.argv = ['/usr/bin/electron', '/app/out/main/index.js', ...args];
  vi.doMock('electron', () => fakeElectronModule(fake));
  await import('./main.js');
  return fake;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 10));
  }
}

describe('Electron entry', () => {
  it('sandboxes, locks, opens the workspace and serves the window over checked IPC; quitting cleans up', async () => {
    const workspace = join(dir, 'workspace');
    const fake = await startApp(['--workspace', workspace, '--user-data-dir', join(dir, 'user-data')]);
    await until(() => fake.windows.length === 1, 'the window');

    // The scheme is privileged before the app is ready, and the built files are served by our handler.
    expect(fake.calls.slice(0, 4)).toEqual([
      'setPath userData',
      'enableSandbox',
      'registerSchemesAsPrivileged app',
      'requestSingleInstanceLock',
    ]);
    const loaded = fake.calls.find((call) => call.startsWith('loadURL '))?.slice('loadURL '.length) ?? '';
    expect(loaded).toBe('app://workbench/index.html');
    expect(fake.calls).toContain('protocol.handle app');
    const [window] = fake.windows;
    expect(window?.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    expect(fake.menu.map((item) => item.label ?? item.role)).toEqual(['&File', '&View', '&Help']);
    expect(await readLastWorkspace(join(dir, 'user-data'))).toBe(await realpath(workspace));

    // The app's page may call; the same page in a subframe may not.
    const page = new FakeWindow(fake.ipcMain, loaded);
    const info = (await page.ipcRenderer.invoke(ipcChannels.invoke, 'system.info', {})) as ResultEnvelope;
    expect(info).toMatchObject({
      ok: true,
      value: { host: 'electron', workspace: await realpath(workspace) },
    });
    const framed = new FakeWindow(fake.ipcMain, loaded);
    framed.senderFrame = { url: loaded, parent: {} };
    expect(await framed.ipcRenderer.invoke(ipcChannels.invoke, 'system.info', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });

    // A granted path outside the workspace can be imported: the grant reaches the window's caller.
    const csv = join(dir, 'elsewhere.csv');
    await writeFile(csv, 'a,b\n1,2\n3,4\n');
    expect(page.ipcRenderer.sendSync(ipcChannels.grantPath, csv)).toBe(true);
    const started = (await page.ipcRenderer.invoke(ipcChannels.invoke, 'datasets.import', {
      source: { kind: 'path', path: csv },
    })) as ResultEnvelope;
    const jobId = jobSchema.parse(started.ok ? started.value : undefined).id;
    let status = '';
    const ended = async (): Promise<boolean> => {
      const answer = (await page.ipcRenderer.invoke(ipcChannels.invoke, 'jobs.get', {
        id: jobId,
      })) as ResultEnvelope;
      status = jobSchema.parse(answer.ok ? answer.value : undefined).status;
      return status === 'succeeded' || status === 'failed';
    };
    for (const deadline = Date.now() + 20_000; !(await ended()) && Date.now() < deadline;) {
      await new Promise((done) => setTimeout(done, 20));
    }
    expect(status).toBe('succeeded');

    // Every WebContents is guarded, and the session carries the CSP and refuses permissions.
    const navigation = { url: 'https://evil.example/', preventDefault: vi.fn() };
    window?.webContents.emit('will-navigate', navigation);
    expect(navigation.preventDefault).toHaveBeenCalled();
    expect(window?.webContents.openHandler?.({ url: 'https://onnx.ai/' })).toEqual({ action: 'deny' });
    const headers = vi.fn();
    fake.headersListener?.({ url: loaded, responseHeaders: {} }, headers);
    expect(headers).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    const permission = vi.fn();
    fake.permissionRequestHandler?.({}, 'media', permission);
    expect(permission).toHaveBeenCalledWith(false);

    fake.app.quit();
    await until(() => fake.exitCode !== undefined, 'the app to exit');
    expect(fake.exitCode).toBe(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(fake.ipcMain.syncListeners.size).toBe(0);
  });

  it('hands over to the running instance when the lock is taken', async () => {
    const fake = new FakeElectron();
    fake.lockAvailable = false;
    await startApp(['--workspace', join(dir, 'workspace')], fake);
    await new Promise((done) => setTimeout(done, 50));

    expect(fake.calls).toEqual([
      'enableSandbox',
      'registerSchemesAsPrivileged app',
      'requestSingleInstanceLock',
      'quit',
    ]);
    expect(fake.windows).toEqual([]);
  });

  it('explains a workspace it cannot open, and exits', async () => {
    const workspace = join(dir, 'future-workspace');
    await mkdir(workspace);
    await writeFile(
      join(workspace, 'workbench.json'),
      JSON.stringify({ schemaVersion: 99, createdAt: '2030-01-01T00:00:00Z', settings: {} }),
    );
    const fake = await startApp(['--workspace', workspace, '--user-data-dir', join(dir, 'user-data')]);
    await until(() => fake.exitCode !== undefined, 'the app to exit');

    expect(fake.exitCode).toBe(1);
    expect(fake.windows).toEqual([]);
    expect(fake.errorBoxes).toEqual([
      [
        'MLOps Workbench could not start',
        expect.stringMatching(/newer workbench[\s\S]*Update the workbench/),
      ],
    ]);
  });

  it('refuses a dev-server URL that is not on this machine, and ignores it when packaged', async () => {
    process.env.ELECTRON_RENDERER_URL = 'https://evil.example/';
    const dev = await startApp([
      '--workspace',
      join(dir, 'workspace'),
      '--user-data-dir',
      join(dir, 'user-data'),
    ]);
    await until(() => dev.exitCode !== undefined, 'the app to exit');
    expect(dev.exitCode).toBe(1);
    expect(dev.calls.some((call) => call.startsWith('loadURL'))).toBe(false);
    expect(dev.errorBoxes[0]?.[1]).toMatch(/localhost/);

    vi.resetModules();
    const packaged = new FakeElectron();
    packaged.app.isPackaged = true;
    // Started without --workspace, it reopens the workspace remembered from an earlier start.
    const remembered = join(dir, 'remembered-workspace');
    await rememberWorkspace(join(dir, 'user-data'), remembered);
    await startApp(['--user-data-dir', join(dir, 'user-data')], packaged);
    await until(() => packaged.windows.length === 1, 'the window');
    await expect(readFile(join(remembered, 'workbench.json'), 'utf8')).resolves.toContain('schemaVersion');
    expect(packaged.calls).toContain('loadURL app://workbench/index.html');
    expect(packaged.menu.map((item) => item.label ?? item.role)).toEqual(['&File', '&Help']);
    packaged.app.quit();
    await until(() => packaged.exitCode !== undefined, 'the app to exit');
  });
});
