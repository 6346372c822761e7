import {
  serverMessageSchema,
  unwrapEnvelope,
  WorkbenchError,
  type ClientMessage,
  type ImportSource,
} from '../../shared/contract/index.js';
import {
  ChunkProtocolError,
  MessageTooLargeError,
  createReassembler,
  describeSize,
  frameMessage,
  readFrame,
  wireLimits,
  type WireLimits,
} from '../../shared/contract/wireChunks.js';
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
  /** The host's limits (wire.ts); tests lower them. */
  limits?: WireLimits;
}

interface PendingCall {
  /** The invoke message as frames: itself, or its chunks when it is long. */
  frames: string[];
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
 * may or may not have run them and only the caller can decide whether to retry. Long messages travel
 * in chunks both ways (wireChunks.ts), and no more calls are in flight than the host takes: the rest
 * wait here, in order.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): Transport {
  const backoff = options.backoffMs ?? exponentialBackoff;
  const limits = options.limits ?? wireLimits;
  const reassembler = createReassembler(limits);
  let nextChunkId = 1;
  let inFlight = 0;
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

  const sendFrames = (frames: readonly string[]): void => {
    for (const frame of frames) socket?.send(frame);
  };
  const send = (message: ClientMessage): void =>
    sendFrames(frameMessage(JSON.stringify(message), nextChunkId++, limits));

  /** Sends waiting calls, oldest first, while the host has room for them. */
  const sendWaiting = (): void => {
    if (state !== 'open') return;
    for (const call of pending.values()) {
      if (inFlight >= limits.callsInFlight) return;
      if (call.sent) continue;
      call.sent = true;
      inFlight += 1;
      sendFrames(call.frames);
    }
  };

  const handleMessage = (data: string): void => {
    let raw: unknown;
    try {
      raw = readFrame(data, reassembler);
    } catch (error) {
      // A host that breaks the chunk rules is not one to trust with more: start afresh.
      if (error instanceof ChunkProtocolError) socket?.close();
      return;
    }
    if (raw === undefined) return;
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
      if (call.sent) inFlight -= 1;
      sendWaiting();
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
    sendWaiting();
  };

  const handleClose = (wasOpen: boolean, reason: string): void => {
    socket = undefined;
    reassembler.clear();
    inFlight = 0;
    const error = wasOpen ? connectionLostError(reason) : connectionUnavailableError();
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
      close: (reason = '') => {
        if (socket === current) handleClose(opened, reason);
      },
    });
    socket = current;
  }

  connect();

  return {
    kind: 'websocket',
    invoke(name, input) {
      if (state === 'closed') return Promise.reject(closedError());
      const id = nextId++;
      const message: ClientMessage = { t: 'invoke', id, name, input };
      let frames: string[];
      try {
        frames = frameMessage(JSON.stringify(message), nextChunkId++, limits);
      } catch (error) {
        if (error instanceof MessageTooLargeError) return Promise.reject(tooLargeInput(name, error));
        throw error;
      }
      return new Promise((resolve, reject) => {
        pending.set(id, { frames, sent: false, resolve, reject });
        sendWaiting();
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
      reassembler.clear();
      const last = socket;
      socket = undefined;
      last?.close();
    },
  };
}

/** Refused before anything is sent: the host would close the connection on a message this long. */
function tooLargeInput(name: string, error: MessageTooLargeError): WorkbenchError {
  return new WorkbenchError({
    code: 'INVALID_INPUT',
    message: `The input of ${name} is ${describeSize(error.sizeChars)} as sent; a browser connection carries at most ${describeSize(error.limitChars)} in one call.`,
    hint: 'Send a smaller batch, or run it with the CLI (`mlw`) on the machine that hosts the workbench.',
  });
}

function closedError(): WorkbenchError {
  return new WorkbenchError({
    code: 'INTERNAL',
    message: 'This window has closed its connection to the workbench.',
    hint: 'Reload the window.',
  });
}
