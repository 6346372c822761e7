import type { WebSocket } from 'ws';

export interface PacedSenderOptions {
  /** Frames are handed to the socket only while it buffers less than this many bytes. */
  highWaterBytes: number;
  /** A peer with more than this waiting for it (queued and buffered) has stopped reading. */
  maxBacklogBytes: number;
  /** Called once when the backlog passes its limit; the sender drops everything after that. */
  onStalled: (backlogBytes: number) => void;
}

export interface PacedSender {
  send(frames: readonly string[]): void;
  /** Bytes waiting for the peer: queued here plus buffered in the socket. */
  backlogBytes(): number;
}

/**
 * Writes frames to a WebSocket no faster than the peer reads them, so a big result leaves as a
 * trickle of chunks rather than one burst in memory twice, and a peer that stops reading is noticed
 * by its backlog instead of growing the host's memory until it dies. Frame lengths count as bytes:
 * the frames are JSON, almost all ASCII.
 */
export function createPacedSender(socket: WebSocket, options: PacedSenderOptions): PacedSender {
  const queue: string[] = [];
  let queuedBytes = 0;
  let waiting = false;
  let stalled = false;

  const pump = (): void => {
    waiting = false;
    while (queue.length > 0 && socket.readyState === socket.OPEN) {
      if (socket.bufferedAmount >= options.highWaterBytes) {
        waiting = true;
        return;
      }
      const frame = queue.shift() as string;
      queuedBytes -= frame.length;
      // The callback runs once the frame has left for the kernel: room for the next ones.
      socket.send(frame, () => {
        if (waiting) pump();
      });
      if (socket.bufferedAmount >= options.highWaterBytes) waiting = true;
    }
    if (socket.readyState !== socket.OPEN) {
      queue.length = 0;
      queuedBytes = 0;
    }
  };

  return {
    send(frames) {
      if (stalled || socket.readyState !== socket.OPEN) return;
      for (const frame of frames) {
        queue.push(frame);
        queuedBytes += frame.length;
      }
      const backlog = queuedBytes + socket.bufferedAmount;
      if (backlog > options.maxBacklogBytes) {
        stalled = true;
        queue.length = 0;
        queuedBytes = 0;
        options.onStalled(backlog);
        return;
      }
      if (!waiting) pump();
    },
    backlogBytes: () => queuedBytes + socket.bufferedAmount,
  };
}
