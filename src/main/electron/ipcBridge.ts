import { isAbsolute, resolve } from 'node:path';
import {
  ipcChannels,
  isStreamName,
  type ResultEnvelope,
  type WorkbenchErrorShape,
  subscriptionIdPattern,
} from '../../shared/contract/index.js';
import type { CallerContext } from '../rpc/caller.js';
import type { Router } from '../rpc/router.js';

/** The parts of Electron's IPC objects the bridge uses; the real ones satisfy these shapes. */
export interface SenderFrame {
  readonly url: string;
  /** null for a top-level frame. */
  readonly parent: unknown;
}

export interface SenderContents {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
  removeListener(event: 'destroyed', listener: () => void): unknown;
}

export interface IpcEvent {
  /** null once the frame has navigated away or been destroyed. */
  readonly senderFrame: SenderFrame | null;
  readonly sender: SenderContents;
}

export interface IpcSyncEvent extends IpcEvent {
  returnValue: unknown;
}

type SyncListener = (event: IpcSyncEvent, ...args: unknown[]) => void;

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: SyncListener): unknown;
  removeListener(channel: string, listener: SyncListener): unknown;
}

export interface IpcBridgeOptions {
  ipcMain: IpcMainLike;
  router: Router;
  /** What a window may name (workspace paths, uploads, granted paths). */
  caller: CallerContext;
  /** The app's own page URL check (see security.ts appOrigin). */
  isAppPage: (url: string) => boolean;
  /** Lets the window name a path the user dropped or picked (windowCaller's isGranted reads it). */
  grantPath: (path: string) => void;
  /** A refused sender is a bug or an attack: worth a line in the app log. */
  onRefused?: (channel: string, frameUrl: string) => void;
}

const OK: ResultEnvelope = { ok: true, value: null };

const failure = (error: WorkbenchErrorShape): ResultEnvelope => ({ ok: false, error });

const UNAUTHORIZED = failure({
  code: 'UNAUTHORIZED',
  message: 'Only the workbench window itself may call the workbench.',
  hint: 'Content in frames, popups or pages from elsewhere has no access to the workbench.',
});

const BAD_SUBSCRIPTION_ID = failure({
  code: 'INVALID_INPUT',
  message: 'A subscription needs an id of the form <page>:<number>.',
});

/** Paths are refused unless absolute and already normal, so a granted string names exactly one file. */
const MAX_PATH_LENGTH = 4096;

function isGrantablePath(path: unknown): path is string {
  return (
    typeof path === 'string' &&
    path.length > 0 &&
    path.length <= MAX_PATH_LENGTH &&
    !path.includes('\0') &&
    isAbsolute(path) &&
    resolve(path) === path
  );
}

/**
 * Binds the contract to Electron IPC. Every message is checked first for where it comes from (the
 * app's page in a top-level frame, as VS Code's validatedIpcMain does) and then for what it names;
 * all real work is the router's. Returns a disposer that removes every handler and subscription.
 */
export function registerIpc(options: IpcBridgeOptions): () => void {
  const { ipcMain, router, caller, isAppPage, grantPath, onRefused } = options;

  const refusal = (channel: string, event: IpcEvent): ResultEnvelope | undefined => {
    const frame = event.senderFrame;
    if (frame !== null && frame.parent === null && isAppPage(frame.url)) return undefined;
    onRefused?.(channel, frame?.url ?? '(frame gone)');
    return UNAUTHORIZED;
  };

  const subscriptions = createSubscriptions(router);

  ipcMain.handle(
    ipcChannels.invoke,
    (event, name, input) => refusal(ipcChannels.invoke, event) ?? router.invoke(name, input, caller),
  );
  ipcMain.handle(
    ipcChannels.subscribe,
    (event, id, stream) =>
      refusal(ipcChannels.subscribe, event) ?? subscriptions.add(event.sender, id, stream),
  );
  ipcMain.handle(
    ipcChannels.unsubscribe,
    (event, id) => refusal(ipcChannels.unsubscribe, event) ?? subscriptions.remove(event.sender, id),
  );

  const onGrant: SyncListener = (event, path) => {
    if (refusal(ipcChannels.grantPath, event) || !isGrantablePath(path)) {
      event.returnValue = false;
      return;
    }
    grantPath(path);
    event.returnValue = true;
  };
  ipcMain.on(ipcChannels.grantPath, onGrant);

  return () => {
    ipcMain.removeHandler(ipcChannels.invoke);
    ipcMain.removeHandler(ipcChannels.subscribe);
    ipcMain.removeHandler(ipcChannels.unsubscribe);
    ipcMain.removeListener(ipcChannels.grantPath, onGrant);
    subscriptions.disposeAll();
  };
}

interface ContentsEntry {
  readonly contents: SenderContents;
  /** The page (one load of the window) whose subscriptions these are. */
  page: string;
  readonly byId: Map<string, () => void>;
  readonly onDestroyed: () => void;
}

/** Subscriptions per WebContents, ended when it is destroyed or loads a new page. */
function createSubscriptions(router: Router) {
  const entries = new Map<number, ContentsEntry>();

  const endAll = (entry: ContentsEntry): void => {
    for (const dispose of entry.byId.values()) dispose();
    entry.byId.clear();
  };

  const forget = (entry: ContentsEntry): void => {
    endAll(entry);
    entries.delete(entry.contents.id);
    if (!entry.contents.isDestroyed()) entry.contents.removeListener('destroyed', entry.onDestroyed);
  };

  const entryFor = (contents: SenderContents, page: string): ContentsEntry => {
    const existing = entries.get(contents.id);
    if (existing) {
      if (existing.page !== page) {
        // The window loaded a new page; whatever the old one subscribed to has no listener left.
        endAll(existing);
        existing.page = page;
      }
      return existing;
    }
    const entry: ContentsEntry = { contents, page, byId: new Map(), onDestroyed: () => forget(entry) };
    contents.once('destroyed', entry.onDestroyed);
    entries.set(contents.id, entry);
    return entry;
  };

  return {
    add(contents: SenderContents, id: unknown, stream: unknown): ResultEnvelope {
      const page = typeof id === 'string' ? subscriptionIdPattern.exec(id)?.[1] : undefined;
      if (typeof id !== 'string' || page === undefined) return BAD_SUBSCRIPTION_ID;
      if (!isStreamName(stream)) {
        return failure({
          code: 'NOT_FOUND',
          message: `There is no event stream named ${JSON.stringify(stream)}.`,
        });
      }
      const entry = entryFor(contents, page);
      if (entry.byId.has(id)) {
        return failure({ code: 'ALREADY_EXISTS', message: `Subscription ${id} already exists.` });
      }
      const dispose = router.subscribe(stream, (payload) => {
        if (!contents.isDestroyed()) contents.send(ipcChannels.event, id, payload);
      });
      entry.byId.set(id, dispose);
      return OK;
    },
    remove(contents: SenderContents, id: unknown): ResultEnvelope {
      const entry = entries.get(contents.id);
      if (entry && typeof id === 'string') {
        entry.byId.get(id)?.();
        entry.byId.delete(id);
      }
      return OK;
    },
    disposeAll(): void {
      for (const entry of [...entries.values()]) forget(entry);
    },
  };
}
