import { z } from 'zod';
import { importSourceSchema } from './datasets.js';
import { procedure } from './define.js';
import { jobSchema } from './jobs.js';
import { modelNameSchema, modelRefSchema } from './modelRegistry.js';
import { parityReportSchema, parityToleranceSchema } from './conversionParity.js';

/** Frameworks a model converts from: Python frameworks through resources/converters, ONNX in TypeScript. */
export const conversionFrameworks = ['torch', 'sklearn', 'tensorflow', 'tflite', 'onnx'] as const;
export const conversionFrameworkSchema = z.enum(conversionFrameworks);
export type ConversionFramework = z.infer<typeof conversionFrameworkSchema>;

/** A conversion's name: its folder under conversions/. */
export const conversionIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'a conversion id: lowercase letters, digits and dashes');

const dims = z.array(z.number().int().min(1).max(1_000_000)).min(0).max(16);
const tensorName = z.string().min(1).max(256);
const elementTypes = ['float32', 'float64', 'float16', 'int64', 'int32', 'int8', 'uint8', 'bool'] as const;

export const torchOptionsSchema = z.object({
  /** The user's model code (.py), needed for an nn.Module checkpoint or a pickle of a custom class. */
  code: importSourceSchema.optional(),
  /** The nn.Module class in `code` to build for a state_dict checkpoint. */
  className: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a Python class name')
    .optional(),
  initArgs: z.record(z.string(), z.unknown()).optional(),
  /** One example shape per forward() argument, e.g. [[1, 3, 224, 224]]. */
  inputShapes: z.array(dims.min(1)).min(1).max(32),
  /** One per input, or one for all; float32 when absent. */
  inputTypes: z.array(z.enum(elementTypes)).max(32).optional(),
  inputNames: z.array(tensorName).max(32).optional(),
  outputNames: z.array(tensorName).max(32).optional(),
  /** Marks the batch axis of every input and output dynamic. */
  dynamicBatch: z.boolean().default(false),
  /** Further dynamic axes by input or output name: { tokens: { "1": "sequence" } }. */
  dynamicAxes: z.record(tensorName, z.record(z.string().regex(/^\d+$/), tensorName)).optional(),
});

export const sklearnOptionsSchema = z.object({
  code: importSourceSchema.optional(),
  /** Features per row, when the estimator does not record n_features_in_. */
  nFeatures: z.number().int().min(1).max(1_000_000).optional(),
  /** skl2onnx where the Python has it, else the workbench's own converter (auto). */
  converter: z.enum(['auto', 'skl2onnx', 'mlw']).default('auto'),
  /** A .npy of rows [N, features] for the parity test (a data set's rows); seeded random rows otherwise. */
  parityData: importSourceSchema.optional(),
});

export const onnxTransformSchema = z.discriminatedUnion('to', [
  z.object({
    to: z.literal('float16'),
    /** Keep float32 inputs and outputs (casts at the edges), so callers need not change. */
    keepIoTypes: z.boolean().default(true),
    blockList: z.array(z.string().min(1).max(128)).max(256).optional(),
  }),
  z.object({
    to: z.literal('int8'),
    weightType: z.enum(['int8', 'uint8']).default('int8'),
    perChannel: z.boolean().default(false),
    /** Weights smaller than this stay float32. */
    minElements: z.number().int().min(1).max(1e9).optional(),
  }),
  z.object({
    to: z.literal('metadata'),
    edit: z.object({
      docString: z.string().max(100_000).optional(),
      producerName: z.string().max(256).optional(),
      producerVersion: z.string().max(256).optional(),
      modelVersion: z.number().int().min(0).optional(),
      /** Metadata properties to set; null removes one. */
      properties: z.record(z.string().min(1).max(256), z.string().max(100_000).nullable()).optional(),
    }),
  }),
]);
export type OnnxTransform = z.infer<typeof onnxTransformSchema>;

