import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../shared/contract/wire.js';
import { windowCaller } from '../rpc/callers.js';
import { APP_VERSION } from '../rpc/appVersion.js';
import { createWorkbench, type Workbench } from '../rpc/workbench.js';
import { startBrowserServer, type BrowserServer } from './browserServer.js';
import { closeReasons } from './rpcSocket.js';
import { createReassembler, frameMessage, readFrame, wireLimits } from '../../shared/contract/wireChunks.js';

/**
 * A corpus of clients that break the protocol, each speaking hand-built frames over a raw TCP socket.
 * Each gets its own connection closed with the code and reason named, and afterwards the host still
 * answers a normal authenticated call: one bad client must never take the host (and every other
 * window) down with it.
 */

const FRAME_BYTES = 256 * 1024;
const HEARTBEAT_MS = 1000;
const reasons = closeReasons(FRAME_BYTES);

let dir: string;
let workbench: Workbench;
let server: BrowserServer;
const logged: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-hostile-'));
  await mkdir(join(dir, 'renderer'));
  workbench = await createWorkbench({
    workspaceRoot: join(dir, 'ws'),
    host: 'browser',
    appVersion: APP_VERSION,
  });
  server = await startBrowserServer({
    router: workbench.router,
    caller: windowCaller('browser', workbench.workspace, workbench.uploads),
    uploads: workbench.uploads,
    staticDir: join(dir, 'renderer'),
    log: (line) => logged.push(line),
    heartbeatMs: HEARTBEAT_MS,
    limits: {
      frameBytes: FRAME_BYTES,
      chunkChars: 16 * 1024,
      messageChars: 1024 * 1024,
      pendingChars: 2 * 1024 * 1024,
      pendingMessages: 4,
      callsInFlight: 4,
      highWaterBytes: 64 * 1024,
      backlogBytes: 1024 * 1024,
    },
  });
});

afterAll(async () => {
  await server.close();
  await workbench.dispose();
  await rm(dir, { recursive: true, force: true });
});

interface FrameSpec {
  opcode: number;
  payload?: Buffer | string;
  fin?: boolean;
  rsv?: number;
  masked?: boolean;
  /** Claims this length in the header whatever the payload holds. */
  claimedLength?: bigint;
}

/** One WebSocket frame, built by hand so it can break any rule of RFC 6455. */
function frame(spec: FrameSpec): Buffer {
  const payload =
    typeof spec.payload === 'string' ? Buffer.from(spec.payload) : (spec.payload ?? Buffer.alloc(0));
  const length = spec.claimedLength ?? BigInt(payload.length);
  const masked = spec.masked ?? true;
  const first = ((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | spec.opcode;
  let header: Buffer;
  if (length < 126n) header = Buffer.from([first, Number(length)]);
  else if (length < 65536n) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = 126;
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = 127;
    header.writeBigUInt64BE(length, 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  header[1] = (header[1] as number) | 0x80;
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] as number)));
  return Buffer.concat([header, mask, body]);
}

const text = (payload: string | Buffer, more: Partial<FrameSpec> = {}): Buffer =>
  frame({ opcode: 0x1, payload, ...more });
const closeFrame = (code: number): Buffer => {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(code);
  return frame({ opcode: 0x8, payload });
};
const invoke = (id: number, name: string): string => JSON.stringify({ t: 'invoke', id, name, input: {} });

interface Outcome {
  /** The status line when the server refused the upgrade. */
  httpStatus?: string;
  /** Code and reason of the server's close frame, if it sent one. */
  close?: { code: number; reason: string };
  /** The server cut the TCP connection. */
  ended: boolean;
}

