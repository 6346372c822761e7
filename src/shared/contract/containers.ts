import { z } from 'zod';
import { procedure } from './define.js';
import { workbenchErrorSchema } from './errors.js';

export const engineStatusSchema = z.object({
  reachable: z.boolean(),
  /** Where the engine is, e.g. unix:///var/run/docker.sock or tcp://build-box:2376. */
  endpoint: z.string(),
  version: z.string().optional(),
  apiVersion: z.string().optional(),
  os: z.string().optional(),
  arch: z.string().optional(),
  containersRunning: z.number().int().optional(),
  images: z.number().int().optional(),
  error: workbenchErrorSchema.optional(),
});
export type EngineStatus = z.infer<typeof engineStatusSchema>;

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
