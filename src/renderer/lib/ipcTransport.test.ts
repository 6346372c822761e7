import { describe, expect, it } from 'vitest';
import { WorkbenchError, type ResultEnvelope, type WorkbenchBridge } from '../../shared/contract/index.js';
import { createIpcTransport } from './ipcTransport.js';

function fakeBridge(answer: ResultEnvelope, path = '/home/ann/data.csv') {
  const calls: { name: string; input: unknown }[] = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  const bridge: WorkbenchBridge = {
    invoke: (name, input) => {
      calls.push({ name, input });
      return Promise.resolve(answer);
    },
    subscribe: (stream, listener) => {
      listeners.set(stream, listener);
      return () => listeners.delete(stream);
    },
    pathForFile: () => path,
  };
  return { bridge, calls, listeners };
}

describe('IPC transport', () => {
  it('unwraps a value envelope', async () => {
    const { bridge, calls } = fakeBridge({ ok: true, value: { workspace: '/w' } });
    await expect(createIpcTransport(bridge).invoke('system.info', {})).resolves.toEqual({ workspace: '/w' });
    expect(calls).toEqual([{ name: 'system.info', input: {} }]);
  });

  it('rebuilds the WorkbenchError of an error envelope', async () => {
    const { bridge } = fakeBridge({
      ok: false,
      error: { code: 'DATASET_EMPTY', message: 'empty.csv is empty.', hint: 'Export it again.' },
    });
    const error: unknown = await createIpcTransport(bridge)
      .invoke('datasets.import', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbenchError);
    expect(error).toMatchObject({ code: 'DATASET_EMPTY', hint: 'Export it again.' });
  });

  it('passes subscriptions through and returns their disposer', () => {
    const { bridge, listeners } = fakeBridge({ ok: true, value: null });
    const received: unknown[] = [];
    const stop = createIpcTransport(bridge).subscribe('jobs.updated', (payload) => received.push(payload));
    listeners.get('jobs.updated')?.({ id: 'a' });
    stop();
    expect(received).toEqual([{ id: 'a' }]);
    expect(listeners.size).toBe(0);
  });

  it('imports a picked file by its path', async () => {
    const { bridge } = fakeBridge({ ok: true, value: null });
    await expect(createIpcTransport(bridge).prepareImport({ name: 'data.csv' } as File)).resolves.toEqual({
      kind: 'path',
      path: '/home/ann/data.csv',
    });
  });

  it('refuses a file that has no path on disk', async () => {
    const { bridge } = fakeBridge({ ok: true, value: null }, '');
    await expect(
      createIpcTransport(bridge).prepareImport({ name: 'made.csv' } as File),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
