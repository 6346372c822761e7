import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { basename } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { FakeIpcMain } from './fakeIpc.js';

// A stand-in for the parts of the 'electron' module that main.ts touches, for tests only (there is no
// Electron binary on the build machines). It records what the entry did, in order.

type Listener = (...args: unknown[]) => void;

class FakeApp extends EventEmitter {
  isPackaged = false;
  readonly paths = new Map<string, string>();

  constructor(private readonly fake: FakeElectron) {
    super();
  }

  enableSandbox(): void {
    this.fake.calls.push('enableSandbox');
  }

  setPath(name: string, value: string): void {
    this.fake.calls.push(`setPath ${name}`);
    this.paths.set(name, value);
  }

  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path) throw new Error(`no ${name} path in this fake`);
    return path;
  }

  requestSingleInstanceLock(): boolean {
    this.fake.calls.push('requestSingleInstanceLock');
    return this.fake.lockAvailable;
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  getVersion(): string {
    return '0.0.0-fake';
  }

  /** As Electron: will-quit may be prevented, and only an unprevented one ends the app. */
  quit(): void {
    this.fake.calls.push('quit');
    let prevented = false;
    this.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.fake.exitCode = 0;
  }

  exit(code: number): void {
    this.fake.calls.push(`exit ${code}`);
    this.fake.exitCode = code;
  }
}

class FakeWebContents extends EventEmitter {
  readonly id = 1;
  openHandler: ((details: { url: string }) => unknown) | undefined;

  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.openHandler = handler;
  }

  isDestroyed(): boolean {
    return false;
  }

  send(): void {
    // Nothing listens in these tests.
  }
}

export class FakeElectron {
  readonly calls: string[] = [];
  /** Worker entries by file name (dataWorker.js), forked in place of the app's built ones. */
  readonly workerEntries = new Map<string, string>();
  readonly windows: { options: unknown; webContents: FakeWebContents }[] = [];
  readonly ipcMain = new FakeIpcMain();
  menu: MenuItemConstructorOptions[] = [];
  errorBoxes: string[][] = [];
  lockAvailable = true;
  exitCode: number | undefined;
  headersListener: Listener | undefined;
  readonly protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  permissionRequestHandler: Listener | undefined;
  readonly app = new FakeApp(this);
}

/**
 * utilityProcess.fork as a child_process fork of the entry the test maps the app's path to (a
 * worker bundled from source), or, unmapped, a child that says it is ready and answers nothing.
 */
class FakeUtilityProcess extends EventEmitter {
  readonly stderr = new EventEmitter();
  private readonly child: ChildProcess | undefined;
  constructor(entry: string | undefined, env: NodeJS.ProcessEnv | undefined) {
    super();
    if (!entry) {
      setImmediate(() => this.emit('message', { ready: true, pid: 4242, version: 'DuckDB (fake)' }));
      return;
    }
    this.child = fork(entry, [], {
      serialization: 'advanced',
      env,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child.on('message', (message) => this.emit('message', message));
    this.child.stderr?.on('data', (chunk: Buffer) => this.stderr.emit('data', chunk));
    this.child.on('exit', (code) => this.emit('exit', code ?? 1));
  }
  get pid(): number | undefined {
    return this.child ? this.child.pid : 4242;
  }
  postMessage(message: unknown): void {
    this.child?.send(message as object);
  }
  kill(): boolean {
    if (this.child) return this.child.kill('SIGKILL');
    setImmediate(() => this.emit('exit', 0));
    return true;
  }
}

/** The module object `import ... from 'electron'` yields in main.ts, backed by `fake`. */
export function fakeElectronModule(fake: FakeElectron): Record<string, unknown> {
  class BrowserWindow extends EventEmitter {
    static getAllWindows = (): unknown[] => fake.windows;
    readonly webContents = new FakeWebContents();
    constructor(readonly options: unknown) {
      super();
      fake.app.emit('web-contents-created', {}, this.webContents);
      fake.windows.push(this);
    }
    loadFile(path: string): Promise<void> {
      fake.calls.push(`loadFile ${path}`);
      return Promise.resolve();
    }
    loadURL(url: string): Promise<void> {
      fake.calls.push(`loadURL ${url}`);
      return Promise.resolve();
    }
    show(): void {
      fake.calls.push('show');
    }
    isDestroyed = (): boolean => false;
    isMinimized = (): boolean => false;
    focus = (): void => undefined;
  }
  return {
    app: fake.app,
    BrowserWindow,
    utilityProcess: {
      fork: (modulePath: string, _args: string[], options: { env?: NodeJS.ProcessEnv }) =>
        new FakeUtilityProcess(fake.workerEntries.get(basename(modulePath)), options.env),
    },
    ipcMain: fake.ipcMain,
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
      setApplicationMenu: (template: MenuItemConstructorOptions[]) => (fake.menu = template),
    },
    nativeTheme: { shouldUseDarkColors: false },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) =>
        fake.calls.push(`registerSchemesAsPrivileged ${schemes.map((s) => s.scheme).join(',')}`),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        fake.calls.push(`protocol.handle ${scheme}`);
        fake.protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (listener: Listener) => (fake.headersListener = listener) },
        setPermissionRequestHandler: (handler: Listener) => (fake.permissionRequestHandler = handler),
        setPermissionCheckHandler: () => undefined,
      },
    },
    shell: { openExternal: (url: string) => Promise.resolve(fake.calls.push(`openExternal ${url}`)) },
    dialog: { showErrorBox: (title: string, detail: string) => fake.errorBoxes.push([title, detail]) },
  };
}
