/** The model lab: benchmarks and comparisons of models, run as jobs over the model worker. */
import type { Job } from '../../../../shared/contract/jobs.js';
import type { JobService } from '../../jobs/index.js';
import type { ModelService } from '../modelService.js';
import type { ObserveOptionsInput } from '../observeShapes.js';
import { benchModel, type BenchOptionsInput } from './benchModel.js';
import { diffModels, type DiffOptionsInput } from './diffModels.js';
import type { LabModel } from './identity.js';
import { readSavedBenchmarks, type BenchmarksFolder } from './savedBenchmarks.js';
import type { SavedBenchmarks } from '../../../../shared/contract/modelLab.js';

export { benchModel, type BenchOptionsInput } from './benchModel.js';
export { diffModels, type DiffOptionsInput } from './diffModels.js';
export { benchmarksDirFor, latestBenchmark, type LabModel } from './identity.js';
export { latencyStats } from './stats.js';
export { readSavedBenchmarks, type BenchmarksFolder } from './savedBenchmarks.js';

export interface ModelLab {
  /** Starts a benchmark job; its result is a BenchResult. */
  bench(model: LabModel, options: BenchOptionsInput): Job;
  /** Starts a comparison job; its result is a DiffResult. */
  diff(a: LabModel, b: LabModel, options: DiffOptionsInput): Job;
  /** The benchmarks saved in registry versions' folders, newest first, with the files that did not parse. */
  saved(folders: BenchmarksFolder[]): Promise<SavedBenchmarks>;
  /** Starts a job that runs the model once to record every value's shape; its result is ObservedShapes. */
  observeShapes(model: LabModel, options: ObserveOptionsInput): Job;
}

export function createModelLab(deps: {
  models: ModelService;
  jobs: JobService;
  workspaceRoot?: string;
  /** Where saved results are written before their rename (workspace.scratch('writes')). */
  tempDir?: string;
}): ModelLab {
  const { models, jobs, workspaceRoot, tempDir } = deps;
  return {
    bench: (model, options) =>
      jobs.start({ kind: 'models.bench', title: `Benchmark ${model.label}` }, (context) =>
        benchModel(models, model, options, context, workspaceRoot, tempDir),
      ),
    diff: (a, b, options) =>
      jobs.start({ kind: 'models.diff', title: `Compare ${a.label} with ${b.label}` }, (context) =>
        diffModels(models, a, b, options, context),
      ),
    saved: (folders) => readSavedBenchmarks(folders, workspaceRoot),
    observeShapes: (model, options) =>
      jobs.start({ kind: 'models.observeShapes', title: `Observe shapes of ${model.label}` }, (context) =>
        models.observeShapes(model.path, options, context),
      ),
  };
}
