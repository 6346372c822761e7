import type { ResultEnvelope } from './envelope.js';

/**
 * What the Electron preload exposes as `window.workbench`, and nothing more: a generic invoke and
 * subscribe checked against the contract, and the path of a file the user dropped or picked.
 */
export interface WorkbenchBridge {
  invoke(name: string, input: unknown): Promise<ResultEnvelope>;
  /** Returns a disposer that ends the subscription. */
  subscribe(stream: string, listener: (payload: unknown) => void): () => void;
  /** The local path of a File from a drop or file input; '' for files made by script. */
  pathForFile(file: File): string;
}

export const BRIDGE_GLOBAL = 'workbench';
