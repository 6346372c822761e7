import { describe, expect, it } from 'vitest';
import type { BuildRecord } from '../../../../shared/contract/containerBuilds.js';
import type { LoadTestResult } from '../../../../shared/contract/containerLoadtests.js';
import {
  buildsOfModel,
  compareBuilds,
  formatLatency,
  payloadLabel,
  samplesFromLog,
  timeAxis,
  unlikeSettings,
} from './loadTestSeries.js';

const sample = (t: number) => ({ t, requests: 10, rps: 10, p50: 1, p90: 2, p99: 3, errors: 0, non2xx: 1 });
const line = (text: string) => ({ at: '2025-01-01T00:00:00Z', level: 'info' as const, text });

describe('samplesFromLog', () => {
  it('keeps the JSON samples and skips the plain lines and other JSON', () => {
    const lines = [
      line('POST http://127.0.0.1:1/predict from 4 connections'),
      line(JSON.stringify(sample(1))),
      line('{not json'),
      line('{"t":"x"}'),
      line(JSON.stringify(sample(2))),
      line('Saved with build b1: builds/b1/loadtests/x.json'),
    ];
    expect(samplesFromLog(lines)).toEqual([sample(1), sample(2)]);
  });
});

describe('timeAxis', () => {
  it('spans the planned duration while the test runs, then as far as the samples go', () => {
    expect(timeAxis([sample(1)], 3)).toEqual({ domain: [0, 3], ticks: [0, 1, 2, 3] });
    expect(timeAxis([sample(1), sample(2)], undefined)).toEqual({ domain: [0, 2], ticks: [0, 1, 2] });
    expect(timeAxis([], 10)).toEqual({ domain: [0, 10], ticks: [0, 2, 4, 6, 8, 10] });
    expect(timeAxis([sample(11)], 10).domain).toEqual([0, 12]);
  });
});

describe('formatting', () => {
  it('writes latencies to a tenth below 10 ms and payloads in a few words', () => {
    expect(formatLatency(1.234)).toBe('1.2 ms');
    expect(formatLatency(1234.5)).toBe('1,235 ms');
    expect(formatLatency(null)).toBe('—');
    expect(payloadLabel({ method: 'POST', payload: { kind: 'signature' } })).toBe('from the signature');
    expect(
      payloadLabel({
        method: 'POST',
        payload: { kind: 'dataset', dataset: 'iris', rows: 48, offset: 2, mapping: { x: ['a'] } },
      }),
    ).toBe('iris, rows 3–50');
  });
});

describe('compareBuilds', () => {
  const build = (id: string, createdAt: string, model = 'iris') =>
    ({ id, createdAt, tag: `registry.local/${model}:${id}`, model: { name: model } }) as BuildRecord;
  const result = (rpsMean: number, p99: number, startedAt: string) =>
    ({
      rpsMean,
      latency: { p99 },
      connections: 4,
      batch: 1,
      payload: { kind: 'signature' },
      startedAt,
    }) as LoadTestResult;

  it("takes each build's newest result, oldest build first, and marks the current one", () => {
    const builds = [build('b2', '2025-02-01'), build('b1', '2025-01-01'), build('b3', '2025-03-01')];
    const results = new Map([
      ['b1', [result(100, 5, '2025-01-03'), result(90, 6, '2025-01-02')]],
      ['b2', [result(200, 4, '2025-02-02')]],
      ['b3', []],
    ]);
    expect(compareBuilds(builds, results, 'b2')).toEqual([
      {
        buildId: 'b1',
        label: ':b1',
        tag: 'registry.local/iris:b1',
        current: false,
        rps: 100,
        p99: 5,
        connections: 4,
        batch: 1,
        source: 'the signature',
        at: '2025-01-03',
      },
      {
        buildId: 'b2',
        label: ':b2',
        tag: 'registry.local/iris:b2',
        current: true,
        rps: 200,
        p99: 4,
        connections: 4,
        batch: 1,
        source: 'the signature',
        at: '2025-02-02',
      },
    ]);
  });

  it('names the builds by what tells them apart', () => {
    const results = new Map([
      ['b1', [result(100, 5, '2025-01-03')]],
      ['b2', [result(200, 4, '2025-02-02')]],
    ]);
    const labels = (builds: BuildRecord[]) => compareBuilds(builds, results, 'b1').map((row) => row.label);
    const other = { ...build('b2', '2025-02-01'), tag: 'ghcr.io/me/iris:2' } as BuildRecord;
    expect(labels([build('b1', '2025-01-01'), other])).toEqual([
      'registry.local/iris:b1',
      'ghcr.io/me/iris:2',
    ]);
    const rebuilt = { ...build('b2', '2025-02-01'), tag: 'registry.local/iris:b1' } as BuildRecord;
    expect(labels([build('b1', '2025-01-01'), rebuilt])).toEqual(['b1', 'b2']);
    // A registry with a port: the colon that counts is the tag's.
    const port = (id: string) =>
      ({ ...build(id, `2025-0${id.slice(1)}-01`), tag: `localhost:5000/iris:${id}` }) as BuildRecord;
    expect(labels([port('b1'), port('b2')])).toEqual([':b1', ':b2']);
  });

  it('compares builds of the same model only', () => {
    const mine = build('b1', '2025-01-01');
    expect(buildsOfModel([mine, build('b2', '2025-01-02', 'other')], mine)).toEqual([mine]);
  });
});

describe('unlikeSettings', () => {
  const row = (connections: number, batch: number, source: string) =>
    ({ connections, batch, source }) as Parameters<typeof unlikeSettings>[0][number];

  it('names each setting the compared tests did not share', () => {
    expect(unlikeSettings([row(4, 1, 'the signature'), row(4, 1, 'the signature')])).toEqual([]);
    expect(unlikeSettings([row(4, 1, 'scores'), row(16, 1, 'the signature')])).toEqual([
      'connections (4, 16)',
      'payload (scores, the signature)',
    ]);
  });
});
