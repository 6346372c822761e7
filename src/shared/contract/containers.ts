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
