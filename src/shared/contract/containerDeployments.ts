import { z } from 'zod';
import { procedure } from './define.js';
import { modelNameSchema, modelVersionSchema } from './modelRegistry.js';

/** A deployment's name: the container's name too, so Docker's rules (and a DNS label's length). */
export const deploymentNameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    'a deployment name: up to 63 lower-case letters, digits and dashes, starting with a letter or digit',
  );

export const deploymentStateSchema = z.enum(['created', 'running', 'restarting', 'paused', 'exited', 'dead']);
export const deploymentHealthSchema = z.enum(['starting', 'healthy', 'unhealthy', 'none']);

/** A model server container the workbench started, as the engine reports it now. */
export const deploymentSchema = z.object({
  name: deploymentNameSchema,
  containerId: z.string(),
  image: z.string(),
  buildId: z.string().nullable(),
  model: z.object({ name: modelNameSchema, version: modelVersionSchema }).nullable(),
  state: deploymentStateSchema,
  health: deploymentHealthSchema,
  /** Where it answers, on this machine's loopback (or the engine host's, for a remote engine). */
  url: z.string(),
  port: z.number().int().min(1).max(65535),
  network: z.enum(['bridge', 'host']),
  /** Requests and predictions go to captures/<name>/ in the workspace when set. */
  capture: z.object({ folder: z.string(), sampleRate: z.number().min(0).max(1) }).nullable(),
  /** Whether requests need `Authorization: Bearer <key>`. */
  auth: z.boolean(),
  limits: z.object({ memoryBytes: z.number().int().nullable(), cpus: z.number().nullable() }),
  createdAt: z.string(),
  /** Set once the container has stopped. */
  exitCode: z.number().int().nullable(),
  /**
   * The workspace that started it (its captures, build and model are there): its id, its folder
   * when it started, and whether it is the one asking. Null for a container of a workbench that did
   * not label it (an unknown workspace).
   */
  workspace: z.object({ id: z.string(), path: z.string(), current: z.boolean() }).nullable(),
});
export type Deployment = z.infer<typeof deploymentSchema>;

export const runRequestSchema = z.object({
  /** A build id (its image), or any image reference on the engine. */
  build: z.string().min(1).max(255),
  name: deploymentNameSchema.optional(),
  /** The host port on 127.0.0.1; a free one by default. */
  port: z.number().int().min(1).max(65535).optional(),
  env: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'), z.string())
    .optional(),
  memoryMb: z.number().int().min(16).max(1_048_576).optional(),
  cpus: z.number().min(0.01).max(1024).optional(),
  capture: z.object({ sampleRate: z.number().min(0).max(1) }).optional(),
  /** Generate an API key the server will require; it is returned once and kept out of the workspace. */
  auth: z.boolean().optional(),
  /** How often the image's health check asks /health (its own default: every 10 s, 3 misses). */
  healthcheckIntervalS: z.number().int().min(1).max(3600).optional(),
  /** How long to wait for /ready before failing the run (and removing the container). */
  readyTimeoutMs: z.number().int().min(100).max(600_000).optional(),
});
export type RunRequest = z.infer<typeof runRequestSchema>;

export const tryRequestSchema = z.object({
  name: deploymentNameSchema,
  method: z.enum(['GET', 'POST']),
  /** A path on the server, e.g. /predict or /v2/models/churn/infer. */
  path: z.string().regex(/^\/[\w\-./{}%]*$/, 'a path on the server, starting with /'),
  body: z
    .string()
    .max(64 * 1024 * 1024)
    .optional(),
});

export const tryResponseSchema = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  /** Whether the body was longer than what is returned. */
  truncated: z.boolean(),
  ms: z.number().nonnegative(),
});
export type TryResponse = z.infer<typeof tryResponseSchema>;

const byName = z.object({ name: deploymentNameSchema });

export const containerDeploymentsContract = {
  'containers.run': procedure({
    input: runRequestSchema,
    output: z.object({ deployment: deploymentSchema, apiKey: z.string().nullable() }),
    summary:
      'Start a model server container (port on 127.0.0.1, limits, capture) and wait until it is ready; an API key, if asked for, is returned once.',
  }),
  'containers.ps': procedure({
    input: z.object({
      all: z.boolean().default(true),
      /** Every workbench deployment on the engine, not only this workspace's. */
      allWorkspaces: z.boolean().default(false),
    }),
    output: z.array(deploymentSchema),
    summary:
      "The model server containers this workspace started (or, with allWorkspaces, every workspace's on the engine), newest first.",
  }),
  'containers.logs': procedure({
    input: byName.extend({ tail: z.number().int().min(1).max(10_000).default(200) }),
    output: z.object({
      lines: z.array(z.object({ stream: z.enum(['stdout', 'stderr']), text: z.string() })),
    }),
    summary: "The last lines of a deployment's log.",
  }),
  'containers.stats': procedure({
    input: byName,
    output: z.object({
      cpuPercent: z.number().nonnegative(),
      memoryBytes: z.number().int().nonnegative(),
      memoryLimitBytes: z.number().int().nonnegative(),
    }),
    summary: "A deployment's CPU and memory use now.",
  }),
  'containers.exec': procedure({
    input: byName.extend({ command: z.array(z.string()).min(1).max(100) }),
    output: z.object({ exitCode: z.number().int(), output: z.string() }),
    summary: 'Run a command inside a running deployment and return its output.',
  }),
  'containers.try': procedure({
    input: tryRequestSchema,
    output: tryResponseSchema,
    summary: 'Send one request to a deployment (with its API key, if it has one) and return the answer.',
  }),
  'containers.stop': procedure({
    input: byName,
    output: deploymentSchema,
    summary: 'Stop a deployment (SIGTERM, then SIGKILL after 10 s).',
  }),
  'containers.remove': procedure({
    input: byName,
    output: z.object({ name: deploymentNameSchema }),
    summary: 'Remove a deployment container (stopping it first); its captures stay in the workspace.',
  }),
} as const;