function upgradeRequest(): string {
  return [
    'GET /api/rpc HTTP/1.1',
    `Host: 127.0.0.1:${server.port}`,
    `Origin: http://127.0.0.1:${server.port}`,
    `Cookie: mlw_token_${server.port}=${server.token}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n');
}

/** Reads server frames until a close frame; the rest of what the server sends is ignored. */
function parseClose(bytes: Buffer): Outcome['close'] {
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = (bytes[at] as number) & 0x0f;
    let length = (bytes[at + 1] as number) & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = bytes.readUInt16BE(at + 2);
      start = at + 4;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(at + 2));
      start = at + 10;
    }
    if (start + length > bytes.length) return undefined;
    if (opcode === 0x8) {
      const body = bytes.subarray(start, start + length);
      return {
        code: body.length >= 2 ? body.readUInt16BE(0) : 1005,
        reason: body.subarray(2).toString('utf8'),
      };
    }
    at = start + length;
  }
  return undefined;
}

interface ClientScript {
  /** Sent instead of the upgrade request. */
  raw?: Buffer;
  frames?: Buffer[];
  /**
   * False: after the upgrade the client reads nothing and writes one frame every few milliseconds,
   * until the host gives up on it; only then does it read, to see how the connection ended.
   */
  reads?: boolean;
}

/**
 * Opens a raw connection, upgrades it (unless `raw` is sent instead), writes `frames`, then waits
 * for the server to end the connection.
 */
function runClient(options: ClientScript): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(server.port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let upgraded = false;
    let httpStatus: string | undefined;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('the server never ended the connection'));
    }, 10_000);
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      if (options.raw) socket.write(options.raw);
      else socket.write(upgradeRequest());
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      // Having been told why, the client hangs up, as any peer would.
      if (upgraded && parseClose(received)) socket.end();
      if (upgraded || httpStatus !== undefined) return;
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) return;
      httpStatus = received.subarray(0, received.indexOf('\r\n')).toString('latin1');
      received = received.subarray(end + 4);
      if (httpStatus.includes(' 101 ')) {
        upgraded = true;
        httpStatus = undefined;
        if (options.reads === false) void writeUnread(socket, options.frames ?? []);
        else for (const bytes of options.frames ?? []) socket.write(bytes);
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const close = upgraded ? parseClose(received) : undefined;
      resolve({ ...(httpStatus ? { httpStatus } : {}), ...(close ? { close } : {}), ended: true });
    });
  });
}

async function writeUnread(socket: Socket, frames: Buffer[]): Promise<void> {
  socket.pause();
  const seen = logged.length;
  const gaveUp = (): boolean => logged.slice(seen).some((line) => line.includes('unread'));
  for (const bytes of frames) {
    if (gaveUp() || socket.destroyed) break;
    socket.write(bytes);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  for (let waited = 0; !gaveUp() && waited < 5000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(gaveUp()).toBe(true);
  socket.resume();
}

/** A well-behaved client: it opens, calls system.info, and gets the answer. */
async function normalCallWorks(): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/rpc`, {
    headers: {
      origin: `http://127.0.0.1:${server.port}`,
      cookie: `mlw_token_${server.port}=${server.token}`,
    },
  });
  const reply = await new Promise<ServerMessage>((resolve, reject) => {
    ws.once('open', () => ws.send(invoke(1, 'system.info')));
    ws.once('message', (data) => resolve(JSON.parse((data as Buffer).toString('utf8')) as ServerMessage));
    ws.once('error', reject);
  });
  ws.close();
  expect(reply).toMatchObject({ t: 'result', id: 1, envelope: { ok: true } });
}

const chunk = (id: number, seq: number, total: number, data: string): string =>
  JSON.stringify({ t: 'chunk', id, seq, total, data });
const bigName = 'x'.repeat(200 * 1024);

interface Case {
  name: string;
  client: ClientScript;
  /** The close frame expected; undefined when the server is expected to cut the connection. */
  close?: { code: number; reason: string | RegExp };
  httpStatus?: RegExp;
}

