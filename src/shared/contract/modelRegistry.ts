import { z } from 'zod';
import { conversionProvenanceSchema } from './conversionProvenance.js';
import { importSourceSchema } from './datasets.js';
import { procedure } from './define.js';
import { jobSchema } from './jobs.js';
import { findingSchema, modelSummarySchema } from './modelSummary.js';

/**
 * The model registry: `models/<name>/<version>/` in the workspace holds the .onnx file (its own
 * name), any external-data files it references (their relative names) and `card.json`.
 */

/** Lowercase letters, digits, `.`, `_` and `-`; never `@`, `/`, a leading dot or a trailing `.onnx`. */
export const modelNameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,63}$/,
    'a model name: up to 64 lowercase letters, digits, dots, dashes and underscores, starting with a letter or digit',
  )
  .refine((name) => !name.endsWith('.onnx'), 'a model name may not end in .onnx (that reads as a file)');
export type ModelName = z.infer<typeof modelNameSchema>;

export const modelVersionSchema = z.number().int().positive().max(1_000_000);

/** A model in the registry by name; without a version, its latest. */
export const registryRefSchema = z.object({
  kind: z.literal('registry'),
  name: modelNameSchema,
  version: modelVersionSchema.optional(),
});
export type RegistryRef = z.infer<typeof registryRefSchema>;

/**
 * How any procedure names a model: a registry entry, a path (a window: inside the workspace only;
 * the CLI: any path), or a browser upload.
 */
export const modelRefSchema = z.discriminatedUnion('kind', [
  ...importSourceSchema.options,
  registryRefSchema,
]);
export type ModelRef = z.infer<typeof modelRefSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);

/** What a model was converted from; the conversion feature fills it, the user may give it. */
export const convertedFromSchema = z
  .object({
    framework: text(100).optional(),
    frameworkVersion: text(100).optional(),
    tool: text(100).optional(),
    toolVersion: text(100).optional(),
  })
  .strict();
export type ConvertedFrom = z.infer<typeof convertedFromSchema>;

const sha256Schema = z.string().regex(/^[a-f0-9]{64}$/);
const bytesSchema = z.number().int().nonnegative();

const cardValueSchema = z.object({
  name: z.string(),
  /** ONNX's element type name (FLOAT, INT64, ...); null for a value that is not a tensor. */
  elementType: z.string().nullable(),
  /** null when the rank is unknown; a string names a symbolic dimension, null in it is unknown. */
  shape: z.array(z.union([z.number(), z.string(), z.null()])).nullable(),
});

export const modelCardSchema = z.object({
  schemaVersion: z.literal(1),
  name: modelNameSchema,
  version: modelVersionSchema,
  file: z.object({ name: z.string(), sizeBytes: bytesSchema, sha256: sha256Schema }),
  /** Files the model's tensors are stored in, by the relative name the model uses. */
  externalData: z.array(z.object({ location: z.string(), sizeBytes: bytesSchema, sha256: sha256Schema })),
  producer: z.object({ name: z.string(), version: z.string() }),
  irVersion: z.number().int().nullable(),
  opsets: z.array(z.object({ domain: z.string(), version: z.number().int() })),
  inputs: z.array(cardValueSchema),
  outputs: z.array(cardValueSchema),
  /** Elements in all initializers. */
  parameters: z.number().nonnegative(),
  weightBytes: z.number().nonnegative(),
  /** How many findings the structural check had when the version was added. */
  check: z.object({ errors: z.number().int().nonnegative(), warnings: z.number().int().nonnegative() }),
  description: z.string(),
  provenance: z.object({
    source: z.object({
      kind: z.enum(['path', 'upload']),
      fileName: z.string(),
      /** The absolute path it was added from; null for an upload. */
      path: z.string().nullable(),
    }),
    convertedFrom: convertedFromSchema.nullable(),
    /** Set for a version the Conversion section made (cards written before it have none). */
    conversion: conversionProvenanceSchema.nullable().optional(),
    /** The OS user who added it. */
    addedBy: z.string(),
    addedAt: z.string(),
  }),
});
export type ModelCard = z.infer<typeof modelCardSchema>;

export const registryModelSchema = z.object({
  name: modelNameSchema,
  latest: modelVersionSchema,
  /** Set when the name says nothing about the model (`model`, `final-2`, `best`, ...). */
  nameWarning: z.string().nullable(),
  /** Oldest first. */
  versions: z.array(modelCardSchema),
});
export type RegistryModel = z.infer<typeof registryModelSchema>;

/** The result of a finished `models.add` job. */
export const modelAddResultSchema = z.object({
  name: modelNameSchema,
  version: modelVersionSchema,
  /** The .onnx file, relative to the workspace. */
  path: z.string(),
  card: modelCardSchema,
  /** A generic name, the model's findings, a duplicate allowed on request. */
  warnings: z.array(z.string()),
  findings: z.array(findingSchema),
});
export type ModelAddResult = z.infer<typeof modelAddResultSchema>;

export const modelRegistryContract = {
  'models.list': procedure({
    input: z.object({}),
    output: z.array(registryModelSchema),
    summary: 'The registry: every model by name with its versions side by side and their cards.',
  }),
  'models.get': procedure({
    input: z.object({ name: modelNameSchema, version: modelVersionSchema.optional() }),
    output: z.object({
      card: modelCardSchema,
      path: z.string(),
      nameWarning: z.string().nullable(),
      summary: modelSummarySchema,
      findings: z.array(findingSchema),
    }),
    summary: 'One registered version (latest without a version): its card and what inspection finds now.',
  }),
  'models.add': procedure({
    input: z.object({
      source: importSourceSchema,
      name: modelNameSchema.optional(),
      description: z.string().max(10_000).optional(),
      convertedFrom: convertedFromSchema.optional(),
      /** Add a file identical to a registered version anyway (refused otherwise). */
      allowDuplicate: z.boolean().optional(),
    }),
    output: jobSchema,
    summary:
      'Add an .onnx file (with its external data) to the registry as the next version of a name; returns the job at once, whose result is a ModelAddResult.',
  }),
  'models.delete': procedure({
    input: z.object({
      name: modelNameSchema,
      /** Without a version, every version of the model. */
      version: modelVersionSchema.optional(),
      confirm: z.literal(true, { error: 'Deleting a model needs confirm: true.' }),
    }),
    output: z.object({ name: modelNameSchema, versions: z.array(modelVersionSchema), trashedAs: z.string() }),
    summary: 'Move a model version (or the whole model) to models/.trash/; nothing is erased.',
  }),
  'models.check': procedure({
    input: z.object({ model: modelRefSchema }),
    output: z.object({ file: z.string(), findings: z.array(findingSchema) }),
    summary: 'The structural check of a registered model or an .onnx file: its findings, errors first.',
  }),
};