export const registerTargetSchema = z.object({
  name: modelNameSchema,
  description: z.string().max(10_000).optional(),
  /** Register even when the parity test fails (the card says it failed). */
  force: z.boolean().default(false),
});

const common = {
  /** The Python to run (a path); the first detected one that has the framework when absent. */
  python: z.string().min(1).max(4096).optional(),
  opset: z.number().int().min(7).max(21).optional(),
  tolerance: parityToleranceSchema.partial().optional(),
  /** Batch size of the second parity set when the batch is dynamic. */
  parityBatch: z.number().int().min(1).max(4096).optional(),
  /** Median latency over this many runs before and after (0 skips it). */
  latencyRuns: z.number().int().min(0).max(1000).default(20),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(0),
  register: registerTargetSchema.optional(),
};

export const conversionRequestSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('torch'), source: importSourceSchema, torch: torchOptionsSchema, ...common }),
  z.object({
    from: z.literal('sklearn'),
    source: importSourceSchema,
    sklearn: sklearnOptionsSchema.default({ converter: 'auto' }),
    ...common,
  }),
  z.object({
    from: z.literal('tensorflow'),
    source: importSourceSchema,
    /** SavedModel folder or a Keras file (.keras, .h5). */
    inputShapes: z.array(dims.min(1)).max(32).optional(),
    ...common,
  }),
  z.object({
    from: z.literal('tflite'),
    source: importSourceSchema,
    inputShapes: z.array(dims.min(1)).max(32).optional(),
    ...common,
  }),
  /** ONNX to ONNX in TypeScript: a registered version or an .onnx file. */
  z.object({ from: z.literal('onnx'), model: modelRefSchema, transform: onnxTransformSchema, ...common }),
]);
export type ConversionRequest = z.infer<typeof conversionRequestSchema>;
export type ConversionRequestInput = z.input<typeof conversionRequestSchema>;

export const pythonEnvironmentSchema = z.object({
  command: z.string(),
  source: z.enum(['chosen', 'MLW_PYTHON', 'system', 'PATH']),
  python: z.string().optional(),
  executable: z.string().optional(),
  packages: z.record(z.string(), z.string().nullable()).optional(),
  problem: z.string().optional(),
});
export type PythonEnvironmentInfo = z.infer<typeof pythonEnvironmentSchema>;

const fileFacts = z.object({ fileName: z.string(), bytes: z.number().nonnegative(), sha256: z.string() });

/** What a conversion did and how it was proven; saved as conversions/<id>/report.json. */
export const conversionReportSchema = z.object({
  id: conversionIdSchema,
  createdAt: z.string(),
  from: conversionFrameworkSchema,
  /** For ONNX transforms: float16, int8 or metadata. */
  to: z.string().nullable(),
  source: fileFacts.extend({
    /** The registry version converted, for an ONNX transform of one. */
    model: z.object({ name: modelNameSchema, version: z.number().int() }).nullable(),
  }),
  /** The ONNX file written, relative to the workspace (conversions/<id>/model.onnx). */
  output: fileFacts.extend({ path: z.string() }),
  converter: z.object({ name: z.string(), version: z.string().nullable() }),
  /** Python, torch, onnx, scikit-learn, ... versions of the environment that converted (empty for ONNX). */
  libraries: z.record(z.string(), z.string().nullable()),
  opset: z.union([z.number(), z.record(z.string(), z.number())]),
  /** The request's options as given (paths named by file name only). */
  settings: z.record(z.string(), z.unknown()),
  inputs: z.array(
    z.object({ name: z.string(), dtype: z.string(), shape: z.array(z.union([z.number(), z.string()])) }),
  ),
  outputs: z.array(z.string()),
  check: z.object({ errors: z.number().int(), warnings: z.number().int(), messages: z.array(z.string()) }),
  parity: parityReportSchema,
  /** Median ms per run, source (in its framework, or the source ONNX) and converted (ONNX Runtime). */
  latency: z.object({
    sourceMs: z.number().nullable(),
    convertedMs: z.number().nullable(),
    batch: z.number(),
  }),
  /** Milliseconds: the converter script (or the transform) and the workbench's own part around it. */
  timings: z.object({ converterMs: z.number(), overheadMs: z.number() }),
  warnings: z.array(z.string()),
  registered: z.object({ name: modelNameSchema, version: z.number().int() }).nullable(),
  /** Why it was not registered though asked (a failed parity without force). */
  registerRefused: z.string().nullable(),
});
export type ConversionReport = z.infer<typeof conversionReportSchema>;

