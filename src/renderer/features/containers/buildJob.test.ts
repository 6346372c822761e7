import { describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/contract/jobs.js';
import { buildDurationMs, jobOfBuild, shownBuildStatus } from './buildJob.js';
import { buildRecord } from './testRecords.js';

function job(change: Partial<Job>): Job {
  return {
    id: 'j1',
    kind: 'containers.build',
    title: 'Build image of churn-v3',
    status: 'running',
    progress: 0.5,
    stage: 'Step 3/12: COPY model/ /srv/model/',
    createdAt: '2026-12-07T10:00:00.000Z',
    startedAt: '2026-12-07T10:00:00.000Z',
    endedAt: null,
    logLines: 10,
    ...change,
  };
}

describe('jobOfBuild', () => {
  it('finds the newest build or verify job of that build', () => {
    const jobs = [
      job({ id: 'old', createdAt: '2026-12-07T09:00:00.000Z', status: 'failed' }),
      job({ id: 'new', kind: 'containers.verify', title: 'Verify image of churn-v3' }),
      job({ id: 'other', title: 'Build image of churn-v3-2', createdAt: '2026-12-07T11:00:00.000Z' }),
      job({ id: 'import', kind: 'datasets.import', title: 'Import of churn-v3' }),
    ];
    expect(jobOfBuild(jobs, 'churn-v3')?.id).toBe('new');
    expect(jobOfBuild(jobs, 'churn-v3-2')?.id).toBe('other');
    expect(jobOfBuild(jobs, 'iris')).toBeUndefined();
    expect(jobOfBuild(undefined, 'churn-v3')).toBeUndefined();
  });
});

describe('shownBuildStatus', () => {
  it('is building while a job runs, whatever the record says', () => {
    expect(shownBuildStatus(buildRecord({ status: 'built' }), job({}))).toBe('building');
  });

  it('calls a record left at building without a running job interrupted', () => {
    expect(shownBuildStatus(buildRecord({ status: 'building' }), undefined)).toBe('interrupted');
    expect(shownBuildStatus(buildRecord({ status: 'building' }), job({ status: 'failed' }))).toBe(
      'interrupted',
    );
  });

  it('is the record status otherwise', () => {
    expect(shownBuildStatus(buildRecord({ status: 'failed' }), undefined)).toBe('failed');
  });
});

describe('buildDurationMs', () => {
  it('is the time from start to end, and nothing before the end', () => {
    expect(
      buildDurationMs({ startedAt: '2026-12-07T10:00:00.000Z', endedAt: '2026-12-07T10:01:30.500Z' }),
    ).toBe(90_500);
    expect(buildDurationMs({ startedAt: '2026-12-07T10:00:00.000Z', endedAt: null })).toBeUndefined();
  });
});
