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
    }),
    summary: 'What is running and which workspace it uses.',
  }),
} as const;
