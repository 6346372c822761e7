import { z } from 'zod';
import { deploymentNameSchema } from './containerDeployments.js';
import { procedure } from './define.js';
import { jobSchema } from './jobs.js';
import { modelNameSchema, modelVersionSchema } from './modelRegistry.js';
import {
  V2_INFER_PATH,
  datasetRowsFields,
  datasetRowsRefinement,
  requestPayloadSchema,
  tensorEncodingSchema,
} from './servedRequests.js';

/** One second of a load test: what was answered in it, with its latencies in milliseconds. */
export const loadTestSampleSchema = z.object({
  /** Seconds since the test started, at the end of this second. */
  t: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative(),
  rps: z.number().nonnegative(),
  p50: z.number().nonnegative().nullable(),
  p90: z.number().nonnegative().nullable(),
  p99: z.number().nonnegative().nullable(),
  errors: z.number().int().nonnegative(),
  non2xx: z.number().int().nonnegative(),
});
export type LoadTestSample = z.infer<typeof loadTestSampleSchema>;

const latencySchema = z.object({
  mean: z.number().nonnegative().nullable(),
  p50: z.number().nonnegative().nullable(),
  p90: z.number().nonnegative().nullable(),
  p99: z.number().nonnegative().nullable(),
  max: z.number().nonnegative().nullable(),
});

/** What a load test measured (runLoadTest), before it is tied to a deployment. */
export const loadTestMeasurementSchema = z.object({
  connections: z.number().int().positive(),
  /** Seconds from the first request to the last answer. */
  durationS: z.number().nonnegative(),
  /** Answers received, of any status. */
  requests: z.number().int().nonnegative(),
  /** Answers with a 2xx status. */
  ok: z.number().int().nonnegative(),
  rpsMean: z.number().nonnegative(),
  /** Over the 2xx answers, in milliseconds. */
  latency: latencySchema,
  /** Requests that got no answer: refused, reset, timed out. */
  errors: z.number().int().nonnegative(),
  non2xx: z.number().int().nonnegative(),
  /** Bytes of the answers received. */
  bytes: z.number().int().nonnegative(),
  startedAt: z.string(),
  samples: z.array(loadTestSampleSchema),
});
export type LoadTestMeasurement = z.infer<typeof loadTestMeasurementSchema>;

/** A load test against a deployment, as saved with its build in builds/<id>/loadtests/<id>.json. */
export const loadTestResultSchema = loadTestMeasurementSchema.extend({
  schemaVersion: z.literal(1),
  id: z.string(),
  deployment: deploymentNameSchema,
  buildId: z.string().nullable(),
  image: z.string(),
  model: z.object({ name: modelNameSchema, version: modelVersionSchema }),
  method: z.enum(['GET', 'POST']),
  path: z.string(),
  batch: z.number().int().positive(),
  /** How many different request bodies the connections cycled through. */
  bodies: z.number().int().positive(),
  /** Results saved before data set payloads existed were all generated from the signature. */
  payload: requestPayloadSchema.default({ kind: 'signature' }),
  /** Results saved before binary tensors existed were all JSON. */
  encoding: tensorEncodingSchema.default('json'),
});
export type LoadTestResult = z.infer<typeof loadTestResultSchema>;

export const loadTestRequestSchema = z
  .object({
    name: deploymentNameSchema,
    path: z
      .string()
      .regex(/^\/[\w\-./{}%]*$/, 'a path on the server, starting with /')
      .default('/predict'),
    connections: z.number().int().min(1).max(1024).default(16),
    /** How long to send requests; 10 s unless `requests` is given. */
    durationS: z.number().min(1).max(3600).optional(),
    /** Stop after this many requests instead of after a duration. */
    requests: z.number().int().min(1).max(10_000_000).optional(),
    /** Rows per request, for a model with a free batch dimension. */
    batch: z.number().int().min(1).max(4096).default(1),
    /** Binary tensors in and out, on the v2 infer route only. */
    encoding: tensorEncodingSchema.default('json'),
    ...datasetRowsFields,
  })
  .refine((request) => request.durationS === undefined || request.requests === undefined, {
    message: 'a load test runs for a duration or for a number of requests, not both',
  })
  .refine(...datasetRowsRefinement)
  .refine((request) => request.encoding === 'json' || V2_INFER_PATH.test(request.path), {
    message: 'binary tensors go to the v2 infer route (/v2/models/NAME/infer) only',
  });
export type LoadTestRequest = z.infer<typeof loadTestRequestSchema>;

export const containerLoadtestsContract = {
  'containers.loadtest': procedure({
    input: loadTestRequestSchema,
    output: jobSchema,
    summary:
      'Send a running deployment requests from many connections (bodies generated from its model signature, or rows of a data set); the job logs one JSON sample per second and its result is the LoadTestResult, saved with the build.',
  }),
  'containers.listLoadtests': procedure({
    input: z.object({ buildId: z.string().min(1).max(255) }),
    output: z.array(loadTestResultSchema),
    summary: "A build's saved load tests, newest first, to compare builds.",
  }),
} as const;
