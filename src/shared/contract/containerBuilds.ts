import { z } from 'zod';
import { parseImageReference } from '../containers/imageReference.js';
import { dockerfileFindingSchema } from './containers.js';
import { procedure } from './define.js';
import { workbenchErrorSchema } from './errors.js';
import { jobSchema } from './jobs.js';
import { modelNameSchema, modelVersionSchema } from './modelRegistry.js';
import { datasetRowsFields, datasetRowsRefinement, requestPayloadSchema } from './servedRequests.js';

/** The public base every build uses unless told otherwise; air-gapped engines pass a local one. */
export const DEFAULT_BASE_IMAGE = 'node:22-bookworm-slim';
/** The port the model server listens on inside the image. */
export const SERVER_PORT = 8080;

/** `[registry/]name[:tag][@digest]` as Docker accepts it. */
export const imageReferenceSchema = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((text) => parseImageReference(text) !== null, {
    message: 'an image reference is lower-case `name[:tag]` or `registry/name[:tag]`, e.g. mlw/churn:3',
  });

export const buildStatusSchema = z.enum(['prepared', 'building', 'built', 'failed', 'cancelled']);
export type BuildStatus = z.infer<typeof buildStatusSchema>;

export const imageLayerSchema = z.object({
  /** The layer's image id, or `<missing>` for layers of a base pulled from a registry. */
  id: z.string(),
  /** The instruction that made it, as Docker's history reports it. */
  createdBy: z.string(),
  sizeBytes: z.number().int().nonnegative(),
});
export type ImageLayer = z.infer<typeof imageLayerSchema>;

/** One way of asking the served model, and how far its answers were from in-process ONNX Runtime's. */
export const verifiedRouteSchema = z.object({
  route: z.string(),
  requests: z.number().int().nonnegative(),
  /** Largest differences over every output and sample; null when no answer could be compared. */
  maxAbsError: z.number().nullable(),
  maxRelError: z.number().nullable(),
  /** Why this route failed (a status, a message, a shape), or null. */
  failure: z.string().nullable(),
});

/** Whether a build's image answers like the model it serves. */
export const verificationSchema = z.object({
  status: z.enum(['verified', 'failed']),
  at: z.string(),
  samples: z.number().int().positive(),
  batch: z.number().int().positive(),
  tolerance: z.object({ abs: z.number(), rel: z.number() }),
  routes: z.array(verifiedRouteSchema),
  /** From starting the container to its first 200 on /ready. */
  readyMs: z.number().nonnegative(),
  message: z.string(),
  /** Verifications made before data set rows existed were all generated from the signature. */
  payload: requestPayloadSchema.default({ kind: 'signature' }),
});
export type Verification = z.infer<typeof verificationSchema>;

/** `builds/<id>/build.json`: what was built from what, and how it went. */
export const buildRecordSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string(),
  createdAt: z.string(),
  model: z.object({
    name: modelNameSchema,
    version: modelVersionSchema,
    sha256: z.string(),
    fileName: z.string(),
  }),
  tag: imageReferenceSchema,
  base: z.object({
    image: z.string(),
    /** The base's repo digest, or its image id for a base made locally; null before the first build. */
    digest: z.string().nullable(),
  }),
  port: z.number().int().min(1).max(65535),
  server: z.object({ version: z.string() }),
  workbench: z.object({ version: z.string() }),
  onnxruntime: z.object({ version: z.string() }),
  status: buildStatusSchema,
  /** Set once built: the image and its layers, newest first as `docker history` lists them. */
  image: z
    .object({
      id: z.string(),
      sizeBytes: z.number().int().nonnegative(),
      layers: z.array(imageLayerSchema),
    })
    .nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  error: workbenchErrorSchema.nullable(),
  /** Set by each verification, after a build or on its own (builds made before it have none). */
  verification: verificationSchema.nullable().default(null),
  /** Each push of the image to a registry, oldest first (builds made before pushing existed have none). */
  pushes: z
    .array(z.object({ reference: z.string(), digest: z.string().nullable(), at: z.string() }))
    .default([]),
});
export type BuildRecord = z.infer<typeof buildRecordSchema>;

export const buildDetailSchema = z.object({
  record: buildRecordSchema,
  dockerfile: z.string(),
  findings: z.array(dockerfileFindingSchema),
});
export type BuildDetail = z.infer<typeof buildDetailSchema>;

const buildId = z.object({ id: z.string().min(1).max(200) });

export const containerBuildsContract = {
  'containers.prepareBuild': procedure({
    input: z.object({
      model: z.object({ name: modelNameSchema, version: modelVersionSchema.optional() }),
      tag: imageReferenceSchema.optional(),
      base: imageReferenceSchema.optional(),
    }),
    output: buildRecordSchema,
    summary:
      'Write a build context for a model version into builds/<id>/ (Dockerfile, server, model), ready to review and build.',
  }),
  'containers.listBuilds': procedure({
    input: z.object({}),
    output: z.array(buildRecordSchema),
    summary: 'The builds in the workspace, newest first.',
  }),
  'containers.getBuild': procedure({
    input: buildId,
    output: buildDetailSchema,
    summary: "A build's record, its Dockerfile and what the Dockerfile lint finds in it.",
  }),
  'containers.saveDockerfile': procedure({
    input: buildId.extend({ text: z.string().max(1_000_000) }),
    output: buildDetailSchema,
    summary: "Replace a build's Dockerfile (before building it again) and lint it.",
  }),
  'containers.verify': procedure({
    input: buildId
      .extend({
        samples: z.number().int().min(1).max(100).default(4),
        batch: z.number().int().min(1).max(256).default(2),
        ...datasetRowsFields,
      })
      .refine(...datasetRowsRefinement),
    output: jobSchema,
    summary:
      "Start a built image, send it requests generated from the signature (or made of rows of a data set) through /predict and v2 infer, and compare the answers with in-process ONNX Runtime; the job's result is the BuildRecord.",
  }),
  'containers.makeLocalBase': procedure({
    input: z.object({ tag: imageReferenceSchema }),
    output: z.object({ imageId: z.string(), reference: z.string() }),
    summary:
      "Make a Node base image from this machine's Node, its libraries and busybox, for an engine that cannot pull one.",
  }),
  'containers.build': procedure({
    input: buildId.extend({ verify: z.boolean().default(true) }),
    output: jobSchema,
    summary: 'Build the image of a prepared build; the job result is its BuildRecord.',
  }),
} as const;
