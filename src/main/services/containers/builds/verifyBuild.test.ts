import { expect, it } from 'vitest';
import type { JobLogLine } from '../../../../shared/contract/jobs.js';
import { failedVerification } from './verifyBuild.js';

it('records a verification that broke off as failed, with the error as its reason, and logs it', () => {
  const logged: [string, JobLogLine['level'] | undefined][] = [];
  const verification = failedVerification(
    new Error('The container exited with code 1 before it was ready.'),
    {
      at: '2026-01-02T03:04:05.000Z',
      samples: 4,
      batch: 2,
      tolerance: { abs: 1e-4, rel: 1e-3 },
      payload: { kind: 'signature' },
    },
    { log: (text, level) => logged.push([text, level]) },
  );
  expect(verification).toEqual({
    status: 'failed',
    at: '2026-01-02T03:04:05.000Z',
    samples: 4,
    batch: 2,
    tolerance: { abs: 1e-4, rel: 1e-3 },
    routes: [],
    readyMs: 0,
    message: 'The container exited with code 1 before it was ready.',
    payload: { kind: 'signature' },
  });
  expect(logged).toEqual([
    ['Verification failed: The container exited with code 1 before it was ready.', 'error'],
  ]);
  expect(failedVerification('refused', verification, { log: () => undefined }).message).toBe('refused');
});
