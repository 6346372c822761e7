import type Dockerode from 'dockerode';
import type { EngineChange } from '../../../shared/contract/containers.js';

/** Several events per action (create, start, health…) arrive together: one notice per burst. */
const DEBOUNCE_MS = 250;
const RETRY_MS = 5_000;

/**
 * Follows the engine's event stream for containers and images while anyone listens, and tells
 * listeners that something changed (the UI then refetches its lists), debounced. A lost stream (the
 * engine restarted, went away) is followed again after a pause; with no listeners it is closed.
 */
export function createEngineEvents(docker: () => Promise<Dockerode>) {
  const listeners = new Set<(change: EngineChange) => void>();
  let stream: NodeJS.ReadableStream | undefined;
  let retry: NodeJS.Timeout | undefined;
  let pending: NodeJS.Timeout | undefined;
  let kinds = new Set<EngineChange['kind']>();

  const flush = (): void => {
    pending = undefined;
    for (const kind of kinds) for (const listener of listeners) listener({ kind });
    kinds = new Set();
  };

  const follow = async (): Promise<void> => {
    retry = undefined;
    if (listeners.size === 0 || stream) return;
    try {
      const client = await docker();
      const events = await client.getEvents({ filters: { type: ['container', 'image'] } });
      if (listeners.size === 0) {
        (events as NodeJS.ReadableStream & { destroy(): void }).destroy();
        return;
      }
      stream = events;
      let buffered = '';
      events.on('data', (chunk: Buffer) => {
        const lines = (buffered + chunk.toString('utf8')).split('\n');
        buffered = lines.pop() ?? '';
        for (const text of lines) {
          if (!text.trim()) continue;
          const type = (JSON.parse(text) as { Type?: unknown }).Type;
          kinds.add(type === 'image' ? 'image' : 'container');
        }
        pending ??= setTimeout(flush, DEBOUNCE_MS);
      });
      const lost = (): void => {
        if (stream !== events) return;
        stream = undefined;
        if (listeners.size > 0) retry ??= setTimeout(() => void follow(), RETRY_MS);
      };
      events.on('end', lost);
      events.on('close', lost);
      events.on('error', lost);
    } catch {
      if (listeners.size > 0) retry ??= setTimeout(() => void follow(), RETRY_MS);
    }
  };

  const stop = (): void => {
    clearTimeout(retry);
    clearTimeout(pending);
    retry = undefined;
    pending = undefined;
    const open = stream as (NodeJS.ReadableStream & { destroy(): void }) | undefined;
    stream = undefined;
    open?.destroy();
  };

  return {
    onChange(listener: (change: EngineChange) => void): () => void {
      listeners.add(listener);
      void follow();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    dispose: stop,
  };
}
