import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaptureWriter } from './capture.js';
import { captureRows } from './captureRows.js';
import { createLogger } from './log.js';
import { createMetrics } from './metrics.js';
import { addMatMulModel, makeTempDir, startTestServer, type TestServer } from './testFixtures.js';

const readLines = async (dir: string): Promise<Record<string, unknown>[]> => {
  const files = await readdir(dir).catch(() => []);
  const texts = await Promise.all(files.map((file) => readFile(join(dir, file), 'utf8')));
  return texts.flatMap((text) =>
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  );
};

describe('capture from a served model', () => {
  let served: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = join(await makeTempDir(), 'captures', 'churn');
    served = await startTestServer(addMatMulModel, {
      CAPTURE_DIR: dir,
      MODEL_NAME: 'churn',
      MODEL_VERSION: '4',
    });
  });
  afterAll(async () => {
    await served.close();
    await rm(join(dir, '..', '..'), { recursive: true, force: true });
  });

  it('appends one line per row, inputs and outputs as columns, to CAPTURE_DIR/<yyyy-mm-dd>.jsonl', async () => {
    const response = await served.post('/predict', {
      records: [
        { x: [1, 2, 3], n: [1] },
        { x: [4, 5, 6], n: [2] },
      ],
    });
    const requestId = response.headers.get('x-request-id');
    const { predictions } = (await response.json()) as { predictions: Record<string, unknown>[] };
    await expect.poll(async () => (await readLines(dir)).length).toBe(2);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}\.jsonl$/);
    const lines = await readLines(dir);
    expect(files[0]).toBe(`${(lines[0]?.ts as string).slice(0, 10)}.jsonl`);
    expect(lines.map(({ ts: _, ...line }) => line)).toEqual([
      {
        requestId,
        model: 'churn',
        version: '4',
        route: '/predict',
        inputs: { x: [1, 2, 3], n: [1] },
        outputs: predictions[0],
      },
      {
        requestId,
        model: 'churn',
        version: '4',
        route: '/predict',
        inputs: { x: [4, 5, 6], n: [2] },
        outputs: predictions[1],
      },
    ]);
  });

  it('captures v2 and named-tensor requests as rows too', async () => {
    const before = (await readLines(dir)).length;
    await served.post('/v2/models/churn/infer', {
      inputs: [
        { name: 'x', shape: [1, 3], datatype: 'FP32', data: [0, 0, 1] },
        { name: 'n', shape: [1, 1], datatype: 'INT64', data: [5] },
      ],
      outputs: [{ name: 'm' }],
    });
    await served.post('/predict', {
      inputs: { x: { shape: [1, 3], data: [1, 1, 1] }, n: { shape: [1, 1], data: [0] } },
    });
    await expect.poll(async () => (await readLines(dir)).length).toBe(before + 2);
    const [v2, tensors] = (await readLines(dir)).slice(before);
    expect(v2).toMatchObject({
      route: '/v2/models/{name}/infer',
      inputs: { x: [0, 0, 1], n: [5] },
      outputs: { m: [15] },
    });
    expect(tensors).toMatchObject({
      route: '/predict',
      inputs: { x: [1, 1, 1], n: [0] },
      outputs: { m: [0] },
    });
    const metrics = await (await fetch(`${served.url}/metrics`)).text();
    expect(metrics).toMatch(/^mlw_capture_written_total 4$/m);
  });

  it('captures nothing for a refused request', async () => {
    const before = (await readLines(dir)).length;
    expect((await served.post('/predict', { records: [{ x: [1] }] })).status).toBe(400);
    expect((await served.post('/predict', { records: [{ x: [1, 2, 3], n: [1] }] })).status).toBe(200);
    await expect.poll(async () => (await readLines(dir)).length).toBe(before + 1);
  });
});

