import { fileURLToPath } from 'node:url';

/** The files the CLI starts or serves besides itself. */
export interface CliLayout {
  modelWorker: string;
  /** Without one, DuckDB runs in the CLI's own process (in-process test runs from source). */
  dataWorker: string | undefined;
  /** The built renderer that `mlw serve` serves. */
  renderer: string;
  /** The bundled model server that container builds copy in. */
  serving: string;
}

/**
 * The built CLI's neighbours, found from its entry (out/main/cli.js beside out/main/modelWorker.js,
 * out/main/dataWorker.js and out/renderer). Only the entry knows where it is: the rest of the CLI
 * is bundled into chunks one folder down. MLW_MODEL_WORKER and MLW_DATA_WORKER override the workers.
 */
export function builtLayout(entryUrl: string): CliLayout {
  return {
    modelWorker: process.env.MLW_MODEL_WORKER ?? fileURLToPath(new URL('./modelWorker.js', entryUrl)),
    dataWorker: process.env.MLW_DATA_WORKER ?? fileURLToPath(new URL('./dataWorker.js', entryUrl)),
    renderer: fileURLToPath(new URL('../renderer', entryUrl)),
    serving: fileURLToPath(new URL('../serving', entryUrl)),
  };
}
