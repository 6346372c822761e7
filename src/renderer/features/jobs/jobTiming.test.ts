import { describe, expect, it } from 'vitest';
import { jobDurationMs } from './jobTiming.js';

describe('jobDurationMs', () => {
  it('is undefined for a job that has not started', () => {
    expect(jobDurationMs({ startedAt: null, endedAt: null }, 0)).toBeUndefined();
  });
  it('runs to now while the job is going, and to its end after', () => {
    const startedAt = '2026-11-24T10:00:00.000Z';
    const now = Date.parse('2026-11-24T10:00:05.000Z');
    expect(jobDurationMs({ startedAt, endedAt: null }, now)).toBe(5000);
    expect(jobDurationMs({ startedAt, endedAt: '2026-11-24T10:00:01.500Z' }, now)).toBe(1500);
  });
});
