import { z } from 'zod';

/**
 * A message of the browser host's WebSocket that is longer than one chunk travels as a run of chunk
 * frames, so no frame comes near the socket's frame limit and every procedure can carry large values
 * (a Run-tab tensor, a big result). Sizes count UTF-16 code units of the message's JSON text, which
 * is one byte each for the ASCII that base64 tensors and most JSON are made of.
 */
export const wireLimits = {
  /** The most one WebSocket frame may hold, in bytes; a chunk's frame stays well below it. */
  frameBytes: 16 * 1024 * 1024,
  /** Characters of message text per chunk. Even all escaped (6 bytes each), a chunk fits a frame. */
  chunkChars: 1024 * 1024,
  /** The most one message (a call's input or a result) may hold once reassembled. */
  messageChars: 256 * 1024 * 1024,
  /** The most the messages still being reassembled on one connection may claim at once. */
  pendingChars: 512 * 1024 * 1024,
  /** Messages being reassembled on one connection at once. */
  pendingMessages: 16,
  /** Calls one connection may have unanswered; the page queues the rest until answers come. */
  callsInFlight: 64,
} as const;

export type WireLimits = { [K in keyof typeof wireLimits]: number };

export const chunkMessageSchema = z.object({
  t: z.literal('chunk'),
  /** Names the message the chunk belongs to; unrelated to call ids. */
  id: z.number().int().nonnegative(),
  seq: z.number().int().nonnegative(),
  /** The whole message's length; the same on every chunk of it (checked against the caps, not here). */
  total: z.number().positive(),
  data: z.string(),
});
export type ChunkMessage = z.infer<typeof chunkMessageSchema>;

/** A message too long to travel at all; the caller turns it into an answer the user can act on. */
export class MessageTooLargeError extends Error {
  constructor(
    readonly sizeChars: number,
    readonly limitChars: number,
  ) {
    super(`message of ${sizeChars} characters exceeds the ${limitChars} a connection carries`);
  }
}

/** A peer broke the chunk rules; the connection is closed with `closeCode` and `reason`. */
export class ChunkProtocolError extends Error {
  constructor(
    readonly closeCode: 1008 | 1009,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The frames that carry `text`: itself when short, else chunks numbered from `chunkId`. */
export function frameMessage(text: string, chunkId: number, limits: WireLimits = wireLimits): string[] {
  if (text.length <= limits.chunkChars) return [text];
  if (text.length > limits.messageChars) throw new MessageTooLargeError(text.length, limits.messageChars);
  const frames: string[] = [];
  for (let start = 0, seq = 0; start < text.length; start += limits.chunkChars, seq += 1) {
    const data = text.slice(start, start + limits.chunkChars);
    frames.push(
      JSON.stringify({ t: 'chunk', id: chunkId, seq, total: text.length, data } satisfies ChunkMessage),
    );
  }
  return frames;
}

interface Assembly {
  total: number;
  received: number;
  nextSeq: number;
  parts: string[];
}

export interface Reassembler {
  /** The whole message's text once its last chunk is in, else undefined; throws ChunkProtocolError. */
  accept(chunk: ChunkMessage): string | undefined;
  /** Characters claimed by messages not yet complete. */
  pendingChars(): number;
  clear(): void;
}

/**
 * Puts chunked messages back together, for one connection. Frames of a WebSocket arrive in order, so
 * any chunk out of sequence, overlapping, overshooting or claiming more than the caps is a broken or
 * hostile peer: it is refused before anything is buffered for it.
 */
export function createReassembler(limits: WireLimits = wireLimits): Reassembler {
  const assemblies = new Map<number, Assembly>();
  let claimed = 0;
  const violation = (reason: string): ChunkProtocolError => new ChunkProtocolError(1008, reason);
  return {
    accept(chunk) {
      let assembly = assemblies.get(chunk.id);
      if (!assembly) {
        if (chunk.seq !== 0)
          throw violation(`chunk ${chunk.seq} of message ${chunk.id} came without its start`);
        if (!Number.isInteger(chunk.total))
          throw violation(`message ${chunk.id} claims a length of ${chunk.total}`);
        if (chunk.total > limits.messageChars) {
          throw new ChunkProtocolError(
            1009,
            `a message of ${chunk.total} characters exceeds the limit of ${limits.messageChars}`,
          );
        }
        if (assemblies.size >= limits.pendingMessages) {
          throw violation(`more than ${limits.pendingMessages} chunked messages in progress at once`);
        }
        if (claimed + chunk.total > limits.pendingChars) {
          throw new ChunkProtocolError(
            1009,
            `chunked messages in progress would hold ${claimed + chunk.total} characters; the limit is ${limits.pendingChars}`,
          );
        }
        assembly = { total: chunk.total, received: 0, nextSeq: 0, parts: [] };
        assemblies.set(chunk.id, assembly);
        claimed += chunk.total;
      }
      if (chunk.seq !== assembly.nextSeq) {
        throw violation(`chunk ${chunk.seq} of message ${chunk.id} came where ${assembly.nextSeq} was due`);
      }
      if (chunk.total !== assembly.total)
        throw violation(`chunks of message ${chunk.id} disagree on its length`);
      if (chunk.data.length === 0 || chunk.data.length > limits.chunkChars) {
        throw violation(`chunk ${chunk.seq} of message ${chunk.id} holds ${chunk.data.length} characters`);
      }
      if (assembly.received + chunk.data.length > assembly.total) {
        throw violation(`chunks of message ${chunk.id} run past its declared length ${assembly.total}`);
      }
      assembly.parts.push(chunk.data);
      assembly.received += chunk.data.length;
      assembly.nextSeq += 1;
      if (assembly.received < assembly.total) return undefined;
      assemblies.delete(chunk.id);
      claimed -= assembly.total;
      return assembly.parts.join('');
    },
    pendingChars: () => claimed,
    clear() {
      assemblies.clear();
      claimed = 0;
    },
  };
}

/** The unit sizes are shown in: sizes here are characters, but users think in bytes. */
export function describeSize(chars: number): string {
  if (chars < 1024 * 1024) return `${(chars / 1024).toFixed(1)} KiB`;
  return `${(chars / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * Turns one received frame into the message it completes: the parsed JSON of a whole message, or
 * undefined while a chunked one is still coming. Throws SyntaxError for text that is not JSON and
 * ChunkProtocolError for a chunk that breaks the rules (a chunk inside a chunk among them).
 */
export function readFrame(text: string, reassembler: Reassembler): unknown {
  const raw: unknown = JSON.parse(text);
  if (!isChunk(raw)) return raw;
  const parsed = chunkMessageSchema.safeParse(raw);
  if (!parsed.success) throw new ChunkProtocolError(1008, 'a chunk frame is malformed');
  const whole = reassembler.accept(parsed.data);
  if (whole === undefined) return undefined;
  const message: unknown = JSON.parse(whole);
  if (isChunk(message)) throw new ChunkProtocolError(1008, 'a chunked message holds another chunk');
  return message;
}

function isChunk(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { t?: unknown }).t === 'chunk';
}
