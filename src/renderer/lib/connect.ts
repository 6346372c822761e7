import { BRIDGE_GLOBAL, RPC_PATH, type WorkbenchBridge } from '../../shared/contract/index.js';
import { createClient, type WorkbenchClient } from './client.js';
import { createIpcTransport } from './ipcTransport.js';
import { browserSocketFactory, sameOriginSocketUrl } from './socket.js';
import { uploadFile } from './upload.js';
import { createWebSocketTransport } from './webSocketTransport.js';

/** Inside Electron the preload has put the bridge on window; in a browser tab it has not. */
export function connectToHost(): WorkbenchClient {
  const bridge = (window as unknown as Record<string, WorkbenchBridge | undefined>)[BRIDGE_GLOBAL];
  if (bridge) return createClient(createIpcTransport(bridge));
  return createClient(
    createWebSocketTransport({
      url: sameOriginSocketUrl(window.location, RPC_PATH),
      createSocket: browserSocketFactory,
      upload: uploadFile,
    }),
  );
}
