import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMatMulModel, startTestServer, type TestServer } from './testFixtures.js';

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:\\\\.|[^"\\\\])*"';
const VALUE = '(?:NaN|[+-]?Inf|[+-]?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)';
const SAMPLE = new RegExp(`^(${NAME})(\\{(?:${LABEL}(?:,${LABEL})*)?\\})? (${VALUE})(?: -?\\d+)?$`);
const TYPE = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/;
const HELP = /^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$/;

/**
 * Parses Prometheus' text exposition format (0.0.4) strictly: every line is HELP, TYPE or a sample
 * of a family typed before it; histogram buckets never decrease and +Inf equals _count.
 */
function parseExposition(text: string): Map<string, number> {
  const types = new Map<string, string>();
  const samples = new Map<string, number>();
  const buckets = new Map<string, { le: string; value: number }[]>();
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.split('\n')) {
    if (line === '' || HELP.test(line)) continue;
    const type = TYPE.exec(line);
    if (type) {
      types.set(type[1] as string, type[2] as string);
      continue;
    }
    const sample = SAMPLE.exec(line);
    expect(sample, `not a sample line: ${line}`).not.toBeNull();
    const [, name = '', labels = '', text = ''] = sample as RegExpExecArray;
    const family = name.replace(/_(bucket|sum|count|total)$/, '');
    expect(types.has(name) || types.has(family), `no TYPE for ${name}`).toBe(true);
    samples.set(`${name}${labels}`, Number(text));
    const le = /le="([^"]*)",?/.exec(labels);
    if (name.endsWith('_bucket') && le) {
      const series = `${family}${labels.replace(le[0], '').replace(',}', '}').replace('{}', '')}`;
      buckets.set(series, [...(buckets.get(series) ?? []), { le: le[1] as string, value: Number(text) }]);
    }
  }
  for (const [series, list] of buckets) {
    const values = list.map((bucket) => bucket.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(list.at(-1)?.le).toBe('+Inf');
    const count = series.replace(/^(\w+)/, '$1_count');
    expect(values.at(-1), series).toBe(samples.get(count));
  }
  return samples;
}

describe('GET /metrics', () => {
  let served: TestServer;
  beforeAll(async () => {
    served = await startTestServer(addMatMulModel, { MODEL_NAME: 'adder' });
  });
  afterAll(() => served.close());

  const scrape = async () => {
    const response = await fetch(`${served.url}/metrics`);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return parseExposition(await response.text());
  };

  it('is valid text exposition with the default process metrics and the model', async () => {
    const samples = await scrape();
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_total_bytes',
    ])
      expect(
        [...samples.keys()].some((key) => key.startsWith(name)),
        name,
      ).toBe(true);
    const info = [...samples].find(([key]) => key.startsWith('mlw_model_info{'));
    expect(info?.[0]).toMatch(/^mlw_model_info\{name="adder",version="1",sha256="[0-9a-f]{64}"\}$/);
    expect(info?.[1]).toBe(1);
    expect(samples.get('mlw_capture_written_total')).toBe(0);
    expect(samples.get('mlw_capture_dropped_total')).toBe(0);
  });

  it('counts requests by route, method and status, their latency, and inference errors', async () => {
    const before = await scrape();
    const count = (samples: Map<string, number>, key: string) => samples.get(key) ?? 0;
    const ok = 'mlw_http_requests_total{route="/predict",method="POST",status="200"}';
    const bad = 'mlw_http_requests_total{route="/predict",method="POST",status="400"}';
    const latency = 'mlw_http_request_duration_seconds_count{route="/predict"}';
    const inference = 'mlw_inference_duration_seconds_count{route="/predict"}';
    const invalid = 'mlw_inference_errors_total{route="/predict",kind="invalid_input"}';
    const unmatched = 'mlw_http_requests_total{route="unmatched",method="GET",status="404"}';
    for (let i = 0; i < 2; i++)
      expect((await served.post('/predict', { records: [{ x: [1, 2, 3], n: [1] }] })).status).toBe(200);
    expect((await served.post('/predict', { records: [{ x: [1, 2, 3] }] })).status).toBe(400);
    expect((await fetch(`${served.url}/no/such/${Math.random()}`)).status).toBe(404);
    const after = await scrape();
    expect(count(after, ok) - count(before, ok)).toBe(2);
    expect(count(after, bad) - count(before, bad)).toBe(1);
    expect(count(after, latency) - count(before, latency)).toBe(3);
    expect(after.get('mlw_http_request_duration_seconds_bucket{le="+Inf",route="/predict"}')).toBe(
      count(after, latency),
    );
    expect(count(after, inference) - count(before, inference)).toBe(2);
    expect(count(after, invalid) - count(before, invalid)).toBe(1);
    // Unknown paths share one label value, so a client cannot mint series.
    expect(count(after, unmatched) - count(before, unmatched)).toBe(1);
    expect(
      count(after, 'mlw_http_requests_total{route="/metrics",method="GET",status="200"}'),
    ).toBeGreaterThanOrEqual(1);
  });
});
