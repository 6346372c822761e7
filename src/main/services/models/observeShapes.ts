import { basename } from 'node:path';
import { cancelledError } from '../../../shared/contract/errors.js';
import {
  observeOptionsSchema,
  type ObserveOptions,
  type ObservedShapes,
} from '../../../shared/contract/modelShapes.js';
import type { ValueInfo } from '../../../shared/contract/models.js';
import type { JobContext } from '../jobs/index.js';
import type { ModelHost } from './runtime/modelHost.js';
import { generateInputs } from './tensors/index.js';

export type ObserveOptionsInput = Parameters<typeof observeOptionsSchema.parse>[0];

/** Values fetched per run: all of a big model's activations at once could exhaust memory. */
export const VALUES_PER_RUN = 200;

/**
 * Runs a model once per group of values on an input generated from its signature and records the
 * element type and dims of each: the inputs as fed, every intermediate value and the outputs. The
 * session of the augmented model (see onnx/observable.ts) is closed afterwards; nothing is written.
 */
export async function observeShapes(
  host: ModelHost,
  path: string,
  input: ObserveOptionsInput,
  context: Pick<JobContext, 'signal' | 'progress'>,
): Promise<ObservedShapes> {
  const options = observeOptionsSchema.parse(input);
  const { signal } = context;
  const started = performance.now();
  context.progress(0, 'Opening the model');
  const session = await host.openObserved(
    path,
    { executionProvider: 'cpu', graphOptimization: 'disabled' },
    signal,
  );
  const generation = host.generation;
  try {
    const dims = symbolicSizes(session.inputs, options);
    const feeds = generateInputs(session.inputs, {
      dims,
      fill: options.fill,
      seed: options.seed,
      model: basename(path),
    });
    const values: ObservedShapes['values'] = {};
    for (const [name, tensor] of Object.entries(feeds))
      values[name] = { type: tensor.type, dims: tensor.dims };
    const unobserved = [...session.unobservable];
    const fetches: string[] = [];
    for (const output of session.outputs) {
      if (output.type !== null) fetches.push(output.name);
      else
        unobserved.push({
          name: output.name,
          reason: 'not a tensor (a sequence or map): ONNX Runtime for Node.js cannot return it',
        });
    }
    const runs = Math.ceil(fetches.length / VALUES_PER_RUN);
    for (let run = 0; run < runs; run += 1) {
      if (signal.aborted) throw cancelledError('Observing shapes');
      context.progress(run / runs, `Running the model (${run + 1} of ${runs})`);
      const group = fetches.slice(run * VALUES_PER_RUN, (run + 1) * VALUES_PER_RUN);
      Object.assign(values, await host.shapes(session.sessionId, feeds, group, signal));
    }
    context.progress(1, 'Done');
    return {
      schemaVersion: 1,
      dims,
      values,
      unobserved,
      runs,
      elapsedMs: Math.round(performance.now() - started),
    };
  } finally {
    // A worker that died (a crash, a cancel) took the session with it; its id may name another now.
    if (host.generation === generation) await host.close(session.sessionId).catch(() => undefined);
  }
}

/** Every symbolic dimension of the inputs with its size: the one asked for, else 1. */
function symbolicSizes(inputs: readonly ValueInfo[], options: ObserveOptions): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const input of inputs)
    for (const dim of input.shape ?? []) if (typeof dim === 'string') sizes[dim] = options.dims[dim] ?? 1;
  return { ...options.dims, ...sizes };
}
