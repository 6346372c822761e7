import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkbenchError, type ClientMessage, type ServerMessage } from '../../shared/contract/index.js';
import { isConnectionError } from './connectionErrors.js';
import type { SocketFactory, SocketHandlers } from './socket.js';
import type { ConnectionState } from './transport.js';
import { createWebSocketTransport, exponentialBackoff } from './webSocketTransport.js';
import {
  createReassembler,
  frameMessage,
  wireLimits,
  type ChunkMessage,
  type WireLimits,
} from '../../shared/contract/wireChunks.js';

/** A socket the test opens, feeds and drops by hand; it records what the transport sent. */
class FakeSocket {
  readonly sent: ClientMessage[] = [];
  closedByClient = false;
  constructor(
    readonly url: string,
    private readonly handlers: SocketHandlers,
  ) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientMessage);
  }
  close(): void {
    this.closedByClient = true;
  }
  open(): void {
    this.handlers.open();
  }
  receive(message: ServerMessage | string): void {
    this.handlers.message(typeof message === 'string' ? message : JSON.stringify(message));
  }
  drop(reason?: string): void {
    this.handlers.close(reason);
  }
}

function setup(limits?: WireLimits) {
  const sockets: FakeSocket[] = [];
  const createSocket: SocketFactory = (url, handlers) => {
    const socket = new FakeSocket(url, handlers);
    sockets.push(socket);
    return socket;
  };
  const upload = vi.fn(() => Promise.resolve({ kind: 'upload' as const, uploadId: '0'.repeat(36) }));
  const transport = createWebSocketTransport({
    url: 'ws://host/api/rpc',
    createSocket,
    upload,
    ...(limits ? { limits } : {}),
  });
  const latest = (): FakeSocket => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket was created');
    return socket;
  };
  return { transport, sockets, latest, upload };
}

const ok = (id: number, value: unknown): ServerMessage => ({
  t: 'result',
  id,
  envelope: { ok: true, value },
});

