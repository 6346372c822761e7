import { describe, expect, it } from 'vitest';
import type { JobLogLine } from '../../../../shared/contract/jobs.js';
import { failedLines, isStepLine } from './buildLog.js';

const line = (text: string, level: JobLogLine['level'] = 'info'): JobLogLine => ({
  at: '2026-12-07T10:00:00.000Z',
  level,
  text,
});

describe('failedLines', () => {
  const log = [
    line('Building mlw/churn:3 from node:22 (model churn 3)'),
    line('Step 1/3 : FROM node:22'),
    line(' ---> 716339986b52'),
    line('Step 2/3 : RUN false'),
    line(' ---> Running in 157e2bff0dd0'),
    line("The command '/bin/sh -c false' returned a non-zero code: 1", 'error'),
  ];

  it('marks the failing step from its Step line to the end', () => {
    expect([...failedLines(log, 'failed')]).toEqual([3, 4, 5]);
  });

  it('marks nothing while the build runs or once it succeeded', () => {
    expect(failedLines(log, 'running').size).toBe(0);
    expect(failedLines(log, 'succeeded').size).toBe(0);
  });

  it('marks the error lines of a build that failed before its first step', () => {
    const early = [
      line('Building x'),
      line('node:22 is not on the engine: pulling it'),
      line('pull access denied', 'error'),
    ];
    expect([...failedLines(early, 'failed')]).toEqual([2]);
  });

  it('does not blame the last step for a verification that failed after the image was built', () => {
    const verified = [
      line('Step 3/3 : CMD ["node"]'),
      line('Built mlw/churn:3 (sha256:7a59)'),
      line('Verification failed: /predict answered 500', 'error'),
    ];
    expect([...failedLines(verified, 'failed')]).toEqual([2]);
  });
});

describe('isStepLine', () => {
  it('knows the classic builder step lines', () => {
    expect(isStepLine('Step 12/12 : CMD ["node", "/srv/server.mjs"]')).toBe(true);
    expect(isStepLine(' ---> Running in be42cf698e77')).toBe(false);
  });
});
