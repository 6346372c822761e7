import { relative } from 'node:path';
import { cancelledError, isWorkbenchError } from '../../../../shared/contract/errors.js';
import {
  benchOptionsSchema,
  type BenchCell,
  type BenchResult,
} from '../../../../shared/contract/modelLab.js';
import type { JobContext } from '../../jobs/index.js';
import type { ModelService } from '../modelService.js';
import { generateInputs } from '../tensors/index.js';
import { benchmarkFile, identify, machineInfo, saveBenchmark, type LabModel } from './identity.js';
import { latencyStats } from './stats.js';

export type BenchOptionsInput = Parameters<typeof benchOptionsSchema.parse>[0];

/**
 * Times a model over a grid of batch sizes × intra-op thread counts: for each cell, `warmup`
 * untimed runs, then `runs` runs each timed inside the model worker (no IPC in the figures).
 * A batch a model cannot take (its leading dimensions are fixed) is a skipped cell, not a failure.
 */
export async function benchModel(
  models: ModelService,
  model: LabModel,
  input: BenchOptionsInput,
  context: Pick<JobContext, 'signal' | 'progress' | 'log'>,
  workspaceRoot?: string,
  /** The workspace scratch the saved file's temp goes to (workspace.scratch('writes')). */
  tempDir?: string,
): Promise<BenchResult> {
  const options = benchOptionsSchema.parse(input);
  const { signal } = context;
  const started = performance.now();
  const createdAt = new Date().toISOString();
  context.progress(0, 'Hashing the model');
  const identity = await identify(model, signal);
  const settings = (threads: number) => ({
    intraOpThreads: threads,
    graphOptimization: options.graphOptimization,
    executionProvider: options.executionProvider,
  });
  context.progress(0, 'Opening the model');
  const opened = await models.open(model.path, settings(options.threads[0] ?? 1), signal);
  const generate = (batch: number) =>
    generateInputs(opened.inputs, {
      batch,
      dims: options.dims,
      fill: options.fill,
      seed: options.seed,
      model: model.label,
    });
  const first = generate(1);
  const freeLeading = opened.inputs.some(
    (i) => i.shape && i.shape.length > 0 && typeof i.shape[0] !== 'number',
  );
  const cells: BenchCell[] = [];
  const total = options.batches.length * options.threads.length;
  // Runs are sent in a few chunks so progress moves within a cell (warm-up goes with the first).
  const chunks = Math.min(10, options.runs);
  for (const batch of options.batches) {
    const feeds = batch === 1 ? first : freeLeading ? generate(batch) : undefined;
    for (const threads of options.threads) {
      const cell = { batch, intraOpThreads: threads };
      if (!feeds) {
        cells.push({
          ...cell,
          status: 'skipped',
          reason: `The model's inputs have fixed leading dimensions (${opened.inputs.map((i) => `${i.name} [${(i.shape ?? []).join(', ')}]`).join(', ')}), so it cannot take a batch of ${batch}.`,
          runs: 0,
          latencyMs: null,
          itemsPerSecond: null,
        });
        continue;
      }
      const done = cells.length;
      context.progress(done / total, `Batch ${batch}, ${threads} thread${threads === 1 ? '' : 's'}`);
      const latencies: number[] = [];
      try {
        for (let chunk = 0; chunk < chunks; chunk += 1) {
          const runs =
            Math.floor((options.runs * (chunk + 1)) / chunks) - Math.floor((options.runs * chunk) / chunks);
          const warmup = chunk === 0 ? options.warmup : 0;
          latencies.push(
            ...(await models.bench(model.path, feeds, settings(threads), { warmup, runs }, signal)),
          );
          context.progress((done + (chunk + 1) / chunks) / total);
        }
      } catch (error) {
        if (signal.aborted) throw cancelledError('The benchmark');
        const message = error instanceof Error ? error.message : String(error);
        context.log(`batch ${batch}, ${threads} threads: ${message}`, 'error');
        cells.push({
          ...cell,
          status: 'failed',
          reason: isWorkbenchError(error) ? `${error.code}: ${message}` : message,
          runs: latencies.length,
          latencyMs: null,
          itemsPerSecond: null,
        });
        continue;
      }
      const latencyMs = latencyStats(latencies);
      cells.push({
        ...cell,
        status: 'ok',
        runs: latencies.length,
        latencyMs,
        itemsPerSecond: latencyMs.mean > 0 ? (batch * 1000) / latencyMs.mean : null,
      });
      context.log(
        `batch ${batch}, ${threads} threads: p50 ${latencyMs.p50.toFixed(3)} ms, p99 ${latencyMs.p99.toFixed(3)} ms`,
      );
    }
  }
  const { save, ...rest } = options;
  const result: BenchResult = {
    schemaVersion: 1,
    model: identity,
    settings: rest,
    inputs: Object.entries(first).map(([name, t]) => ({ name, type: t.type, dims: t.dims })),
    cells,
    machine: machineInfo(),
    createdAt,
    elapsedMs: Math.round(performance.now() - started),
    savedTo: null,
  };
  if (save && model.benchmarksDir) {
    context.progress(1, 'Saving');
    const file = benchmarkFile(model.benchmarksDir, createdAt);
    result.savedTo = workspaceRoot ? relative(workspaceRoot, file) : file;
    await saveBenchmark(file, result, tempDir);
  }
  return result;
}