const corpus: Case[] = [
  {
    name: 'a frame over the size limit',
    client: { frames: [text(Buffer.alloc(1024), { claimedLength: BigInt(FRAME_BYTES + 1) })] },
    close: { code: 1009, reason: reasons[1009] as string },
  },
  {
    name: 'a length header of 2^63',
    client: { frames: [text(Buffer.alloc(16), { claimedLength: 2n ** 63n })] },
    close: { code: 1009, reason: reasons[1009] as string },
  },
  {
    name: 'an unmasked client frame',
    client: { frames: [text(invoke(1, 'system.info'), { masked: false })] },
    close: { code: 1002, reason: reasons[1002] as string },
  },
  {
    name: 'invalid UTF-8 in a text frame',
    client: { frames: [text(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))] },
    close: { code: 1007, reason: reasons[1007] as string },
  },
  {
    name: 'reserved opcode 0x3',
    client: { frames: [frame({ opcode: 0x3, payload: 'hi' })] },
    close: { code: 1002, reason: reasons[1002] as string },
  },
  {
    name: 'close code 1005 (reserved, never sent)',
    client: { frames: [closeFrame(1005)] },
    close: { code: 1002, reason: reasons[1002] as string },
  },
  {
    name: 'close code 999',
    client: { frames: [closeFrame(999)] },
    close: { code: 1002, reason: reasons[1002] as string },
  },
  {
    name: 'RSV1 set with no extension agreed',
    client: { frames: [text(invoke(1, 'system.info'), { rsv: 4 })] },
    close: { code: 1002, reason: reasons[1002] as string },
  },
  {
    name: 'a continuation frame with no start',
    client: { frames: [frame({ opcode: 0x0, payload: 'tail' })] },
    close: { code: 1002, reason: reasons[1002] as string },
  },
  {
    name: 'a control frame over 125 bytes',
    client: { frames: [frame({ opcode: 0x9, payload: Buffer.alloc(126) })] },
    close: { code: 1002, reason: reasons[1002] as string },
  },
  {
    name: 'a binary frame',
    client: { frames: [frame({ opcode: 0x2, payload: Buffer.from([1, 2, 3]) })] },
    close: { code: 1003, reason: 'binary frames are not part of the workbench protocol' },
  },
  {
    name: 'text that is not JSON',
    client: { frames: [text('{"t":"invoke",')] },
    close: { code: 1007, reason: 'a message is not JSON' },
  },
  {
    name: 'JSON that is no workbench message and has no id',
    client: { frames: [text('[1,2,3]')] },
    close: { code: 1008, reason: 'a message is not a workbench message' },
  },
  {
    name: 'a flood of calls past the in-flight limit',
    client: { frames: Array.from({ length: 6 }, (_, i) => text(invoke(i + 1, 'datasets.list'))) },
    close: { code: 1008, reason: 'more than 4 calls in flight on one connection' },
  },
  {
    name: 'a chunk claiming 2^53 characters',
    client: { frames: [text(chunk(1, 0, 2 ** 53, 'x'))] },
    close: { code: 1009, reason: `a message of ${2 ** 53} characters exceeds the limit of 1048576` },
  },
  {
    name: 'chunks out of order',
    client: { frames: [text(chunk(1, 0, 30, 'a'.repeat(10))), text(chunk(1, 2, 30, 'b'.repeat(10)))] },
    close: { code: 1008, reason: 'chunk 2 of message 1 came where 1 was due' },
  },
  {
    name: 'overlapping chunks (one sent twice)',
    client: { frames: [text(chunk(1, 0, 30, 'a'.repeat(10))), text(chunk(1, 0, 30, 'a'.repeat(10)))] },
    close: { code: 1008, reason: 'chunk 0 of message 1 came where 1 was due' },
  },
  {
    name: 'chunked messages never finished, past the per-connection cap',
    client: {
      frames: [1, 2, 3].map((id) => text(chunk(id, 0, 900 * 1024, 'a'.repeat(16)))),
    },
    close: {
      code: 1009,
      reason: `chunked messages in progress would hold ${3 * 900 * 1024} characters; the limit is ${2 * 1024 * 1024}`,
    },
  },
  {
    name: 'a chunked message whose text is another chunk',
    client: {
      frames: [text(chunk(1, 0, chunk(2, 0, 5, 'hello').length, chunk(2, 0, 5, 'hello')))],
    },
    close: { code: 1008, reason: 'a chunked message holds another chunk' },
  },
  {
    name: 'a truncated frame, then silence',
    client: { frames: [text(Buffer.alloc(10), { claimedLength: 100n })] },
  },
  {
    name: 'a client that stops reading its replies',
    client: {
      reads: false,
      frames: Array.from({ length: 100 }, (_, round) => text(invoke(round + 1, bigName))),
    },
  },
  {
    name: 'garbage before the upgrade',
    client: { raw: Buffer.from('\x00\x01GARBAGE\r\n\r\n') },
    httpStatus: /^HTTP\/1\.1 400 Bad Request$/,
  },
];

