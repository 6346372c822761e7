import type { WorkerHello } from '../../workerHost/index.js';
import type { ExecutionProvider } from '../../../../shared/contract/executionProviders.js';
import type { TensorType } from '../../../../shared/tensors/tensors.js';

/**
 * Messages between the main process and the model worker. Tensor bytes never travel as JSON:
 * small ones ride in the message as one Uint8Array (structured clone copies it once), big ones
 * go through the shared exchange file and only their place in it is sent.
 */
export type WireData =
  | { kind: 'inline'; bytes: Uint8Array }
  | { kind: 'exchange'; offset: number; length: number }
  | { kind: 'strings'; values: string[] };

export interface WireTensor {
  type: TensorType;
  dims: number[];
  data: WireData;
}

export interface SessionSettings {
  executionProvider: ExecutionProvider;
  intraOpThreads?: number;
  interOpThreads?: number;
  graphOptimization: 'disabled' | 'basic' | 'extended' | 'all';
}

export interface ValueInfo {
  name: string;
  /** Null for a value that is not a tensor (a sequence or map). */
  type: TensorType | null;
  /** Null when the model does not say; a string for a symbolic dimension. */
  shape: (number | string | null)[] | null;
}

export interface OpenedSession {
  sessionId: string;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  loadMs: number;
}

/** A session of a model whose intermediate values were added as outputs (see observable.ts). */
export interface ObservedSession extends OpenedSession {
  /** The values added as outputs, in graph order. */
  added: string[];
  unobservable: { name: string; reason: string }[];
}

/** What a run shows of a value without its data. */
export interface ValueShape {
  type: TensorType;
  dims: number[];
}

export type WorkerRequest =
  | { id: number; op: 'open'; path: string; settings: SessionSettings }
  | {
      id: number;
      op: 'run';
      sessionId: string;
      feeds: Record<string, WireTensor>;
      /** Where in the exchange file the worker may write outputs too big to send inline. */
      outputOffset: number;
    }
  | {
      id: number;
      op: 'bench';
      sessionId: string;
      feeds: Record<string, WireTensor>;
      warmup: number;
      runs: number;
    }
  | { id: number; op: 'openObserved'; path: string; settings: SessionSettings }
  | {
      id: number;
      op: 'shapes';
      sessionId: string;
      feeds: Record<string, WireTensor>;
      fetches: string[];
    }
  | { id: number; op: 'close'; sessionId: string }
  /** Reads the file's structure (no ONNX Runtime): the summary and the structural check's findings. */
  | { id: number; op: 'inspect'; path: string }
  /** The execution providers this build of ONNX Runtime knows (ProviderInfo[]). */
  | { id: number; op: 'providers' };

export interface RunResult {
  outputs: Record<string, WireTensor>;
  /** session.run alone, timed inside the worker. */
  runMs: number;
}

/** The model worker's hello carries ONNX Runtime's version. */
export interface ModelWorkerHello extends WorkerHello {
  ortVersion: string;
}

/** Tensors at most this big ride in the message; larger ones go through the exchange file. */
export const INLINE_BYTES = 64 * 1024;
