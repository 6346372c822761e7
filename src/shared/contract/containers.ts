import { z } from 'zod';
import { parseImageReference } from '../containers/imageReference.js';
import { procedure, stream } from './define.js';
import { workbenchErrorSchema } from './errors.js';

export const engineStatusSchema = z.object({
  reachable: z.boolean(),
  /** Where the engine is, e.g. unix:///var/run/docker.sock or tcp://build-box:2376. */
  endpoint: z.string(),
  /** Where that address came from: --docker-host, DOCKER_HOST, a Docker context, Podman's socket, or the default. */
  source: z.enum(['setting', 'DOCKER_HOST', 'context', 'podman', 'default']).optional(),
  /** The Docker context's name, when the address came from one. */
  context: z.string().optional(),
  /** "Docker Engine", "Podman Engine", … as the engine names itself. */
  product: z.string().optional(),
  version: z.string().optional(),
  apiVersion: z.string().optional(),
  os: z.string().optional(),
  arch: z.string().optional(),
  containersRunning: z.number().int().optional(),
  images: z.number().int().optional(),
  error: workbenchErrorSchema.optional(),
});
export type EngineStatus = z.infer<typeof engineStatusSchema>;

/** Something on the engine changed (a container or image was made, started, stopped, removed…). */
export const engineChangeSchema = z.object({ kind: z.enum(['container', 'image']) });
export type EngineChange = z.infer<typeof engineChangeSchema>;

export const containersStreams = {
  'containers.changed': stream({
    payload: engineChangeSchema,
    summary: "The engine's containers or images changed: refetch the lists (debounced).",
  }),
} as const;

export const containersContract = {
  'containers.engine': procedure({
    input: z.object({}),
    output: engineStatusSchema,
    summary: 'Whether the Docker engine answers, and its version.',
  }),
} as const;

export const dockerfileRules = [
  'empty-file',
  'no-from',
  'unknown-instruction',
  'invalid-image',
  'base-unpinned',
  'root-user',
  'run-unmerged',
  'secret-in-env',
  'no-healthcheck',
  'add-instead-of-copy',
  'apt-no-clean',
] as const;
export const dockerfileRuleSchema = z.enum(dockerfileRules);
export type DockerfileRule = z.infer<typeof dockerfileRuleSchema>;

/** 1-based lines and columns, end column exclusive: the shape of a Monaco marker. */
export const sourceRangeSchema = z.object({
  startLine: z.number().int().min(1),
  startColumn: z.number().int().min(1),
  endLine: z.number().int().min(1),
  endColumn: z.number().int().min(1),
});
export type SourceRange = z.infer<typeof sourceRangeSchema>;

export const dockerfileFindingSchema = z.object({
  rule: dockerfileRuleSchema,
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  hint: z.string(),
  range: sourceRangeSchema,
});
export type DockerfileFinding = z.infer<typeof dockerfileFindingSchema>;

/**
 * A Kubernetes resource quantity (apimachinery's resource.Quantity: 500m, 2, 1.5, 512Mi, 1e3), as
 * the pattern the KServe CRD and the Kubernetes OpenAPI schema carry for it.
 */
export const KUBERNETES_QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';
const quantity = (what: string) =>
  z
    .string()
    .regex(
      new RegExp(KUBERNETES_QUANTITY_PATTERN),
      `${what} must be a Kubernetes quantity such as 500m, 2, 512Mi or 1Gi`,
    )
    .refine((value) => !value.startsWith('-'), `${what} must not be negative`);

/** A DNS-1123 subdomain: how Kubernetes names a Secret. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * What the exporters (Kubernetes manifests, a KServe InferenceService, a CI workflow) need to know
 * about an image that serves a model.
 */
export const servedImageSchema = z.object({
  /** registry/repository:tag, optionally @sha256:digest (which then pins what the cluster pulls). */
  image: z.string().refine(
    (image) => {
      const reference = parseImageReference(image);
      return reference !== null && (reference.tag !== undefined || reference.digest !== undefined);
    },
    { message: 'image must be a reference with a tag or a digest, e.g. ghcr.io/acme/churn:1.2.0' },
  ),
  modelName: z.string().trim().min(1).max(253),
  modelVersion: z.string().trim().min(1).max(128),
  modelSha256: z.string().regex(/^[a-f0-9]{64}$/, 'modelSha256 must be 64 lowercase hex digits'),
  port: z.number().int().min(1).max(65535),
  /** A Kubernetes Secret whose `api-key` entry the server requires on /predict. */
  apiKeySecretName: z
    .string()
    .max(253)
    .regex(DNS_SUBDOMAIN, 'apiKeySecretName must be a Kubernetes name: lowercase letters, digits, - and .')
    .optional(),
  /** Requested and limited alike (Guaranteed QoS), so that CPU utilization means the same on every node. */
  resources: z.object({ cpu: quantity('resources.cpu'), memory: quantity('resources.memory') }).optional(),
  replicas: z.number().int().min(0).max(1000).optional(),
  autoscale: z
    .object({
      min: z.number().int().min(1).max(1000),
      max: z.number().int().min(1).max(1000),
      cpuPercent: z.number().int().min(1).max(100),
    })
    .refine((autoscale) => autoscale.min <= autoscale.max, {
      message: 'autoscale.min must not be above autoscale.max',
      path: ['min'],
    })
    .optional(),
  /**
   * The numeric user the server runs as. Kubernetes can check runAsNonRoot only for a numeric USER,
   * so an image whose USER is a name needs this.
   */
  runAsUser: z.number().int().min(1).max(2147483647).optional(),
});
export type ServedImage = z.infer<typeof servedImageSchema>;

/** A GitHub Actions secret name: letters, digits and _, not starting with a digit or GITHUB_. */
const secretName = z
  .string()
  .regex(
    /^(?!GITHUB_)[A-Za-z_][A-Za-z0-9_]*$/i,
    'a secret name is letters, digits and _, and cannot start with GITHUB_',
  );

/** What a CI workflow needs beyond the image: where its build context is and what to send it. */
export const ciWorkflowSettingsSchema = servedImageSchema.extend({
  /** The folder holding the Dockerfile, relative to the repository root. */
  buildContext: z
    .string()
    .regex(
      /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._/-]+$/,
      'buildContext must be a folder inside the repository, e.g. serving/churn, of letters, digits, ., _, - and /',
    ),
  /** The JSON body of the one /predict request the workflow sends. */
  sampleRequest: z.json(),
  /** Repository secrets holding the registry login; ghcr.io uses the workflow's own token instead. */
  registryUsernameSecret: secretName.default('REGISTRY_USERNAME'),
  registryPasswordSecret: secretName.default('REGISTRY_PASSWORD'),
});
export type CiWorkflowSettings = z.input<typeof ciWorkflowSettingsSchema>;