describe('capture sampling', () => {
  it('writes nothing at CAPTURE_SAMPLE_RATE 0', async () => {
    const dir = join(await makeTempDir(), 'never');
    const served = await startTestServer(addMatMulModel, { CAPTURE_DIR: dir, CAPTURE_SAMPLE_RATE: '0' });
    for (let i = 0; i < 5; i++)
      expect((await served.post('/predict', { records: [{ x: [1, 2, 3], n: [1] }] })).status).toBe(200);
    await served.close();
    expect(await readLines(dir)).toEqual([]);
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('takes the share CAPTURE_SAMPLE_RATE asks for', () => {
    const draws = [0.1, 0.9, 0.49, 0.5, 0.0];
    const writer = createCaptureWriter({
      dir: '/unused',
      sampleRate: 0.5,
      model: 'm',
      version: '1',
      metrics: createMetrics(),
      logger: createLogger('error', () => undefined),
      random: () => draws.shift() ?? 1,
    });
    expect([1, 2, 3, 4, 5].map(() => writer.sample())).toEqual([true, false, true, false, true]);
  });
});

describe('the capture writer under pressure', () => {
  const rows = () => [{ inputs: { x: [1, 2, 3] }, outputs: { y: [0.5] } }];
  const counters = async (metrics: ReturnType<typeof createMetrics>) => {
    const text = await metrics.exposition();
    const value = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1]);
    return { written: value('mlw_capture_written_total'), dropped: value('mlw_capture_dropped_total') };
  };

  it('drops lines past its bounded queue, counts them, and logs once', async () => {
    const dir = await makeTempDir();
    const metrics = createMetrics();
    const logs: string[] = [];
    const writer = createCaptureWriter({
      dir,
      sampleRate: 1,
      model: 'm',
      version: '1',
      metrics,
      logger: createLogger('info', (line) => logs.push(line)),
      maxQueuedBytes: 400,
      now: () => new Date('2026-12-07T23:59:59.900Z'),
    });
    for (let i = 0; i < 10; i++) writer.offer({ requestId: `r${i}`, route: '/predict', rows });
    await writer.flush();
    const { written, dropped } = await counters(metrics);
    expect(written + dropped).toBe(10);
    expect(dropped).toBeGreaterThan(0);
    const lines = await readLines(dir);
    expect(lines).toHaveLength(written);
    expect(await readdir(dir)).toEqual(['2026-12-07.jsonl']);
    const warnings = logs.filter((line) => line.includes('capture lines dropped'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0] as string)).toMatchObject({
      level: 'warn',
      reason: 'queue full',
      maxQueuedBytes: 400,
    });
    await rm(dir, { recursive: true, force: true });
  });

  it('counts a failed write as dropped and never fails the request', async () => {
    const parent = await makeTempDir();
    const notADir = join(parent, 'file');
    await writeFile(notADir, 'in the way');
    const served = await startTestServer(addMatMulModel, { CAPTURE_DIR: notADir });
    for (let i = 0; i < 3; i++)
      expect((await served.post('/predict', { records: [{ x: [1, 2, 3], n: [1] }] })).status).toBe(200);
    await expect
      .poll(async () => (await fetch(`${served.url}/metrics`)).text())
      .toMatch(/^mlw_capture_dropped_total 3$/m);
    expect(served.logs.filter((line) => line.includes('capture lines dropped'))).toHaveLength(1);
    await served.close();
    await rm(parent, { recursive: true, force: true });
  });
});

describe('captureRows', () => {
  it('keeps whole tensors in one row when they do not share a first dim', () => {
    const rows = captureRows(
      { x: { type: 'float32', dims: [2, 2], data: Float32Array.from([1, 2, 3, 4]) } },
      { total: { type: 'float32', dims: [], data: Float32Array.from([10]) } },
    );
    expect(rows).toEqual([
      {
        inputs: {
          x: [
            [1, 2],
            [3, 4],
          ],
        },
        outputs: { total: 10 },
      },
    ]);
  });
});
