import type { RawData, WebSocket } from 'ws';
import { WorkbenchError, isWorkbenchError, type WorkbenchErrorShape } from '../../shared/contract/errors.js';
import { clientMessageSchema, type ServerMessage } from '../../shared/contract/wire.js';
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
import type { CallerContext } from '../rpc/caller.js';
import type { Router } from '../rpc/router.js';
import { createPacedSender } from './pacedSender.js';

export interface RpcSocketLimits extends WireLimits {
  /** Sends pause while the socket buffers this many bytes. */
  highWaterBytes: number;
  /** A peer with this much unread is dropped: it has stopped reading. */
  backlogBytes: number;
}

export const rpcSocketLimits: RpcSocketLimits = {
  ...wireLimits,
  highWaterBytes: 4 * 1024 * 1024,
  backlogBytes: wireLimits.messageChars + 64 * 1024 * 1024,
};

export interface RpcSocketOptions {
  router: Router;
  caller: CallerContext;
  limits: RpcSocketLimits;
  /** Names the connection in log lines ("connection 7"). */
  label: string;
  /** One line per connection the host closes; never carries the token. */
  log: (line: string) => void;
}

/** Close reasons may hold 123 bytes; ours are ASCII. */
const MAX_REASON = 123;

/**
 * Serves the contract over one authenticated WebSocket. Whatever the peer sends, the worst it gets
 * is its own connection closed with a code and a reason; subscriptions end with the socket.
 */
export function serveRpcSocket(socket: WebSocket, options: RpcSocketOptions): void {
  const { router, caller, limits, label, log } = options;
  const subscriptions = new Map<number, () => void>();
  const reassembler = createReassembler(limits);
  let inFlight = 0;
  let nextChunkId = 1;
  let closing = false;
  const reasons = closeReasons(limits.frameBytes);

  const closeWith = (code: number, reason: string): void => {
    if (closing) return;
    closing = true;
    log(`${label} closed: ${code} ${reason}`);
    reassembler.clear();
    socket.close(code, reason.slice(0, MAX_REASON));
  };

  const sender = createPacedSender(socket, {
    highWaterBytes: limits.highWaterBytes,
    maxBacklogBytes: limits.backlogBytes,
    onStalled: (backlog) => {
      closing = true;
      log(`${label} dropped: the page left ${describeSize(backlog)} unread`);
      // A close frame would wait behind what the peer is not reading: cut the connection instead.
      socket.terminate();
    },
  });

  const send = (message: ServerMessage, what: string): void => {
    try {
      sender.send(frameMessage(JSON.stringify(message), nextChunkId++, limits));
    } catch (error) {
      if (!(error instanceof MessageTooLargeError) || message.t !== 'result') throw error;
      send(
        { t: 'result', id: message.id, envelope: { ok: false, error: tooLargeResult(what, error) } },
        what,
      );
    }
  };
  const fail = (id: number, error: WorkbenchErrorShape, what: string): void =>
    send({ t: 'result', id, envelope: { ok: false, error } }, what);

  // ws closes a connection whose frames break RFC 6455 itself, with a code, and reports why here.
  socket.on('error', (error) => {
    const status = statusOf(error);
    if (!closing) log(`${label} closed: ${status} ${reasons[status] ?? 'socket error'} (${error.message})`);
    closing = true;
  });

  socket.on('message', (data, isBinary) => {
    if (closing) return;
    if (isBinary) {
      closeWith(1003, 'binary frames are not part of the workbench protocol');
      return;
    }
    let raw: unknown;
    try {
      raw = readFrame(rawText(data), reassembler);
    } catch (error) {
      if (error instanceof ChunkProtocolError) closeWith(error.closeCode, error.reason);
      else closeWith(1007, 'a message is not JSON');
      return;
    }
    if (raw === undefined) return;
    const parsed = clientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const id = idOf(raw);
      if (id === undefined) closeWith(1008, 'a message is not a workbench message');
      else fail(id, unreadableMessage(id, parsed.error.issues[0]?.message), 'a message');
      return;
    }
    const message = parsed.data;
    switch (message.t) {
      case 'invoke': {
        if (inFlight >= limits.callsInFlight) {
          closeWith(1008, `more than ${limits.callsInFlight} calls in flight on one connection`);
          return;
        }
        inFlight += 1;
        const what = typeof message.name === 'string' ? message.name.slice(0, 80) : 'a call';
        router
          .invoke(message.name, message.input, caller)
          .then((envelope) => send({ t: 'result', id: message.id, envelope }, what))
          .catch((error: unknown) => fail(message.id, internalShape(what, error), what))
          .finally(() => {
            inFlight -= 1;
          });
        break;
      }
      case 'subscribe':
        subscriptions.get(message.id)?.();
        subscriptions.delete(message.id);
        try {
          subscriptions.set(
            message.id,
            router.subscribe(message.stream, (payload) => sendEvent(message.id, payload, message.stream)),
          );
        } catch (error) {
          fail(
            message.id,
            isWorkbenchError(error) ? error.toShape() : internalShape(message.stream, error),
            'subscribe',
          );
        }
        break;
      case 'unsubscribe':
        subscriptions.get(message.id)?.();
        subscriptions.delete(message.id);
        break;
    }
  });

  const sendEvent = (id: number, payload: unknown, stream: string): void => {
    try {
      send({ t: 'event', id, payload }, stream);
    } catch (error) {
      if (!(error instanceof MessageTooLargeError)) throw error;
      log(`${label}: an event of ${stream} (${describeSize(error.sizeChars)}) was too large to send`);
    }
  };

  socket.on('close', () => {
    closing = true;
    reassembler.clear();
    for (const dispose of subscriptions.values()) dispose();
    subscriptions.clear();
  });
}

