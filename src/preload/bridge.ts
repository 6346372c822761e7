import {
  WorkbenchError,
  ipcChannels,
  isProcedureName,
  isStreamName,
  resultEnvelopeSchema,
  type ResultEnvelope,
  type WorkbenchBridge,
} from '../shared/contract/index.js';

/** The parts of Electron's ipcRenderer the bridge uses; the real one satisfies this shape. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  sendSync(channel: string, ...args: unknown[]): unknown;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface WebUtilsLike {
  getPathForFile(file: File): string;
}

/**
 * Identifies this load of the page in subscription ids. It only has to differ from the previous
 * load's, and a compromised page can only confuse its own subscriptions, so Math.random suffices and
 * the bridge does not depend on the page being a secure context.
 */
function newPageId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * The whole of what the page gets: three plain functions. No ipcRenderer, no IPC event objects and no
 * channel names cross to the page, and every name is checked against the contract before it is sent.
 */
export function createBridge({
  ipcRenderer,
  webUtils,
}: {
  ipcRenderer: IpcRendererLike;
  webUtils: WebUtilsLike;
}): WorkbenchBridge {
  const page = newPageId();
  let nextId = 0;
  const listeners = new Map<string, (payload: unknown) => void>();

  const dispatch = (_event: unknown, id: unknown, payload: unknown): void => {
    if (typeof id === 'string') listeners.get(id)?.(payload);
  };

  const forget = (id: string): void => {
    if (listeners.delete(id) && listeners.size === 0) ipcRenderer.removeListener(ipcChannels.event, dispatch);
  };

  return {
    async invoke(name, input) {
      if (!isProcedureName(name)) {
        return {
          ok: false,
          error: {
            code: 'NOT_FOUND',
            message: `There is no procedure named ${JSON.stringify(name)}.`,
            hint: 'The window and the app may be from different versions; reload the window.',
          },
        };
      }
      try {
        return answerOf(name, await ipcRenderer.invoke(ipcChannels.invoke, name, input));
      } catch (error) {
        // Main never rejects; this is an input IPC cannot copy (a function, a DOM node) or a quitting app.
        return {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: `${name} could not be sent to the app: ${error instanceof Error ? error.message : String(error)}`,
            hint: 'This is a bug in the workbench window; reload it and try again.',
          },
        };
      }
    },

    subscribe(stream, listener) {
      if (!isStreamName(stream)) {
        throw new WorkbenchError({
          code: 'NOT_FOUND',
          message: `There is no event stream named ${JSON.stringify(stream)}.`,
        });
      }
      nextId += 1;
      const id = `${page}:${nextId}`;
      if (listeners.size === 0) ipcRenderer.on(ipcChannels.event, dispatch);
      listeners.set(id, listener);
      ipcRenderer.invoke(ipcChannels.subscribe, id, stream).then(
        (answer) => {
          const parsed = answerOf(ipcChannels.subscribe, answer);
          if (parsed.ok) return;
          forget(id);
          console.error(`The workbench refused the ${stream} subscription.`, parsed.error);
        },
        (error: unknown) => {
          forget(id);
          console.error(`The ${stream} subscription could not be sent to the app.`, error);
        },
      );
      return () => {
        if (!listeners.has(id)) return;
        forget(id);
        // Nothing to report if the app is already gone: its subscriptions went with it.
        ipcRenderer.invoke(ipcChannels.unsubscribe, id).catch(() => undefined);
      };
    },

    pathForFile(file) {
      let path: string;
      try {
        path = webUtils.getPathForFile(file);
      } catch {
        return '';
      }
      if (path === '') return '';
      // Synchronous so the grant is in place before the page can name the path in datasets.import.
      return ipcRenderer.sendSync(ipcChannels.grantPath, path) === true ? path : '';
    },
  };
}

function answerOf(name: string, raw: unknown): ResultEnvelope {
  const parsed = resultEnvelopeSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  return {
    ok: false,
    error: {
      code: 'INTERNAL',
      message: `The app answered ${name} with a message this window does not understand.`,
      hint: 'Reload the window; if it persists, the app and its window are from different versions.',
    },
  };
}
