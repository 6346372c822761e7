import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadTestSample } from '../../../../shared/contract/containerLoadtests.js';
import { runLoadTest } from './runLoadTest.js';

// A real HTTP server on loopback that answers each body with its length, and 503 to "busy".
let server: Server;
let url: string;
const seen = new Set<string>();

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.add(`${request.headers['content-type']} ${body}`);
      response.statusCode = body === 'busy' ? 503 : 200;
      response.end(JSON.stringify({ length: body.length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('runLoadTest', () => {
  it('emits a sample a second and measures every answer, cycling through the bodies', async () => {
    const samples: LoadTestSample[] = [];
    const result = await runLoadTest({
      url,
      path: '/predict',
      method: 'POST',
      bodies: [
        { body: '{"a":1}' },
        { body: Buffer.from([0x31, 0x32]), headers: { 'content-type': 'application/octet-stream' } },
        { body: 'busy' },
      ],
      connections: 4,
      durationS: 2,
      onSample: (sample) => samples.push(sample),
    });
    // Each body with its own headers: a binary one is not sent as JSON.
    expect(seen).toEqual(
      new Set(['application/json {"a":1}', 'application/octet-stream 12', 'application/json busy']),
    );
    expect(result.requests).toBeGreaterThan(100);
    expect(result.errors).toBe(0);
    // One body in three is answered 503.
    expect(result.non2xx / result.requests).toBeCloseTo(1 / 3, 1);
    expect(result.ok + result.non2xx).toBe(result.requests);
    const { p50, p90, p99, max } = result.latency;
    expect(p50).not.toBeNull();
    expect(p50 ?? 0).toBeLessThanOrEqual(p90 ?? 0);
    expect(p90 ?? 0).toBeLessThanOrEqual(p99 ?? 0);
    expect(p99 ?? 0).toBeLessThanOrEqual(max ?? 0);
    expect(result.samples).toEqual(samples);
    expect(samples.length).toBeGreaterThanOrEqual(2);
    expect(samples.map((s) => s.t)).toEqual(samples.map((_, index) => index + 1));
    expect(samples.reduce((sum, s) => sum + s.requests, 0)).toBe(result.requests);
    expect(result.durationS).toBeGreaterThan(1.9);
  });

  it('stops after a number of requests', async () => {
    const result = await runLoadTest({ url, path: '/', method: 'GET', connections: 2, amount: 50 });
    expect(result.requests).toBe(50);
  });

  it('opens no more connections than there are requests to send', async () => {
    const result = await runLoadTest({ url, path: '/', method: 'GET', connections: 8, amount: 3 });
    expect(result).toMatchObject({ requests: 3, connections: 3 });
  });

  it('counts requests a closed port refuses as errors', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const port = typeof address === 'object' && address ? address.port : 0;
    const result = await runLoadTest({
      url: `http://127.0.0.1:${port}`,
      path: '/',
      method: 'GET',
      connections: 2,
      durationS: 1,
    });
    expect(result.ok).toBe(0);
    expect(result.errors).toBeGreaterThan(0);
    expect(result.latency.p50).toBeNull();
  });

  it('is cancelled through its signal', async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 300);
    await expect(
      runLoadTest({
        url,
        path: '/',
        method: 'GET',
        connections: 2,
        durationS: 30,
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