/** Why ws closed a connection, by the code it closed it with: said to the page and to the log. */
export function closeReasons(frameBytes: number): Record<number, string> {
  return {
    1002: 'protocol error: a frame breaks the WebSocket protocol',
    1007: 'a text frame or close reason is not valid UTF-8',
    1009: `a frame exceeds the ${frameBytes}-byte limit; large messages travel in chunks`,
  };
}

/**
 * ws closes a connection whose frames break the protocol with the status code alone. Give the page
 * (and anyone reading a capture) a reason too: the close is issued before ws reports the error.
 */
export function withCloseReasons(socket: WebSocket, frameBytes: number): WebSocket {
  const close = socket.close.bind(socket);
  const reasons = closeReasons(frameBytes);
  socket.close = (code?: number, reason?: string | Buffer) => {
    close(code, reason ?? (code === undefined ? undefined : reasons[code]));
  };
  return socket;
}

function statusOf(error: Error): number {
  const symbol = Object.getOwnPropertySymbols(error).find((key) => key.description === 'status-code');
  const status = symbol === undefined ? undefined : (error as unknown as Record<symbol, unknown>)[symbol];
  return typeof status === 'number' ? status : 0;
}

function idOf(raw: unknown): number | undefined {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined;
}

function unreadableMessage(id: number, issue: string | undefined): WorkbenchErrorShape {
  return new WorkbenchError({
    code: 'INVALID_INPUT',
    message: `The host could not read message ${id}: ${issue ?? 'it does not match the protocol'}.`,
    hint: 'The window and the host may be from different versions; reload the window.',
  }).toShape();
}

function tooLargeResult(what: string, error: MessageTooLargeError): WorkbenchErrorShape {
  return new WorkbenchError({
    code: 'INVALID_INPUT',
    message: `The result of ${what} is ${describeSize(error.sizeChars)}; a browser connection carries at most ${describeSize(error.limitChars)} in one message.`,
    hint: 'Use the CLI (`mlw`) on the host for this, or ask for less at once (a smaller batch or page).',
  }).toShape();
}

function internalShape(what: string, error: unknown): WorkbenchErrorShape {
  if (isWorkbenchError(error)) return error.toShape();
  return {
    code: 'INTERNAL',
    message: `${what} failed unexpectedly.`,
    hint: 'This is a bug in the workbench; the app log has the details.',
  };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(new Uint8Array(data)).toString('utf8');
}
