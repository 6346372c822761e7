import { z } from 'zod';
import { slugSchema } from './datasets.js';
import { procedure } from './define.js';
import { executionProviderSchema, providerInfoSchema } from './executionProviders.js';
import { graphOptimizationSchema } from './graphOptimization.js';
import { jobSchema } from './jobs.js';
import { benchOptionsSchema, diffOptionsSchema, savedBenchmarksSchema } from './modelLab.js';
import { modelNameSchema, modelRefSchema, modelVersionSchema } from './modelRegistry.js';
import { observeOptionsSchema } from './modelShapes.js';
import { findingSchema, modelSummarySchema } from './modelSummary.js';

/** ONNX Runtime's names for tensor element types (onnxruntime-node's Tensor.Type). */
export const tensorTypes = [
  'float32',
  'float64',
  'float16',
  'int8',
  'uint8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'uint64',
  'bool',
  'string',
] as const;
export const tensorTypeSchema = z.enum(tensorTypes);
export type TensorType = z.infer<typeof tensorTypeSchema>;

/**
 * A tensor on the wire between a window and the services: numbers as their little-endian bytes in
 * base64 (float16 as its raw 16-bit patterns), never as a JSON array of numbers; strings as strings.
 */
export const wireTensorSchema = z.object({
  type: tensorTypeSchema,
  dims: z.array(z.number().int().nonnegative()).max(16),
  data: z.union([z.object({ base64: z.string() }), z.object({ strings: z.array(z.string()) })]),
});
export type WireTensorJson = z.infer<typeof wireTensorSchema>;

export const valueInfoSchema = z.object({
  name: z.string(),
  /** Null for a value that is not a tensor (a sequence or a map). */
  type: tensorTypeSchema.nullable(),
  /** Null when the model does not say; a string names a symbolic dimension, null in it is unknown. */
  shape: z.array(z.union([z.number().int(), z.string(), z.null()])).nullable(),
});
export type ValueInfo = z.infer<typeof valueInfoSchema>;

export const sessionSettingsSchema = z.object({
  executionProvider: executionProviderSchema.default('cpu'),
  intraOpThreads: z.number().int().min(1).max(256).optional(),
  interOpThreads: z.number().int().min(1).max(256).optional(),
  graphOptimization: graphOptimizationSchema.default('all'),
});
export type SessionSettingsInput = z.input<typeof sessionSettingsSchema>;

/** `model` names a registered model (name, version), a path or an upload. */
const modelRef = z.object({ model: modelRefSchema, settings: sessionSettingsSchema.optional() });

export const modelsContract = {
  'models.inspect': procedure({
    input: z.object({ model: modelRefSchema }),
    output: z.object({ summary: modelSummarySchema, findings: z.array(findingSchema) }),
    summary:
      'What the model file holds (inputs, outputs, operators, weights, FLOPs, the graph with inferred shapes) and what a structural check finds; read in the model worker, weights never loaded.',
  }),
  'models.open': procedure({
    input: modelRef,
    output: z.object({
      inputs: z.array(valueInfoSchema),
      outputs: z.array(valueInfoSchema),
      loadMs: z.number().nonnegative(),
    }),
    summary: 'Open a model in the model worker (or reuse its open session) and say what it takes and gives.',
  }),
  'models.providers': procedure({
    input: z.object({}),
    output: z.array(providerInfoSchema),
    summary:
      "The execution providers this machine's ONNX Runtime build offers, as its model worker reports them.",
  }),
  'models.run': procedure({
    input: modelRef.extend({ feeds: z.record(z.string(), wireTensorSchema) }),
    output: z.object({
      outputs: z.record(z.string(), wireTensorSchema),
      /** session.run alone, timed inside the worker. */
      runMs: z.number().nonnegative(),
    }),
    summary: 'Run a model once on the given inputs in the isolated model worker.',
  }),
  'models.bench': procedure({
    input: benchOptionsSchema.extend({ model: modelRefSchema }),
    output: jobSchema,
    summary:
      'Benchmark a model over batch sizes × intra-op threads, timed inside the model worker (a job whose result is a BenchResult, see modelLab.ts); kept beside a registry version.',
  }),
  'models.benchmarks': procedure({
    input: z.object({
      name: modelNameSchema,
      /** Without a version, every version of the model. */
      version: modelVersionSchema.optional(),
    }),
    output: savedBenchmarksSchema,
    summary:
      'The benchmarks saved beside a registry version (or every version of the model), newest first; a file that is not a BenchResult is listed under skipped with the reason.',
  }),
  'models.diff': procedure({
    input: diffOptionsSchema.extend({ a: modelRefSchema, b: modelRefSchema }),
    output: jobSchema,
    summary:
      'Compare two models: signature, opsets, operators, initializers, latest benchmarks and output agreement on the same generated inputs (a job whose result is a DiffResult).',
  }),
  'models.observeShapes': procedure({
    input: observeOptionsSchema.extend({ model: modelRefSchema }),
    output: jobSchema,
    summary:
      'Run a model once on an input generated from its signature and record the element type and dims of every intermediate value (a job whose result is ObservedShapes, see modelShapes.ts); the model file is not changed.',
  }),
  'models.runDataset': procedure({
    input: modelRef.extend({
      dataset: slugSchema,
      /** Input name → the data set columns that fill it, in order ([rows, columns], or [rows] for one). */
      inputs: z.record(z.string(), z.array(z.string()).min(1)),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(100_000).default(1_000),
    }),
    output: z.object({
      outputs: z.record(z.string(), wireTensorSchema),
      rows: z.number().int().nonnegative(),
      runMs: z.number().nonnegative(),
    }),
    summary: 'Run a model on rows of a workspace data set, columns mapped to inputs, as one batch.',
  }),
};
