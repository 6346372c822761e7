/** What the WebSocket transport needs from a socket; small so tests can drive it by hand. */
export interface SocketHandlers {
  open(): void;
  message(data: string): void;
  /** Called once, whether the socket failed to connect or dropped later; with the host's reason if it gave one. */
  close(reason?: string): void;
}

export interface SocketLike {
  send(data: string): void;
  close(): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketLike;

export const browserSocketFactory: SocketFactory = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.addEventListener('open', () => handlers.open());
  socket.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (typeof event.data === 'string') handlers.message(event.data);
  });
  // A failed connection fires `error` and then `close`; `close` alone is enough to react to.
  socket.addEventListener('close', (event: CloseEvent) => handlers.close(event.reason));
  return { send: (data) => socket.send(data), close: () => socket.close() };
};

/** The RPC socket lives on the page's own origin, so the host's cookie authenticates it. */
export function sameOriginSocketUrl(location: Pick<Location, 'protocol' | 'host'>, path: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${path}`;
}
