import type { RawData, WebSocket } from 'ws';
import { clientMessageSchema, type ServerMessage } from '../../shared/contract/wire.js';
import { isWorkbenchError } from '../../shared/contract/errors.js';
import type { CallerContext } from '../rpc/caller.js';
import type { Router } from '../rpc/router.js';

/** Serves the contract over one authenticated WebSocket; subscriptions end with the socket. */
export function serveRpcSocket(socket: WebSocket, router: Router, caller: CallerContext): void {
  const subscriptions = new Map<number, () => void>();
  const send = (message: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      socket.close(1003, 'binary messages are not part of the protocol');
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(rawText(data));
    } catch {
      socket.close(1007, 'not JSON');
      return;
    }
    const parsed = clientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      socket.close(1008, 'not a workbench message');
      return;
    }
    const message = parsed.data;
    switch (message.t) {
      case 'invoke':
        void router
          .invoke(message.name, message.input, caller)
          .then((envelope) => send({ t: 'result', id: message.id, envelope }));
        break;
      case 'subscribe':
        subscriptions.get(message.id)?.();
        try {
          subscriptions.set(
            message.id,
            router.subscribe(message.stream, (payload) => send({ t: 'event', id: message.id, payload })),
          );
        } catch (error) {
          if (!isWorkbenchError(error)) throw error;
          send({ t: 'result', id: message.id, envelope: { ok: false, error: error.toShape() } });
        }
        break;
      case 'unsubscribe':
        subscriptions.get(message.id)?.();
        subscriptions.delete(message.id);
        break;
    }
  });

  socket.on('close', () => {
    for (const dispose of subscriptions.values()) dispose();
    subscriptions.clear();
  });
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(new Uint8Array(data)).toString('utf8');
}
