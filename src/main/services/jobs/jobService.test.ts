import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import type { Job } from '../../../shared/contract/jobs.js';
import { createJobService } from './jobService.js';

describe('job service', () => {
  it('runs a body to success, reporting progress, log and result', async () => {
    const jobs = createJobService({ throttleMs: 5 });
    const seen: Job[] = [];
    jobs.onUpdate((job) => seen.push(job));
    const started = jobs.start({ kind: 'test', title: 'Count' }, async (ctx) => {
      ctx.progress(0.5, 'Halfway');
      ctx.log('counted half');
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { counted: 2 };
    });
    expect(started.status).toBe('running');
    const done = await jobs.wait(started.id);
    expect(done.status).toBe('succeeded');
    expect(done.result).toEqual({ counted: 2 });
    expect(done.progress).toBe(1);
    expect(jobs.log(started.id, 0, 10).lines.map((line) => line.text)).toEqual(['counted half']);
    expect(seen.some((job) => job.stage === 'Halfway' && job.progress === 0.5)).toBe(true);
    expect(seen.at(-1)?.status).toBe('succeeded');
    await jobs.dispose();
  });

  it('cancels through the AbortSignal and reports CANCELLED, not a failure', async () => {
    const jobs = createJobService();
    const started = jobs.start(
      { kind: 'test', title: 'Wait forever' },
      (ctx) =>
        new Promise((_resolve, reject) =>
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error)),
        ),
    );
    jobs.cancel(started.id);
    const done = await jobs.wait(started.id);
    expect(done.status).toBe('cancelled');
    expect(done.error?.code).toBe('CANCELLED');
  });

  it('keeps a typed error as it is and wraps anything else as INTERNAL with a hint', async () => {
    const reported: unknown[] = [];
    const jobs = createJobService({ onInternalError: (error) => reported.push(error) });
    const typed = jobs.start({ kind: 'test', title: 'Typed' }, () =>
      Promise.reject(new WorkbenchError({ code: 'DATASET_EMPTY', message: 'empty.csv has no rows.' })),
    );
    const bug = jobs.start({ kind: 'test', title: 'Buggy' }, () =>
      Promise.reject(new TypeError('x is undefined')),
    );
    expect((await jobs.wait(typed.id)).error).toEqual({
      code: 'DATASET_EMPTY',
      message: 'empty.csv has no rows.',
    });
    const failed = await jobs.wait(bug.id);
    expect(failed.error?.code).toBe('INTERNAL');
    expect(failed.error?.message).toContain('x is undefined');
    expect(failed.error?.hint).toBeTruthy();
    expect(reported).toHaveLength(1);
  });

  it('refuses unknown job ids with NOT_FOUND', () => {
    const jobs = createJobService();
    expect(() => jobs.get('nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }) as Error);
  });

  it('dispose aborts what is in flight', async () => {
    const jobs = createJobService();
    const started = jobs.start(
      { kind: 'test', title: 'Long' },
      (ctx) =>
        new Promise((_resolve, reject) =>
          ctx.signal.addEventListener('abort', () => reject(new Error('stopped'))),
        ),
    );
    await jobs.dispose();
    expect(jobs.get(started.id).status).toBe('cancelled');
  });
});
