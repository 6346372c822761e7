import { basename } from 'node:path';
import type { WorkbenchError } from '../../../shared/contract/errors.js';
import { isWorkbenchError } from '../../../shared/contract/errors.js';
import type { ProviderInfo } from '../../../shared/contract/executionProviders.js';
import {
  sessionSettingsSchema,
  type SessionSettingsInput,
  type ValueInfo,
} from '../../../shared/contract/models.js';
import type { TensorValue } from '../../../shared/tensors/tensors.js';
import type { ObservedShapes } from '../../../shared/contract/modelShapes.js';
import type { JobContext } from '../jobs/index.js';
import { checkFeeds } from './feedCheck.js';
import { regularFileFacts } from './onnx/index.js';
import { observeShapes, type ObserveOptionsInput } from './observeShapes.js';
import type { ModelHost, ModelInspection } from './runtime/modelHost.js';

/** Models run by path, each through an ONNX Runtime session kept open in the model worker. */
export interface ModelService {
  open(
    path: string,
    settings?: SessionSettingsInput,
    signal?: AbortSignal,
  ): Promise<{ inputs: ValueInfo[]; outputs: ValueInfo[]; loadMs: number }>;
  run(
    path: string,
    feeds: Record<string, TensorValue>,
    settings?: SessionSettingsInput,
    signal?: AbortSignal,
  ): Promise<{ outputs: Record<string, TensorValue>; runMs: number }>;
  /** The model's structure and structural findings, read in the worker; no session is opened. */
  inspect(path: string, signal?: AbortSignal): Promise<ModelInspection>;
  /**
   * Whether ONNX Runtime loads the model on CPU: null when it does, else its refusal (or the worker's
   * crash) as an error. The session is closed at once, and nothing is cached.
   */
  tryLoad(path: string, signal?: AbortSignal): Promise<WorkbenchError | null>;
  /** The execution providers the worker's ONNX Runtime build offers. */
  providers(): Promise<ProviderInfo[]>;
  /** Latencies of `runs` runs after `warmup` untimed ones, each timed inside the worker (ms). */
  bench(
    path: string,
    feeds: Record<string, TensorValue>,
    settings: SessionSettingsInput | undefined,
    counts: { warmup: number; runs: number },
    signal?: AbortSignal,
  ): Promise<number[]>;
  /** Runs the model on a generated input and records every value's element type and dims. */
  observeShapes(
    path: string,
    options: ObserveOptionsInput,
    context: Pick<JobContext, 'signal' | 'progress'>,
  ): Promise<ObservedShapes>;
  dispose(): Promise<void>;
}

export interface ModelServiceDeps {
  host: ModelHost;
  /** Sessions unused this long are closed (ONNX Runtime holds the weights while one is open). */
  idleMs?: number;
  /** At most this many sessions stay open; the least recently used closes first. */
  maxSessions?: number;
}

interface Cached {
  key: string;
  sessionId: string;
  generation: number;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  loadMs: number;
  lastUsed: number;
}

export function createModelService({
  host,
  idleMs = 5 * 60_000,
  maxSessions = 4,
}: ModelServiceDeps): ModelService {
  const cache = new Map<string, Cached>();
  const opening = new Map<string, Promise<Cached>>();

  const close = async (entry: Cached): Promise<void> => {
    cache.delete(entry.key);
    if (entry.generation === host.generation) await host.close(entry.sessionId).catch(() => undefined);
  };
  const sweep = setInterval(
    () => {
      const now = Date.now();
      for (const entry of cache.values()) if (now - entry.lastUsed > idleMs) void close(entry);
    },
    Math.min(idleMs, 60_000),
  );
  sweep.unref();

  const session = async (path: string, input: SessionSettingsInput | undefined, signal?: AbortSignal) => {
    const settings = sessionSettingsSchema.parse(input ?? {});
    const file = await regularFileFacts(path, 'an ONNX model');
    // A changed file (same path, new mtime or size) is a new model: it gets a session of its own.
    const key = JSON.stringify([path, file.mtimeMs, file.size, settings]);
    const found = cache.get(key);
    if (found && found.generation === host.generation) {
      found.lastUsed = Date.now();
      return found;
    }
    if (found) cache.delete(key);
    // Two runs asking for the same model at once share one open.
    const pending =
      opening.get(key) ??
      host.open(path, settings, signal).then(async (opened) => {
        const entry: Cached = { key, ...opened, generation: host.generation, lastUsed: Date.now() };
        cache.set(key, entry);
        const open = [...cache.values()].sort((a, b) => a.lastUsed - b.lastUsed);
        for (const old of open.slice(0, Math.max(0, open.length - maxSessions))) await close(old);
        return entry;
      });
    opening.set(key, pending);
    try {
      return await pending;
    } finally {
      opening.delete(key);
    }
  };

  return {
    async open(path, settings, signal) {
      const { inputs, outputs, loadMs } = await session(path, settings, signal);
      return { inputs, outputs, loadMs };
    },
    async run(path, feeds, settings, signal) {
      const entry = await session(path, settings, signal);
      checkFeeds(basename(path), entry.inputs, feeds);
      return host.run(entry.sessionId, feeds, signal);
    },
    async bench(path, feeds, settings, counts, signal) {
      const entry = await session(path, settings, signal);
      checkFeeds(basename(path), entry.inputs, feeds);
      return host.bench(entry.sessionId, feeds, counts, signal);
    },
    async inspect(path, signal) {
      await regularFileFacts(path, 'an ONNX model');
      return host.inspect(path, signal);
    },
    async tryLoad(path, signal) {
      let sessionId: string;
      try {
        ({ sessionId } = await host.open(path, sessionSettingsSchema.parse({}), signal));
      } catch (error) {
        if (!isWorkbenchError(error) || error.code === 'CANCELLED') throw error;
        return error;
      }
      await host.close(sessionId);
      return null;
    },
    providers: () => host.providers(),
    async observeShapes(path, options, context) {
      await regularFileFacts(path, 'an ONNX model');
      return observeShapes(host, path, options, context);
    },
    async dispose() {
      clearInterval(sweep);
      cache.clear();
      await host.dispose();
    },
  };
}
