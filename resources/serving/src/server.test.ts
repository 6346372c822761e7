import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from './model.js';
import { addMatMulModel, startTestServer, type TestServer } from './testFixtures.js';

describe('the model server: probes, metadata, routes and logs', () => {
  let served: TestServer;
  beforeAll(async () => {
    served = await startTestServer(addMatMulModel, { MODEL_NAME: 'adder', MODEL_VERSION: '7' });
  });
  afterAll(() => served.close());

  const get = (path: string) => fetch(`${served.url}${path}`);

  it('answers /health and /ready, and the v2 health routes', async () => {
    expect(await (await get('/health')).json()).toEqual({ status: 'ok' });
    const ready = await get('/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
    expect(await (await get('/v2/health/live')).json()).toEqual({ live: true });
    expect(await (await get('/v2/health/ready')).json()).toEqual({ ready: true });
  });

  it('describes the model in /metadata: ONNX element types, symbolic dims, hash and versions', async () => {
    const response = await get('/metadata');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      name: 'adder',
      version: '7',
      platform: 'onnxruntime_onnx',
      inputs: [
        { name: 'x', type: 'float32', elementType: 'FLOAT', shape: ['batch', 3] },
        { name: 'n', type: 'int64', elementType: 'INT64', shape: ['batch', 1] },
      ],
      outputs: [
        { name: 'y', type: 'float32', elementType: 'FLOAT', shape: ['batch', 3] },
        { name: 'z', type: 'float32', elementType: 'FLOAT', shape: ['batch', 2] },
        { name: 'm', type: 'int64', elementType: 'INT64', shape: ['batch', 1] },
      ],
      server: { name: 'mlw-model-server', version: '0.1.0' },
      onnxruntime: { version: '1.30.0' },
    });
    const reference = await loadModel(served.modelPath, undefined);
    await reference.release();
    expect(body.sha256).toBe(reference.sha256);
    expect(body.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves OpenAPI 3.1 listing every route with its methods', async () => {
    const response = await get('/openapi.json');
    const document = JSON.parse(await response.text()) as {
      openapi: string;
      paths: Record<string, Record<string, { summary: string; responses: Record<string, unknown> }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'GET /health',
        'GET /ready',
        'GET /metadata',
        'GET /metrics',
        'GET /openapi.json',
        'POST /predict',
        'GET /v2',
        'GET /v2/health/live',
        'GET /v2/health/ready',
        'GET /v2/models/{name}',
        'GET /v2/models/{name}/versions/{version}',
        'GET /v2/models/{name}/ready',
        'GET /v2/models/{name}/versions/{version}/ready',
        'POST /v2/models/{name}/infer',
        'POST /v2/models/{name}/versions/{version}/infer',
      ].sort(),
    );
    for (const methods of Object.values(document.paths))
      for (const operation of Object.values(methods)) {
        expect(operation.summary.length).toBeGreaterThan(10);
        expect(operation.responses['200']).toBeDefined();
      }
    // Every schema a route names exists.
    const refs = JSON.stringify(document).match(/#\/components\/schemas\/\w+/g) ?? [];
    const schemas = (document as unknown as { components: { schemas: Record<string, unknown> } }).components
      .schemas;
    for (const ref of refs) expect(schemas[ref.split('/').at(-1) as string]).toBeDefined();
  });

  it('answers an unknown route with 404 and a known route with the wrong method with 405 and Allow', async () => {
    const missing = await get('/v3/models');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: 'There is no route /v3/models; GET /openapi.json lists the routes of this server.',
    });
    const wrong = await get('/predict');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect(((await wrong.json()) as { error: string }).error).toBe(
      'GET is not allowed on /predict; it takes POST.',
    );
    const put = await fetch(`${served.url}/health`, { method: 'PUT' });
    expect(put.status).toBe(405);
  });

  it('logs one JSON line per request, with its id, and echoes the id', async () => {
    const response = await fetch(`${served.url}/health?probe=1`, { headers: { 'X-Request-Id': 'probe-42' } });
    expect(response.headers.get('x-request-id')).toBe('probe-42');
    expect(response.headers.get('server-timing')).toMatch(/^total;dur=\d+\.\d+$/);
    await expect.poll(() => served.logs.some((line) => line.includes('probe-42'))).toBe(true);
    const line = JSON.parse(served.logs.find((entry) => entry.includes('probe-42')) as string) as Record<
      string,
      unknown
    >;
    expect(Object.keys(line).sort()).toEqual([
      'level',
      'method',
      'ms',
      'msg',
      'path',
      'requestId',
      'route',
      'status',
      'ts',
    ]);
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'GET',
      route: '/health',
      status: 200,
    });
    expect(Date.parse(line.ts as string)).not.toBeNaN();
    // A request id that is not plain is replaced with a fresh one.
    const odd = await fetch(`${served.url}/health`, { headers: { 'X-Request-Id': 'a b\u00e9' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the model server while its model loads', () => {
  it('answers /health at once, /ready and inference with 503 until the model is loaded', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const served = await startTestServer(
      addMatMulModel,
      {},
      { waitForReady: false, load: async (path, sha) => gate.then(() => loadModel(path, sha)) },
    );
    try {
      expect((await fetch(`${served.url}/health`)).status).toBe(200);
      const ready = await fetch(`${served.url}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ ready: false, reason: 'loading the model' });
      expect((await fetch(`${served.url}/v2/health/ready`)).status).toBe(503);
      const early = await served.post('/predict', { records: [{ x: [1, 2, 3], n: [1] }] });
      expect(early.status).toBe(503);
      expect(early.headers.get('retry-after')).toBe('1');
      expect(((await early.json()) as { error: string }).error).toMatch(/still loading/);
      expect(await (await fetch(`${served.url}/metrics`)).text()).toMatch(
        /^mlw_inference_errors_total\{route="\/predict",kind="unavailable"\} 1$/m,
      );
      release();
      await served.server.ready;
      expect((await fetch(`${served.url}/ready`)).status).toBe(200);
    } finally {
      release();
      await served.close();
    }
  });
});

describe('the model server with INTRA_OP_THREADS', () => {
  it("opens the session with that many threads, says so in the 'model loaded' line and still answers", async () => {
    const asked: (number | undefined)[] = [];
    const served = await startTestServer(
      addMatMulModel,
      { INTRA_OP_THREADS: '1' },
      {
        load: (path, sha, options) => {
          asked.push(options?.intraOpThreads);
          return loadModel(path, sha, options);
        },
      },
    );
    try {
      expect(asked).toEqual([1]);
      const loaded = served.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(loaded.find((line) => line.msg === 'model loaded')).toMatchObject({ intraOpThreads: 1 });
      const answer = await served.post('/predict', { records: [{ x: [1, 2, 3], n: [4] }] });
      expect(answer.status).toBe(200);
    } finally {
      await served.close();
    }
  });
});
