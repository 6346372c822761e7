import { WorkbenchError, unwrapEnvelope, type WorkbenchBridge } from '../../shared/contract/index.js';
import type { Transport } from './transport.js';

/** The Electron transport: the preload's bridge already speaks envelopes, so this only unwraps them. */
export function createIpcTransport(bridge: WorkbenchBridge): Transport {
  return {
    kind: 'ipc',
    invoke: async (name, input) => unwrapEnvelope(await bridge.invoke(name, input)),
    subscribe: (stream, listener) => bridge.subscribe(stream, listener),
    prepareImport(file) {
      const path = bridge.pathForFile(file);
      if (path === '') {
        return Promise.reject(
          new WorkbenchError({
            code: 'INVALID_INPUT',
            message: `${file.name} has no location on disk that the app can read.`,
            hint: 'Choose the file with the file picker or drop it from your file manager.',
          }),
        );
      }
      return Promise.resolve({ kind: 'path', path });
    },
    // IPC to the app's own main process cannot drop while the window lives.
    connectionState: () => 'open',
    onConnectionChange: () => () => undefined,
    dispose: () => undefined,
  };
}