export const conversionSummarySchema = conversionReportSchema
  .pick({
    id: true,
    createdAt: true,
    from: true,
    to: true,
    registered: true,
    registerRefused: true,
  })
  .extend({ sourceName: z.string(), pass: z.boolean() });
export type ConversionSummary = z.infer<typeof conversionSummarySchema>;

const opUseSchema = z.object({
  domain: z.string(),
  opType: z.string(),
  count: z.number().int(),
  /** The opset that introduced the operator; null when the workbench's table does not know it. */
  introducedIn: z.number().int().nullable(),
  /** The operator version the imported opset resolves to. */
  versionUsed: z.number().int().nullable(),
});

export const opsetReportSchema = z.object({
  opsetImports: z.array(z.object({ domain: z.string(), version: z.number().int() })),
  ops: z.array(opUseSchema),
  /** The smallest default-domain opset that has every default-domain operator the model uses. */
  minDefaultOpset: z.number().int().nullable(),
  nonDefaultOps: z.array(opUseSchema),
  unknownOps: z.array(z.string()),
  tableMaxOpset: z.number().int(),
});
export type OpsetReportInfo = z.infer<typeof opsetReportSchema>;

const conversionId = z.object({ id: conversionIdSchema });

export const conversionContract = {
  'conversion.environments': procedure({
    input: z.object({ python: z.string().min(1).max(4096).optional() }),
    output: z.array(pythonEnvironmentSchema),
    summary:
      'The Pythons conversion could use (the one named first, MLW_PYTHON, /usr/bin/python3, python3 on PATH) with their torch, onnx, scikit-learn, skl2onnx, tf2onnx and TensorFlow versions.',
  }),
  'conversion.opsets': procedure({
    input: z.object({ model: modelRefSchema }),
    output: opsetReportSchema,
    summary:
      'The opset report of an ONNX model: what it imports, each operator with the opset that introduced it and the version it resolves to, the lowest opset that has them all, and operators of other domains.',
  }),
  'conversion.run': procedure({
    input: conversionRequestSchema,
    output: jobSchema,
    summary:
      'Convert a model to ONNX (or an ONNX model to float16, int8 or new metadata) and prove it: structural check, parity in ONNX Runtime against the source, size and latency before and after; the job result is the ConversionReport, saved under conversions/<id>/, and the model is registered when asked and the parity passed (or forced).',
  }),
  'conversion.list': procedure({
    input: z.object({}),
    output: z.array(conversionSummarySchema),
    summary: 'The saved conversions, newest first.',
  }),
  'conversion.get': procedure({
    input: conversionId,
    output: conversionReportSchema,
    summary: 'One saved conversion report.',
  }),
  'conversion.log': procedure({
    input: conversionId,
    output: z.object({ log: z.string() }),
    summary: "The converter's raw output for a conversion (stdout and stderr, head and tail when long).",
  }),
  'conversion.register': procedure({
    input: conversionId.extend(registerTargetSchema.shape),
    output: jobSchema,
    summary:
      "Register a saved conversion's model as the next version of a name (a failed parity only with force); the job result is a ModelAddResult.",
  }),
  'conversion.remove': procedure({
    input: conversionId,
    output: z.object({ trashedTo: z.string() }),
    summary: "Move a conversion's folder to the workspace's trash.",
  }),
} as const;
