import { z } from 'zod';
import { imageReferenceSchema } from './containerBuilds.js';
import { ciWorkflowSettingsSchema, servedImageSchema } from './containers.js';
import { procedure } from './define.js';
import { jobSchema } from './jobs.js';

const buildId = z.string().min(1).max(200);

/** A registry login given with a push; never written to the workspace or any log. */
export const registryCredentialsSchema = z.object({
  username: z.string().min(1).max(512),
  password: z.string().min(1).max(8192),
});
export type RegistryCredentials = z.infer<typeof registryCredentialsSchema>;

export const pushRequestSchema = z.object({
  buildId,
  /** registry/repository:tag the build's image is tagged as and pushed to. */
  target: imageReferenceSchema,
  credentials: registryCredentialsSchema.optional(),
  /** Keep the given credentials in the OS keychain for the target's registry. */
  remember: z.boolean().default(false),
});
export type PushRequest = z.input<typeof pushRequestSchema>;

/** Where a push's login came from: given, the OS keychain, the Docker config, or none (anonymous). */
export const credentialSourceSchema = z.enum([
  'given',
  'keychain',
  'docker-config',
  'credential-helper',
  'none',
]);
export type CredentialSource = z.infer<typeof credentialSourceSchema>;

/** The job result of containers.push. */
export const pushResultSchema = z.object({
  buildId,
  reference: z.string(),
  /** The manifest digest the registry stored (sha256:…). */
  digest: z.string().nullable(),
  registry: z.string(),
  credentials: credentialSourceSchema,
  /** Whether the given credentials are now in the OS keychain. */
  remembered: z.boolean(),
  /** Why remembering did not happen (no keychain backend), or null. */
  rememberProblem: z.string().nullable(),
});
export type PushResult = z.infer<typeof pushResultSchema>;

/** The login a push to a registry would use without one given, told without its password. */
export const savedLoginSchema = z.object({
  registry: z.string(),
  source: credentialSourceSchema.exclude(['given']),
  /** Absent when no login is saved for the registry. */
  username: z.string().optional(),
});
export type SavedLogin = z.infer<typeof savedLoginSchema>;

/** What the build record already says (model, hash, port) is filled in; the rest is the caller's choice. */
const fromBuild = { modelName: true, modelVersion: true, modelSha256: true, port: true } as const;
const exportTarget = {
  buildId,
  /** The image the cluster pulls; by default the build's last push, pinned by its digest. */
  image: z.string().optional(),
  /** false: make the YAML only, to preview it, and leave the workspace as it is. */
  write: z.boolean().default(true),
};

export const kubernetesExportRequestSchema = servedImageSchema.omit(fromBuild).extend(exportTarget);
export const workflowExportRequestSchema = ciWorkflowSettingsSchema
  .omit(fromBuild)
  .extend(exportTarget)
  .extend({ buildContext: ciWorkflowSettingsSchema.shape.buildContext.optional() });

export const exportResultSchema = z.object({
  /** Workspace-relative, e.g. builds/<id>/export/kubernetes.yaml. */
  path: z.string(),
  yaml: z.string(),
  /** Whether the file at `path` now holds `yaml` (false for a preview). */
  written: z.boolean(),
});
export type ExportResult = z.infer<typeof exportResultSchema>;

export const containerShipContract = {
  'containers.push': procedure({
    input: pushRequestSchema,
    output: jobSchema,
    summary:
      "Tag a build's image as a registry reference and push it, with given, keychain or Docker-config credentials; the job's result is a PushResult.",
  }),
  'containers.registryCredentials': procedure({
    input: z.object({ registry: z.string().trim().min(1).max(255) }),
    output: savedLoginSchema,
    summary:
      'Which saved login (OS keychain, Docker config or its credential helper) a push to a registry would use, and its username; never the password.',
  }),
  'containers.exportKubernetes': procedure({
    input: kubernetesExportRequestSchema,
    output: exportResultSchema,
    summary:
      "Write Kubernetes manifests (Deployment, Service, …) for a build's pushed image into builds/<id>/export/kubernetes.yaml (write: false previews them).",
  }),
  'containers.exportKserve': procedure({
    input: kubernetesExportRequestSchema,
    output: exportResultSchema,
    summary:
      "Write a KServe InferenceService for a build's pushed image into builds/<id>/export/kserve.yaml (write: false previews it).",
  }),
  'containers.exportWorkflow': procedure({
    input: workflowExportRequestSchema,
    output: exportResultSchema,
    summary:
      "Write a GitHub Actions workflow that builds, checks and pushes a build's image into builds/<id>/export/github-workflow.yml (write: false previews it).",
  }),
} as const;
