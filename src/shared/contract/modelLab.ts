import { z } from 'zod';
import { executionProviderSchema } from './executionProviders.js';
import { graphOptimizationSchema } from './graphOptimization.js';

/**
 * Benchmarks and model comparisons (`models.bench`, `models.diff`): their options and the JSON they
 * give back, which is also what `mlw model bench --json` / `mlw model diff --json` print and what a
 * registry version keeps in `models/<name>/<version>/benchmarks/<date>.json`.
 */

const positiveInts = (max: number) => z.array(z.number().int().min(1).max(max)).min(1).max(32);

/** Sizes for named symbolic dimensions of the inputs (`--dim seq=128`). */
export const dimSizesSchema = z.record(z.string(), z.number().int().min(0).max(1_000_000_000));

export const benchOptionsSchema = z.object({
  /** Batch sizes: a leading symbolic dimension of every input takes each in turn. */
  batches: positiveInts(65_536).default([1]),
  /** ONNX Runtime intra-op thread counts. */
  threads: positiveInts(256).default([1]),
  runs: z.number().int().min(1).max(100_000).default(100),
  warmup: z.number().int().min(0).max(10_000).default(10),
  dims: dimSizesSchema.default({}),
  fill: z.enum(['random', 'zeros']).default('random'),
  seed: z.number().int().default(1),
  graphOptimization: graphOptimizationSchema.default('all'),
  executionProvider: executionProviderSchema.default('cpu'),
  /** Keep the result beside a registry version (the default for registry models); paths are never written beside. */
  save: z.boolean().default(true),
});
export type BenchOptions = z.infer<typeof benchOptionsSchema>;

export const modelIdentitySchema = z.object({
  /** `name@version` for a registry model, else the file's path as given. */
  ref: z.string(),
  path: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int().nonnegative(),
});
export type ModelIdentity = z.infer<typeof modelIdentitySchema>;

export const latencySchema = z.object({
  mean: z.number(),
  std: z.number(),
  min: z.number(),
  p50: z.number(),
  p90: z.number(),
  p99: z.number(),
  max: z.number(),
});

export const benchCellSchema = z.object({
  batch: z.number().int(),
  intraOpThreads: z.number().int(),
  status: z.enum(['ok', 'skipped', 'failed']),
  /** Why a cell was skipped (a fixed batch dimension) or failed (ONNX Runtime's error). */
  reason: z.string().optional(),
  runs: z.number().int().nonnegative(),
  /** Each run's session.run, timed inside the model worker, in ms; null unless ok. */
  latencyMs: latencySchema.nullable(),
  /** batch × 1000 / mean latency; null unless ok. */
  itemsPerSecond: z.number().nullable(),
});
export type BenchCell = z.infer<typeof benchCellSchema>;

export const machineInfoSchema = z.object({
  cpuCount: z.number().int(),
  cpuModel: z.string(),
  totalMemoryBytes: z.number(),
  platform: z.string(),
  ortVersion: z.string(),
  nodeVersion: z.string(),
});

export const benchResultSchema = z.object({
  schemaVersion: z.literal(1),
  model: modelIdentitySchema,
  settings: benchOptionsSchema.omit({ save: true }).extend({ executionProvider: executionProviderSchema }),
  /** The generated inputs of batch 1 (batch sizes replace the leading free dimension). */
  inputs: z.array(z.object({ name: z.string(), type: z.string(), dims: z.array(z.number()) })),
  cells: z.array(benchCellSchema),
  machine: machineInfoSchema,
  createdAt: z.string(),
  elapsedMs: z.number(),
  /** Where the result was saved (relative to the workspace for a registry model), or null. */
  savedTo: z.string().nullable(),
});
export type BenchResult = z.infer<typeof benchResultSchema>;

/** What `models.benchmarks` finds beside registry versions: results newest first, and the files it could not read. */
export const savedBenchmarksSchema = z.object({
  benchmarks: z.array(
    z.object({
      version: z.number().int().positive(),
      /** The file, relative to the workspace. */
      file: z.string(),
      result: benchResultSchema,
    }),
  ),
  /** Files in a benchmarks folder that are not a BenchResult (half-written, foreign, an older schema). */
  skipped: z.array(z.object({ version: z.number().int().positive(), file: z.string(), reason: z.string() })),
});
export type SavedBenchmarks = z.infer<typeof savedBenchmarksSchema>;

export const diffOptionsSchema = z.object({
  /** How many generated input sets both models run. */
  samples: z.number().int().min(1).max(10_000).default(16),
  batch: z.number().int().min(1).max(65_536).default(1),
  dims: dimSizesSchema.default({}),
  seed: z.number().int().default(1),
});
export type DiffOptions = z.infer<typeof diffOptionsSchema>;

const signatureSide = z
  .object({
    type: z.string().nullable(),
    shape: z.array(z.union([z.number(), z.string(), z.null()])).nullable(),
  })
  .nullable();
const signatureEntry = z.object({ name: z.string(), a: signatureSide, b: signatureSide, same: z.boolean() });
const pair = <T extends z.ZodType>(schema: T) => z.object({ a: schema, b: schema });
const initializerEntry = z.object({ name: z.string(), type: z.string(), shape: z.array(z.number()) });
const initializerTotals = z.object({ count: z.number(), bytes: z.number(), parameters: z.number() });

export const diffResultSchema = z.object({
  schemaVersion: z.literal(1),
  a: modelIdentitySchema,
  b: modelIdentitySchema,
  signature: z.object({
    inputs: z.array(signatureEntry),
    outputs: z.array(signatureEntry),
    same: z.boolean(),
  }),
  opsets: z.array(z.object({ domain: z.string(), a: z.number().nullable(), b: z.number().nullable() })),
  /** Operators whose count differs; `nodes` is all nodes of the main graph. */
  operators: z.array(z.object({ opType: z.string(), domain: z.string(), a: z.number(), b: z.number() })),
  nodes: pair(z.number()),
  size: z.object({
    fileBytes: pair(z.number()),
    initializers: pair(initializerTotals),
    added: z.array(initializerEntry),
    removed: z.array(initializerEntry),
    changedShape: z.array(z.object({ name: z.string(), a: initializerEntry, b: initializerEntry })),
  }),
  /** The latest saved benchmark of each (registry models only), or null. */
  benchmarks: pair(benchResultSchema.nullable()),
  agreement: z.object({
    samples: z.number().int(),
    /** False when the inputs differ, so one set of generated inputs cannot feed both. */
    compared: z.boolean(),
    reason: z.string().optional(),
    outputs: z.array(
      z.object({
        name: z.string(),
        maxAbsError: z.number().nullable(),
        maxRelError: z.number().nullable(),
        /** NaN in one model's output where the other has a number, over all samples. */
        nanMismatches: z.number().int(),
        /** `scores` (2-D float, a row per item), `labels` (int64), or null: what argmax agreement means. */
        classifier: z.enum(['scores', 'labels']).nullable(),
        /** Share of items whose label (argmax of a score row, or the label itself) is the same; null if not a classifier. */
        labelAgreement: z.number().min(0).max(1).nullable(),
      }),
    ),
  }),
  createdAt: z.string(),
  elapsedMs: z.number(),
});
export type DiffResult = z.infer<typeof diffResultSchema>;
