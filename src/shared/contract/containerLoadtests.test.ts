import { describe, expect, it } from 'vitest';
import { loadTestRequestSchema, loadTestResultSchema } from './containerLoadtests.js';

const saved = {
  schemaVersion: 1,
  id: '20250101T000000000Z',
  deployment: 'iris',
  buildId: 'b1',
  image: 'mlw/iris:1',
  model: { name: 'iris', version: 1 },
  method: 'POST',
  path: '/predict',
  batch: 1,
  bodies: 16,
  connections: 4,
  durationS: 3,
  requests: 30,
  ok: 30,
  rpsMean: 10,
  latency: { mean: 1, p50: 1, p90: 1, p99: 1, max: 1 },
  errors: 0,
  non2xx: 0,
  bytes: 300,
  startedAt: '2025-01-01T00:00:00.000Z',
  samples: [],
};

describe('load test contract', () => {
  it('reads a result saved before data set payloads as one generated from the signature', () => {
    expect(loadTestResultSchema.parse(saved).payload).toEqual({ kind: 'signature' });
  });

  it('takes a mapping or an offset only with a data set', () => {
    expect(loadTestRequestSchema.safeParse({ name: 'iris', offset: 3 }).success).toBe(false);
    expect(loadTestRequestSchema.safeParse({ name: 'iris', mapping: { x: ['a'] } }).success).toBe(false);
    expect(
      loadTestRequestSchema.parse({
        name: 'iris',
        dataset: 'flowers',
        mapping: { x: ['a', 'b'] },
        offset: 3,
      }),
    ).toMatchObject({ dataset: 'flowers', offset: 3 });
  });
});
