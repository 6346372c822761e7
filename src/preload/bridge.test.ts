import { afterEach, describe, expect, it, vi } from 'vitest';
import { ipcChannels, type ResultEnvelope, subscriptionIdPattern } from '../shared/contract/index.js';
import { createBridge, type IpcRendererLike } from './bridge.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** Records what the preload sends; answers with whatever the test sets. */
function recordingIpc(
  answer: (channel: string, args: unknown[]) => unknown = () => ({ ok: true, value: null }),
) {
  const invoked: { channel: string; args: unknown[] }[] = [];
  const sentSync: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  let grantAnswer: unknown = true;
  const ipcRenderer: IpcRendererLike = {
    invoke: (channel, ...args) => {
      invoked.push({ channel, args });
      return Promise.resolve(answer(channel, args));
    },
    sendSync: (channel, ...args) => {
      sentSync.push({ channel, args });
      return grantAnswer;
    },
    on: (channel, listener) => {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
    },
    removeListener: (channel, listener) => {
      listeners.get(channel)?.delete(listener);
    },
  };
  return {
    ipcRenderer,
    invoked,
    sentSync,
    listenerCount: (channel: string) => listeners.get(channel)?.size ?? 0,
    emit: (channel: string, ...args: unknown[]) =>
      listeners.get(channel)?.forEach((listener) => listener({ senderId: 0 }, ...args)),
    setGrantAnswer: (value: unknown) => (grantAnswer = value),
  };
}

const noFiles = { getPathForFile: () => '' };
const flush = () => new Promise((done) => setTimeout(done, 0));

afterEach(() => vi.restoreAllMocks());

describe('preload bridge', () => {
  it('refuses procedure names outside the contract without sending anything', async () => {
    const ipc = recordingIpc();
    const bridge = createBridge({ ipcRenderer: ipc.ipcRenderer, webUtils: noFiles });

    for (const name of ['system.shutdown', '__proto__', 'constructor', 'hasOwnProperty', '']) {
      expect(await bridge.invoke(name, {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(ipc.invoked).toEqual([]);
  });

  it('sends contract procedures and returns the envelope, never throwing', async () => {
    const answers: unknown[] = [{ ok: true, value: { host: 'electron' } }, 'not an envelope'];
    const ipc = recordingIpc(() => answers.shift());
    const bridge = createBridge({ ipcRenderer: ipc.ipcRenderer, webUtils: noFiles });

    expect(await bridge.invoke('system.info', {})).toEqual({ ok: true, value: { host: 'electron' } });
    expect(ipc.invoked).toEqual([{ channel: ipcChannels.invoke, args: ['system.info', {}] }]);
    expect(await bridge.invoke('system.info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    ipc.ipcRenderer.invoke = () => Promise.reject(new Error('An object could not be cloned.'));
    const failed: ResultEnvelope = await bridge.invoke('datasets.list', { callback: () => 1 });
    expect(failed).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('could not be cloned') as unknown },
    });
  });

  it('refuses unknown streams before sending or listening', () => {
    const ipc = recordingIpc();
    const bridge = createBridge({ ipcRenderer: ipc.ipcRenderer, webUtils: noFiles });

    expect(() => bridge.subscribe('jobs.everything', () => undefined)).toThrow(/no event stream/);
    expect(() => bridge.subscribe('__proto__', () => undefined)).toThrow(/no event stream/);
    expect(ipc.invoked).toEqual([]);
    expect(ipc.listenerCount(ipcChannels.event)).toBe(0);
  });

  it("delivers only its own subscription's payloads, and unsubscribes once on dispose", async () => {
    const ipc = recordingIpc();
    const bridge = createBridge({ ipcRenderer: ipc.ipcRenderer, webUtils: noFiles });
    const first = vi.fn();
    const second = vi.fn();

    const endFirst = bridge.subscribe('jobs.updated', first);
    const endSecond = bridge.subscribe('jobs.updated', second);
    const [firstId, secondId] = ipc.invoked.map((call) => call.args[0]);
    expect(ipc.invoked.map((call) => [call.channel, call.args[1]])).toEqual([
      [ipcChannels.subscribe, 'jobs.updated'],
      [ipcChannels.subscribe, 'jobs.updated'],
    ]);
    expect(String(firstId)).toMatch(subscriptionIdPattern);
    expect(firstId).not.toBe(secondId);
    expect(ipc.listenerCount(ipcChannels.event)).toBe(1);

    ipc.emit(ipcChannels.event, firstId, { id: 'job-1' });
    ipc.emit(ipcChannels.event, 'someone-else:1', { id: 'job-2' });
    expect(first.mock.calls).toEqual([[{ id: 'job-1' }]]);
    expect(second).not.toHaveBeenCalled();

    endFirst();
    endFirst();
    expect(ipc.invoked.filter((call) => call.channel === ipcChannels.unsubscribe)).toEqual([
      { channel: ipcChannels.unsubscribe, args: [firstId] },
    ]);
    ipc.emit(ipcChannels.event, firstId, { id: 'job-3' });
    expect(first).toHaveBeenCalledTimes(1);
    expect(ipc.listenerCount(ipcChannels.event)).toBe(1);

    endSecond();
    expect(ipc.listenerCount(ipcChannels.event)).toBe(0);
    await flush();
  });

  it('drops a subscription the app refused', async () => {
    const ipc = recordingIpc((channel) =>
      channel === ipcChannels.subscribe
        ? { ok: false, error: { code: 'UNAUTHORIZED', message: 'no' } }
        : { ok: true, value: null },
    );
    const report = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const bridge = createBridge({ ipcRenderer: ipc.ipcRenderer, webUtils: noFiles });
    const listener = vi.fn();

    const end = bridge.subscribe('jobs.updated', listener);
    await flush();
    expect(ipc.listenerCount(ipcChannels.event)).toBe(0);
    expect(report).toHaveBeenCalledWith(
      expect.stringContaining('refused'),
      expect.objectContaining({ code: 'UNAUTHORIZED' }),
    );
    end();
    expect(ipc.invoked.filter((call) => call.channel === ipcChannels.unsubscribe)).toEqual([]);
  });

  it('asks main to grant only real, non-empty paths, and returns a path only once granted', () => {
    const ipc = recordingIpc();
    const paths = new Map<File, string>();
    const picked = new File(['id\n1\n'], 'picked.csv');
    const scripted = new File(['id\n1\n'], 'made-by-script.csv');
    paths.set(picked, '/home/user/picked.csv');
    const bridge = createBridge({
      ipcRenderer: ipc.ipcRenderer,
      webUtils: {
        getPathForFile: (file) => {
          if (!(file instanceof File)) throw new TypeError('not a File');
          return paths.get(file) ?? '';
        },
      },
    });

    expect(bridge.pathForFile(scripted)).toBe('');
    expect(bridge.pathForFile({ name: 'fake' } as unknown as File)).toBe('');
    expect(ipc.sentSync).toEqual([]);

    expect(bridge.pathForFile(picked)).toBe('/home/user/picked.csv');
    expect(ipc.sentSync).toEqual([{ channel: ipcChannels.grantPath, args: ['/home/user/picked.csv'] }]);

    ipc.setGrantAnswer(false);
    expect(bridge.pathForFile(picked)).toBe('');
  });

  it('exposes plain functions only', () => {
    const bridge = createBridge({ ipcRenderer: recordingIpc().ipcRenderer, webUtils: noFiles });
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'pathForFile', 'subscribe']);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });
});
