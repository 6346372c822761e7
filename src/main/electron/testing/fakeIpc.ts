import type { IpcRendererLike } from '../../../preload/bridge.js';
import type { IpcEvent, IpcMainLike, IpcSyncEvent, SenderContents, SenderFrame } from '../ipcBridge.js';

// Hand-written stand-ins for Electron's IPC, for tests only: there is no Electron binary on the build
// machines. They keep the behaviours the bridge depends on: one handler per channel, structured-clone
// copies both ways, a rejected invoke when no handler exists, and a WebContents that can be destroyed.

type Handler = (event: IpcEvent, ...args: unknown[]) => unknown;
type SyncListener = (event: IpcSyncEvent, ...args: unknown[]) => void;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  readonly syncListeners = new Map<string, Set<SyncListener>>();

  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  on(channel: string, listener: SyncListener): this {
    const set = this.syncListeners.get(channel) ?? new Set();
    set.add(listener);
    this.syncListeners.set(channel, set);
    return this;
  }

  removeListener(channel: string, listener: SyncListener): this {
    const set = this.syncListeners.get(channel);
    set?.delete(listener);
    if (set?.size === 0) this.syncListeners.delete(channel);
    return this;
  }

  async invoke(from: FakeWindow, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await handler(from.event(), ...structuredClone(args)));
  }

  sendSync(from: FakeWindow, channel: string, ...args: unknown[]): unknown {
    const event: IpcSyncEvent = { ...from.event(), returnValue: undefined };
    for (const listener of this.syncListeners.get(channel) ?? []) listener(event, ...structuredClone(args));
    return structuredClone(event.returnValue);
  }
}

let nextWebContentsId = 1;

/** One WebContents: its main-process side (SenderContents) and, as `ipcRenderer`, its preload's side. */
export class FakeWindow implements SenderContents {
  readonly id = nextWebContentsId++;
  /** The frame main sees as the sender; tests swap it for a subframe, a foreign page or null. */
  senderFrame: SenderFrame | null;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  private destroyed = false;
  private readonly destroyedListeners = new Set<() => void>();
  private readonly rendererListeners = new Map<string, Set<RendererListener>>();

  constructor(
    private readonly ipcMain: FakeIpcMain,
    url: string,
  ) {
    this.senderFrame = { url, parent: null };
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const copy = structuredClone(args);
    this.sent.push({ channel, args: copy });
    for (const listener of this.rendererListeners.get(channel) ?? [])
      listener({ sender: 'ipcRenderer' }, ...copy);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  once(_event: 'destroyed', listener: () => void): this {
    this.destroyedListeners.add(listener);
    return this;
  }

  removeListener(_event: 'destroyed', listener: () => void): this {
    this.destroyedListeners.delete(listener);
    return this;
  }

  destroy(): void {
    this.destroyed = true;
    const listeners = [...this.destroyedListeners];
    this.destroyedListeners.clear();
    for (const listener of listeners) listener();
  }

  destroyedListenerCount(): number {
    return this.destroyedListeners.size;
  }

  rendererListenerCount(channel: string): number {
    return this.rendererListeners.get(channel)?.size ?? 0;
  }

  event(): IpcEvent {
    return { senderFrame: this.senderFrame, sender: this };
  }

  readonly ipcRenderer: IpcRendererLike = {
    invoke: (channel, ...args) => this.ipcMain.invoke(this, channel, ...args),
    sendSync: (channel, ...args) => this.ipcMain.sendSync(this, channel, ...args),
    on: (channel, listener) => {
      const set = this.rendererListeners.get(channel) ?? new Set();
      set.add(listener);
      this.rendererListeners.set(channel, set);
    },
    removeListener: (channel, listener) => {
      this.rendererListeners.get(channel)?.delete(listener);
    },
  };
}
