import { describe, expect, it } from 'vitest';
import {
  ChunkProtocolError,
  MessageTooLargeError,
  chunkMessageSchema,
  createReassembler,
  frameMessage,
  readFrame,
  wireLimits,
  type ChunkMessage,
  type WireLimits,
} from './wireChunks.js';

const limits: WireLimits = {
  ...wireLimits,
  chunkChars: 10,
  messageChars: 100,
  pendingChars: 150,
  pendingMessages: 3,
};

const chunks = (text: string, id = 1): ChunkMessage[] =>
  frameMessage(text, id, limits).map((frame) => chunkMessageSchema.parse(JSON.parse(frame)));

describe('chunked wire messages', () => {
  it('sends a short message as it is, and a long one as chunks that put it back exactly', () => {
    expect(frameMessage('{"t":"x"}', 1, limits)).toEqual(['{"t":"x"}']);
    // Quotes, backslashes, non-ASCII and a surrogate pair cut in half by a chunk boundary all survive.
    const text = JSON.stringify({ t: 'invoke', s: 'a"b\\c é 😀 '.repeat(4) });
    const frames = frameMessage(text, 7, limits);
    expect(frames.length).toBe(Math.ceil(text.length / limits.chunkChars));
    const reassembler = createReassembler(limits);
    const results = frames.map((frame) => readFrame(frame, reassembler));
    expect(results.slice(0, -1).every((result) => result === undefined)).toBe(true);
    expect(results.at(-1)).toEqual(JSON.parse(text));
    expect(reassembler.pendingChars()).toBe(0);
  });

  it('refuses to frame a message above the per-message cap, naming its size and the cap', () => {
    expect(() => frameMessage('x'.repeat(101), 1, limits)).toThrow(MessageTooLargeError);
    expect(() => frameMessage('x'.repeat(101), 1, limits)).toThrow(
      'message of 101 characters exceeds the 100',
    );
  });

  it('reassembles interleaved messages, each by its own id', () => {
    const reassembler = createReassembler(limits);
    const [a0, a1] = chunks('a'.repeat(20), 1);
    const [b0, b1] = chunks('b'.repeat(15), 2);
    expect([a0, b0, b1, a1].map((chunk) => reassembler.accept(chunk as ChunkMessage))).toEqual([
      undefined,
      undefined,
      'b'.repeat(15),
      'a'.repeat(20),
    ]);
  });

  const hostile: { name: string; sequence: ChunkMessage[]; code: 1008 | 1009; reason: string }[] = [
    {
      name: 'out of order',
      sequence: [
        { t: 'chunk', id: 1, seq: 0, total: 30, data: 'a'.repeat(10) },
        { t: 'chunk', id: 1, seq: 2, total: 30, data: 'a'.repeat(10) },
      ],
      code: 1008,
      reason: 'chunk 2 of message 1 came where 1 was due',
    },
    {
      name: 'overlapping (a chunk repeated)',
      sequence: [
        { t: 'chunk', id: 1, seq: 0, total: 30, data: 'a'.repeat(10) },
        { t: 'chunk', id: 1, seq: 0, total: 30, data: 'a'.repeat(10) },
      ],
      code: 1008,
      reason: 'chunk 0 of message 1 came where 1 was due',
    },
    {
      name: 'no start',
      sequence: [{ t: 'chunk', id: 1, seq: 3, total: 30, data: 'a' }],
      code: 1008,
      reason: 'chunk 3 of message 1 came without its start',
    },
    {
      name: 'claiming 2^53 characters',
      sequence: [{ t: 'chunk', id: 1, seq: 0, total: 2 ** 53, data: 'a' }],
      code: 1009,
      reason: `a message of ${2 ** 53} characters exceeds the limit of 100`,
    },
    {
      name: 'a fractional length',
      sequence: [{ t: 'chunk', id: 1, seq: 0, total: 10.5, data: 'a' }],
      code: 1008,
      reason: 'message 1 claims a length of 10.5',
    },
    {
      name: 'running past the declared length',
      sequence: [
        { t: 'chunk', id: 1, seq: 0, total: 15, data: 'a'.repeat(10) },
        { t: 'chunk', id: 1, seq: 1, total: 15, data: 'a'.repeat(10) },
      ],
      code: 1008,
      reason: 'chunks of message 1 run past its declared length 15',
    },
    {
      name: 'changing the declared length',
      sequence: [
        { t: 'chunk', id: 1, seq: 0, total: 30, data: 'a'.repeat(10) },
        { t: 'chunk', id: 1, seq: 1, total: 20, data: 'a'.repeat(10) },
      ],
      code: 1008,
      reason: 'chunks of message 1 disagree on its length',
    },
    {
      name: 'a chunk larger than chunks are',
      sequence: [{ t: 'chunk', id: 1, seq: 0, total: 30, data: 'a'.repeat(11) }],
      code: 1008,
      reason: 'chunk 0 of message 1 holds 11 characters',
    },
    {
      name: 'never finished, past the per-connection cap',
      sequence: [1, 2].map((id) => ({ t: 'chunk' as const, id, seq: 0, total: 100, data: 'a' })),
      code: 1009,
      reason: 'chunked messages in progress would hold 200 characters; the limit is 150',
    },
    {
      name: 'never finished, too many at once',
      sequence: [1, 2, 3, 4].map((id) => ({ t: 'chunk' as const, id, seq: 0, total: 20, data: 'a' })),
      code: 1008,
      reason: 'more than 3 chunked messages in progress at once',
    },
  ];

  it.each(hostile)('refuses a chunk sequence $name', ({ sequence, code, reason }) => {
    const reassembler = createReassembler(limits);
    const last = sequence.at(-1) as ChunkMessage;
    for (const chunk of sequence.slice(0, -1)) reassembler.accept(chunk);
    let thrown: unknown;
    try {
      reassembler.accept(last);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ChunkProtocolError);
    expect(thrown).toMatchObject({ closeCode: code, reason });
  });

  it('frees what an unfinished message claimed once the connection clears it', () => {
    const reassembler = createReassembler(limits);
    reassembler.accept({ t: 'chunk', id: 1, seq: 0, total: 100, data: 'a' });
    expect(reassembler.pendingChars()).toBe(100);
    reassembler.clear();
    expect(reassembler.pendingChars()).toBe(0);
    expect(reassembler.accept({ t: 'chunk', id: 2, seq: 0, total: 100, data: 'a' })).toBeUndefined();
  });

  it('refuses a chunk whose message is itself a chunk, and a malformed chunk frame', () => {
    const inner = JSON.stringify({ t: 'chunk', id: 2, seq: 0, total: 1, data: 'x' });
    const outer = JSON.stringify({ t: 'chunk', id: 1, seq: 0, total: inner.length, data: inner });
    expect(() => readFrame(outer, createReassembler({ ...limits, chunkChars: 100 }))).toThrow(
      'a chunked message holds another chunk',
    );
    expect(() => readFrame('{"t":"chunk","id":"x"}', createReassembler(limits))).toThrow(
      'a chunk frame is malformed',
    );
    expect(() => readFrame('{not json', createReassembler(limits))).toThrow(SyntaxError);
  });
});
