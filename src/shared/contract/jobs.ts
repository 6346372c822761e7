import { z } from 'zod';
import { procedure, stream } from './define.js';
import { workbenchErrorSchema } from './errors.js';

export const jobStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const jobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  status: jobStatusSchema,
  /** 0..1, or null while the work cannot say how far it is. */
  progress: z.number().min(0).max(1).nullable(),
  stage: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  logLines: z.number().int().nonnegative(),
  result: z.unknown().optional(),
  error: workbenchErrorSchema.optional(),
});
export type Job = z.infer<typeof jobSchema>;

export const jobLogLineSchema = z.object({
  at: z.string(),
  level: z.enum(['info', 'warn', 'error']),
  text: z.string(),
});
export type JobLogLine = z.infer<typeof jobLogLineSchema>;

const jobId = z.object({ id: z.string().min(1) });

export const jobsContract = {
  'jobs.list': procedure({
    input: z.object({}),
    output: z.array(jobSchema),
    summary: 'All jobs of this session, newest first.',
  }),
  'jobs.get': procedure({ input: jobId, output: jobSchema, summary: 'One job by id.' }),
  'jobs.cancel': procedure({ input: jobId, output: jobSchema, summary: 'Ask a running job to stop.' }),
  'jobs.log': procedure({
    input: jobId.extend({
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.object({ lines: z.array(jobLogLineSchema), total: z.number().int() }),
    summary: 'A page of a job log.',
  }),
} as const;

export const jobsStreams = {
  'jobs.updated': stream({ payload: jobSchema, summary: 'A job changed state or progress (throttled).' }),
} as const;
