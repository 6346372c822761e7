import {
  BrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  nativeTheme,
  protocol,
  session,
  shell,
  utilityProcess,
} from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isWorkbenchError } from '../../shared/contract/index.js';
import { windowCaller } from '../rpc/callers.js';
import { createWorkbench } from '../rpc/workbench.js';
import { defaultWorkspaceRoot } from '../services/workspace/index.js';
import { pathOption } from './args.js';
import { readLastWorkspace, relaunchArgs, rememberWorkspace } from './lastWorkspace.js';
import { registerIpc } from './ipcBridge.js';
import { openAppLog, type AppLog } from './log.js';
import { menuTemplate } from './menu.js';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler } from './appProtocol.js';
import { appOrigin, guardWebContents, secureSession } from './security.js';
import { utilityWorker } from './utilityWorker.js';
import { windowOptions } from './windowOptions.js';

// The one file that touches Electron at run time; everything it wires is tested without Electron.

const outDir = fileURLToPath(new URL('..', import.meta.url));
const DISPOSE_TIMEOUT_MS = 5_000;

// Before anything else: the single-instance lock lives in the user-data folder, and tests point that
// folder somewhere temporary so they never collide with a running app.
const userData = pathOption(process.argv, '--user-data-dir');
if (userData) app.setPath('userData', userData);
app.enableSandbox();
// Only possible before the app is ready: the scheme the built page is served from.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (app.requestSingleInstanceLock()) {
  void start();
} else {
  app.quit();
}

async function start(): Promise<void> {
  await app.whenReady();
  const log = openAppLog(app.getPath('logs'), { echo: !app.isPackaged });
  // A monitor, not a handler: it records the stack and leaves Electron's own handling as it is.
  process.on('uncaughtExceptionMonitor', (error, origin) => log.error(origin, error));
  try {
    await openApp(log);
  } catch (error) {
    log.error('startup', error);
    const detail = isWorkbenchError(error)
      ? [error.message, error.hint].filter(Boolean).join('\n\n')
      : String(error);
    dialog.showErrorBox('MLOps Workbench could not start', detail);
    await log.close();
    app.exit(1);
  }
}

async function openApp(log: AppLog): Promise<void> {
  const origin = appOrigin({
    devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
  });
  if (origin.servesBuiltFiles) protocol.handle(APP_SCHEME, appProtocolHandler(join(outDir, 'renderer')));
  secureSession(session.defaultSession, origin.isAppResource);
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, {
      isAppPage: origin.isAppPage,
      openExternal: (url) => {
        shell.openExternal(url).catch((error: unknown) => log.error('openExternal', error));
      },
    });
  });

  const userDataDir = app.getPath('userData');
  const workbench = await createWorkbench({
    workspaceRoot:
      pathOption(process.argv, '--workspace') ??
      (await readLastWorkspace(userDataDir)) ??
      defaultWorkspaceRoot(),
    host: 'electron',
    appVersion: app.getVersion(),
    servingBundle: join(outDir, 'serving'),
    spawnModelWorker: utilityWorker(
      (path, args, options) => utilityProcess.fork(path, args, options),
      join(outDir, 'main', 'modelWorker.js'),
      'MLOps Workbench model worker',
    ),
    spawnDataWorker: utilityWorker(
      (path, args, options) => utilityProcess.fork(path, args, options),
      join(outDir, 'main', 'dataWorker.js'),
      'MLOps Workbench data worker',
    ),
    reportInternalError: (error, where) => log.error(where, error),
  });
  await rememberWorkspace(userDataDir, workbench.workspace.root);
  const granted = new Set<string>();
  const disposeIpc = registerIpc({
    ipcMain,
    router: workbench.router,
    caller: windowCaller('electron', workbench.workspace, workbench.uploads, (path) => granted.has(path)),
    isAppPage: origin.isAppPage,
    grantPath: (path) => granted.add(path),
    onRefused: (channel, frameUrl) => log.warn(`Refused ${channel} from ${frameUrl}`),
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        isPackaged: app.isPackaged,
        isMac: process.platform === 'darwin',
        onOpenWorkspace: () => {
          openOtherWorkspace(workbench.workspace.root).catch((error: unknown) =>
            log.error('open workspace', error),
          );
        },
      }),
    ),
  );

  let window = createWindow(origin.entryUrl, log);
  app.on('second-instance', () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createWindow(origin.entryUrl, log);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting) return;
    quitting = true;
    // Jobs are aborted and DuckDB closed before exit; a dispose that hangs must not keep the app alive.
    event.preventDefault();
    disposeIpc();
    const timeout = new Promise<void>((done) => setTimeout(done, DISPOSE_TIMEOUT_MS).unref());
    void Promise.race([workbench.dispose(), timeout])
      .catch((error: unknown) => log.error('dispose', error))
      .then(() => log.close())
      .finally(() => app.exit(0));
  });
}

/** Every service holds the workspace it was built with, so another one means a fresh start. */
async function openOtherWorkspace(current: string): Promise<void> {
  const owner = BrowserWindow.getFocusedWindow();
  const options = {
    title: 'Open Workspace',
    buttonLabel: 'Open Workspace',
    defaultPath: current,
    properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
  };
  const choice = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
  const [chosen] = choice.filePaths;
  if (choice.canceled || chosen === undefined || chosen === current) return;
  await rememberWorkspace(app.getPath('userData'), chosen);
  app.relaunch({ args: relaunchArgs(process.argv.slice(1), chosen) });
  app.quit();
}

function createWindow(entryUrl: string, log: AppLog): BrowserWindow {
  const window = new BrowserWindow(
    windowOptions({
      preloadPath: join(outDir, 'preload', 'index.cjs'),
      dark: nativeTheme.shouldUseDarkColors,
      devTools: !app.isPackaged,
    }),
  );
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) =>
    log.warn(`Renderer gone: ${details.reason} (exit ${details.exitCode})`),
  );
  window.loadURL(entryUrl).catch((error: unknown) => log.error('load window', error));
  return window;
}