describe('hostile clients of the browser host', () => {
  it.each(corpus)('$name: closes that connection, and the host serves others', async (testCase) => {
    const outcome = await runClient(testCase.client);
    expect(outcome.ended).toBe(true);
    if (testCase.httpStatus) expect(outcome.httpStatus).toMatch(testCase.httpStatus);
    if (testCase.close) {
      expect(outcome.close?.code).toBe(testCase.close.code);
      expect(outcome.close?.reason).toEqual(testCase.close.reason);
    } else if (!testCase.httpStatus) {
      expect(outcome.close).toBeUndefined();
    }
    await normalCallWorks();
  });

  it('answers a well-formed message of the wrong shape, and an unknown procedure, with an error', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/rpc`, {
      headers: {
        origin: `http://127.0.0.1:${server.port}`,
        cookie: `mlw_token_${server.port}=${server.token}`,
      },
    });
    const replies: ServerMessage[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => {
        ws.send(JSON.stringify({ t: 'invoke', id: 7 }));
        ws.send(invoke(8, 'no.such'));
        ws.send(JSON.stringify({ t: 'subscribe', id: 9, stream: 'no.stream' }));
      });
      ws.on('message', (data) => {
        replies.push(JSON.parse((data as Buffer).toString('utf8')) as ServerMessage);
        if (replies.length === 3) resolve();
      });
      ws.once('error', reject);
    });
    ws.close();
    const byId = new Map(replies.map((reply) => [reply.id, reply]));
    expect(byId.get(7)).toMatchObject({
      envelope: {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: 'The host could not read message 7: Invalid input: expected string, received undefined.',
        },
      },
    });
    expect(byId.get(8)).toMatchObject({
      envelope: {
        ok: false,
        error: { code: 'NOT_FOUND', message: 'There is no procedure named "no.such".' },
      },
    });
    expect(byId.get(9)).toMatchObject({ envelope: { ok: false, error: { code: 'NOT_FOUND' } } });
  });

  it('carries a call and its answer larger than a frame, in chunks both ways', async () => {
    const testLimits = { ...wireLimits, chunkChars: 16 * 1024, messageChars: 1024 * 1024 };
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/rpc`, {
      headers: {
        origin: `http://127.0.0.1:${server.port}`,
        cookie: `mlw_token_${server.port}=${server.token}`,
      },
    });
    const name = 'n'.repeat(FRAME_BYTES * 2);
    const reassembler = createReassembler(testLimits);
    const reply = await new Promise<unknown>((resolve, reject) => {
      ws.once('open', () => {
        for (const bytes of frameMessage(invoke(1, name), 1, testLimits)) ws.send(bytes);
      });
      ws.on('message', (data) => {
        expect((data as Buffer).length).toBeLessThan(FRAME_BYTES);
        const message = readFrame((data as Buffer).toString('utf8'), reassembler);
        if (message !== undefined) resolve(message);
      });
      ws.once('error', reject);
    });
    ws.close();
    expect(reply).toMatchObject({
      t: 'result',
      id: 1,
      envelope: {
        ok: false,
        error: { code: 'NOT_FOUND', message: `There is no procedure named "${name}".` },
      },
    });
  });

  it('answers a result above the per-message cap with an error that names its size and the cap', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/rpc`, {
      headers: {
        origin: `http://127.0.0.1:${server.port}`,
        cookie: `mlw_token_${server.port}=${server.token}`,
      },
    });
    // The host echoes an unknown name: just under the cap in, over it out.
    const name = 'n'.repeat(1024 * 1024 - 100);
    const testLimits = { ...wireLimits, chunkChars: 16 * 1024, messageChars: 1024 * 1024 };
    const reassembler = createReassembler(testLimits);
    const reply = await new Promise<unknown>((resolve, reject) => {
      ws.once('open', () => {
        for (const bytes of frameMessage(invoke(1, name), 1, testLimits)) ws.send(bytes);
      });
      ws.on('message', (data) => {
        const message = readFrame((data as Buffer).toString('utf8'), reassembler);
        if (message !== undefined) resolve(message);
      });
      ws.once('error', reject);
    });
    ws.close();
    expect(reply).toMatchObject({
      envelope: {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: `The result of ${'n'.repeat(80)} is 1.0 MiB; a browser connection carries at most 1.0 MiB in one message.`,
          hint: 'Use the CLI (`mlw`) on the host for this, or ask for less at once (a smaller batch or page).',
        },
      },
    });
  });

  it('logs one line per closed connection, and never the token', () => {
    expect(logged.length).toBeGreaterThanOrEqual(corpus.length - 2);
    for (const line of logged) expect(line).not.toContain(server.token);
  });
});
