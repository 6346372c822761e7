import {
  serverMessageSchema,
  unwrapEnvelope,
  WorkbenchError,
  type ClientMessage,
  type ImportSource,
} from '../../shared/contract/index.js';
import { connectionLostError, connectionUnavailableError } from './connectionErrors.js';
import type { SocketFactory, SocketLike } from './socket.js';
import type { ConnectionState, PrepareImportOptions, Transport } from './transport.js';

export interface WebSocketTransportOptions {
  url: string;
  createSocket: SocketFactory;
  /** Sends a file to the host's upload endpoint (injected so protocol tests need no HTTP). */
  upload: (file: File, options?: PrepareImportOptions) => Promise<ImportSource>;
  /** Delay before reconnect attempt `attempt` (0-based). */
  backoffMs?: (attempt: number) => number;
}

interface PendingCall {
  message: ClientMessage;
  sent: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Subscription {
  stream: string;
  listener: (payload: unknown) => void;
}

const MAX_BACKOFF_MS = 10_000;

export function exponentialBackoff(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt);
}

/**
 * The browser-mode transport: the wire protocol of wire.ts over one WebSocket. Calls made while the
 * socket is (re)connecting wait for it; calls in flight when it drops are rejected, because the host
 * may or may not have run them and only the caller can decide whether to retry.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): Transport {
  const backoff = options.backoffMs ?? exponentialBackoff;
  const pending = new Map<number, PendingCall>();
  const subscriptions = new Map<number, Subscription>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let nextId = 1;
  let state: ConnectionState = 'connecting';
  let socket: SocketLike | undefined;
  let everOpened = false;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  const send = (message: ClientMessage): void => {
    socket?.send(JSON.stringify(message));
  };

  const handleMessage = (data: string): void => {
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = serverMessageSchema.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.t === 'event') {
      subscriptions.get(message.id)?.listener(message.payload);
      return;
    }
    const call = pending.get(message.id);
    if (call) {
      pending.delete(message.id);
      try {
        call.resolve(unwrapEnvelope(message.envelope));
      } catch (error) {
        call.reject(error);
      }
      return;
    }
    // A result for a subscription id acknowledges it, or refuses it: a refused one will never fire.
    if (!message.envelope.ok) subscriptions.delete(message.id);
  };

  const handleOpen = (): void => {
    everOpened = true;
    attempt = 0;
    setState('open');
    for (const [id, { stream }] of subscriptions) send({ t: 'subscribe', id, stream });
    for (const call of pending.values()) {
      if (!call.sent) {
        call.sent = true;
        send(call.message);
      }
    }
  };

  const handleClose = (wasOpen: boolean): void => {
    socket = undefined;
    const error = wasOpen ? connectionLostError() : connectionUnavailableError();
    for (const call of pending.values()) call.reject(error);
    pending.clear();
    if (state === 'closed') return;
    setState('connecting');
    reconnectTimer = setTimeout(connect, backoff(attempt));
    attempt += 1;
  };

  function connect(): void {
    reconnectTimer = undefined;
    let opened = false;
    const current = options.createSocket(options.url, {
      open: () => {
        if (socket !== current) return;
        opened = true;
        handleOpen();
      },
      message: (data) => {
        if (socket === current) handleMessage(data);
      },
      close: () => {
        if (socket === current) handleClose(opened);
      },
    });
    socket = current;
  }

  connect();

  return {
    kind: 'websocket',
    invoke(name, input) {
      if (state === 'closed') return Promise.reject(closedError());
      return new Promise((resolve, reject) => {
        const id = nextId++;
        const call: PendingCall = { message: { t: 'invoke', id, name, input }, sent: false, resolve, reject };
        pending.set(id, call);
        if (state === 'open') {
          call.sent = true;
          send(call.message);
        }
      });
    },
    subscribe(stream, listener) {
      const id = nextId++;
      subscriptions.set(id, { stream, listener });
      if (state === 'open') send({ t: 'subscribe', id, stream });
      return () => {
        if (!subscriptions.delete(id)) return;
        if (state === 'open') send({ t: 'unsubscribe', id });
      };
    },
    prepareImport: (file, prepareOptions) => options.upload(file, prepareOptions),
    connectionState: () => state,
    onConnectionChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    dispose() {
      if (state === 'closed') return;
      setState('closed');
      if (reconnectTimer !== undefined) clearTimeout(reconnectTimer);
      const error = everOpened ? connectionLostError() : connectionUnavailableError();
      for (const call of pending.values()) call.reject(error);
      pending.clear();
      subscriptions.clear();
      const last = socket;
      socket = undefined;
      last?.close();
    },
  };
}

function closedError(): WorkbenchError {
  return new WorkbenchError({
    code: 'INTERNAL',
    message: 'This window has closed its connection to the workbench.',
    hint: 'Reload the window.',
  });
}
