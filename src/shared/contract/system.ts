import { z } from 'zod';
import { procedure } from './define.js';

export const hostKindSchema = z.enum(['electron', 'browser', 'cli']);

export const systemContract = {
  'system.info': procedure({
    input: z.object({}),
    output: z.object({
      appVersion: z.string(),
      host: hostKindSchema,
      platform: z.string(),
      workspace: z.string(),
      nodeVersion: z.string(),
      /** The engines the services run on, e.g. "DuckDB v1.5.6", "ONNX Runtime 1.30.0". */
      runtimes: z.array(z.string()),
    }),
    summary: 'What is running and which workspace it uses.',
  }),
} as const;