describe('WebSocket transport', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('connects at once to the given url', () => {
    const { sockets, transport } = setup();
    expect(sockets.map((s) => s.url)).toEqual(['ws://host/api/rpc']);
    expect(transport.connectionState()).toBe('connecting');
  });

  it('holds calls until the socket opens, then sends them with distinct ids', async () => {
    const { transport, latest } = setup();
    const first = transport.invoke('system.info', {});
    const second = transport.invoke('jobs.list', {});
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent).toEqual([
      { t: 'invoke', id: 1, name: 'system.info', input: {} },
      { t: 'invoke', id: 2, name: 'jobs.list', input: {} },
    ]);
    latest().receive(ok(2, ['jobs']));
    latest().receive(ok(1, { workspace: '/w' }));
    await expect(first).resolves.toEqual({ workspace: '/w' });
    await expect(second).resolves.toEqual(['jobs']);
  });

  it('rebuilds a WorkbenchError from an error envelope', async () => {
    const { transport, latest } = setup();
    latest().open();
    const call = transport.invoke('datasets.get', { slug: 'nope' });
    latest().receive({
      t: 'result',
      id: 1,
      envelope: {
        ok: false,
        error: { code: 'NOT_FOUND', message: 'There is no data set "nope".', hint: 'Import it first.' },
      },
    });
    const error: unknown = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbenchError);
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      message: 'There is no data set "nope".',
      hint: 'Import it first.',
    });
  });

  it('ignores messages it cannot read and results for unknown ids', async () => {
    const { transport, latest } = setup();
    latest().open();
    const call = transport.invoke('system.info', {});
    latest().receive('not json');
    latest().receive(JSON.stringify({ t: 'mystery', id: 1 }));
    latest().receive(ok(99, 'stray'));
    latest().receive(ok(1, 'answer'));
    await expect(call).resolves.toBe('answer');
  });

  it('delivers events to the subscription they belong to and stops after dispose', () => {
    const { transport, latest } = setup();
    latest().open();
    const jobs: unknown[] = [];
    const others: unknown[] = [];
    const stop = transport.subscribe('jobs.updated', (payload) => jobs.push(payload));
    transport.subscribe('jobs.updated', (payload) => others.push(payload));
    expect(latest().sent).toEqual([
      { t: 'subscribe', id: 1, stream: 'jobs.updated' },
      { t: 'subscribe', id: 2, stream: 'jobs.updated' },
    ]);
    latest().receive({ t: 'event', id: 1, payload: { id: 'a' } });
    latest().receive({ t: 'event', id: 2, payload: { id: 'b' } });
    stop();
    expect(latest().sent.at(-1)).toEqual({ t: 'unsubscribe', id: 1 });
    latest().receive({ t: 'event', id: 1, payload: { id: 'late' } });
    expect(jobs).toEqual([{ id: 'a' }]);
    expect(others).toEqual([{ id: 'b' }]);
  });

  it('sends subscriptions made before the socket opens once it does', () => {
    const { transport, latest } = setup();
    transport.subscribe('jobs.updated', () => undefined);
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent).toEqual([{ t: 'subscribe', id: 1, stream: 'jobs.updated' }]);
  });

  it('rejects calls in flight with a connection error when the socket drops', async () => {
    const { transport, latest } = setup();
    latest().open();
    const call = transport.invoke('jobs.list', {});
    latest().drop();
    const error: unknown = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbenchError);
    expect(error).toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/lost the connection/i) as unknown,
    });
    expect((error as WorkbenchError).hint).toMatch(/reconnects/);
    expect(isConnectionError(error)).toBe(true);
  });

  it('reports a host that never answered differently from a dropped connection', async () => {
    const { transport, latest } = setup();
    const call = transport.invoke('system.info', {});
    latest().drop();
    await expect(call).rejects.toMatchObject({ message: expect.stringMatching(/cannot reach/i) as unknown });
  });

  it('reconnects with growing delays and re-subscribes on the new socket', () => {
    const { transport, sockets, latest } = setup();
    const states: ConnectionState[] = [];
    transport.onConnectionChange((state) => states.push(state));
    const events: unknown[] = [];
    transport.subscribe('jobs.updated', (payload) => events.push(payload));
    latest().open();
    latest().drop();
    expect(transport.connectionState()).toBe('connecting');
    vi.advanceTimersByTime(exponentialBackoff(0) - 1);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    latest().drop();
    vi.advanceTimersByTime(exponentialBackoff(1) - 1);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    latest().open();
    expect(latest().sent).toEqual([{ t: 'subscribe', id: 1, stream: 'jobs.updated' }]);
    latest().receive({ t: 'event', id: 1, payload: 'after reconnect' });
    expect(events).toEqual(['after reconnect']);
    expect(states).toEqual(['open', 'connecting', 'open']);
  });

  it('starts the backoff over after a successful reconnect', () => {
    const { sockets, latest } = setup();
    latest().drop();
    vi.advanceTimersByTime(exponentialBackoff(0));
    latest().drop();
    vi.advanceTimersByTime(exponentialBackoff(1));
    latest().open();
    latest().drop();
    vi.advanceTimersByTime(exponentialBackoff(0));
    expect(sockets).toHaveLength(4);
  });

  it('caps the backoff', () => {
    expect(exponentialBackoff(0)).toBe(250);
    expect(exponentialBackoff(3)).toBe(2000);
    expect(exponentialBackoff(20)).toBe(10_000);
  });

  it('ignores callbacks from a socket it has replaced', async () => {
    const { transport, sockets, latest } = setup();
    latest().open();
    latest().drop();
    vi.advanceTimersByTime(exponentialBackoff(0));
    const [old] = sockets;
    latest().open();
    const call = transport.invoke('system.info', {});
    old?.drop();
    old?.receive(ok(1, 'from the old socket'));
    latest().receive(ok(1, 'from the new socket'));
    await expect(call).resolves.toBe('from the new socket');
  });

  it('forgets a subscription the host refuses', () => {
    const { transport, latest } = setup();
    latest().open();
    const events: unknown[] = [];
    transport.subscribe('no.such.stream', (payload) => events.push(payload));
    latest().receive({
      t: 'result',
      id: 1,
      envelope: { ok: false, error: { code: 'NOT_FOUND', message: 'no stream' } },
    });
    latest().receive({ t: 'event', id: 1, payload: 'ghost' });
    expect(events).toEqual([]);
    latest().drop();
    vi.advanceTimersByTime(exponentialBackoff(0));
    latest().open();
    expect(latest().sent).toEqual([]);
  });

  it('stops reconnecting and rejects pending calls on dispose', async () => {
    const { transport, sockets, latest } = setup();
    latest().open();
    const call = transport.invoke('jobs.list', {});
    transport.dispose();
    expect(latest().closedByClient).toBe(true);
    await expect(call).rejects.toBeInstanceOf(WorkbenchError);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(transport.connectionState()).toBe('closed');
    await expect(transport.invoke('jobs.list', {})).rejects.toBeInstanceOf(WorkbenchError);
  });

  it('hands file preparation to the upload function', async () => {
    const { transport, upload } = setup();
    const file = { name: 'a.csv' } as File;
    await expect(transport.prepareImport(file)).resolves.toEqual({
      kind: 'upload',
      uploadId: '0'.repeat(36),
    });
    expect(upload).toHaveBeenCalledWith(file, undefined);
  });

  describe('large messages and limits', () => {
    const small: WireLimits = { ...wireLimits, chunkChars: 64, messageChars: 1024, callsInFlight: 2 };

    it('sends a long call input in chunks the host puts back together', () => {
      const { transport, latest } = setup(small);
      latest().open();
      void transport.invoke('models.run', { data: 'z'.repeat(300) });
      const sent = latest().sent as unknown as ChunkMessage[];
      expect(sent.length).toBeGreaterThan(1);
      expect(sent.every((frame) => frame.t === 'chunk')).toBe(true);
      const reassembler = createReassembler(small);
      const whole = sent.map((chunk) => reassembler.accept(chunk)).at(-1);
      expect(JSON.parse(whole as string)).toEqual({
        t: 'invoke',
        id: 1,
        name: 'models.run',
        input: { data: 'z'.repeat(300) },
      });
    });

    it('reads a long result that arrives in chunks', async () => {
      const { transport, latest } = setup(small);
      latest().open();
      const call = transport.invoke('models.run', {});
      for (const frame of frameMessage(JSON.stringify(ok(1, 'y'.repeat(500))), 1, small))
        latest().receive(frame);
      await expect(call).resolves.toBe('y'.repeat(500));
    });

    it('refuses, before sending anything, an input above the cap, naming its size and the cap', async () => {
      const { transport, latest } = setup(small);
      latest().open();
      const refused = transport.invoke('models.run', { data: 'z'.repeat(2000) });
      await expect(refused).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message:
          'The input of models.run is 2.0 KiB as sent; a browser connection carries at most 1.0 KiB in one call.',
        hint: 'Send a smaller batch, or run it with the CLI (`mlw`) on the machine that hosts the workbench.',
      });
      expect(latest().sent).toEqual([]);
    });

    it('keeps no more calls in flight than the host takes, and sends the rest as answers come', async () => {
      const { transport, latest } = setup(small);
      latest().open();
      const calls = [1, 2, 3].map(() => transport.invoke('system.info', {}));
      expect(latest().sent.map((message) => (message as { id: number }).id)).toEqual([1, 2]);
      latest().receive(ok(1, 'one'));
      await expect(calls[0]).resolves.toBe('one');
      expect(latest().sent.map((message) => (message as { id: number }).id)).toEqual([1, 2, 3]);
    });

    it('drops a host that breaks the chunk rules, and fails its calls with the reason it gave', async () => {
      const { transport, latest } = setup(small);
      latest().open();
      const call = transport.invoke('system.info', {});
      latest().receive(JSON.stringify({ t: 'chunk', id: 1, seq: 5, total: 10, data: 'x' }));
      expect(latest().closedByClient).toBe(true);
      latest().drop('more than 64 calls in flight on one connection');
      await expect(call).rejects.toMatchObject({
        message:
          'Lost the connection to the workbench host before it answered (the host said: more than 64 calls in flight on one connection).',
      });
      expect(transport.connectionState()).toBe('connecting');
    });
  });
});
