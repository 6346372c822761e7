import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyCheck } from './auth.js';
import { addMatMulModel, makeTempDir, startTestServer, type TestServer } from './testFixtures.js';

const KEY = 'k3y-with spaces-and-ünicode';

describe('API key', () => {
  let served: TestServer;
  let keyDir: string;
  beforeAll(async () => {
    keyDir = await makeTempDir();
    const keyFile = join(keyDir, 'api-key');
    await writeFile(keyFile, `${KEY}\n`);
    served = await startTestServer(addMatMulModel, { MLW_API_KEY_FILE: keyFile, LOG_LEVEL: 'debug' });
  });
  afterAll(async () => {
    await served.close();
    await rm(keyDir, { recursive: true, force: true });
  });

  const call = (path: string, authorization?: string, body?: unknown) =>
    fetch(`${served.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(authorization ? { Authorization: authorization } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const record = { records: [{ x: [1, 2, 3], n: [1] }] };

  it('leaves the probes open', async () => {
    for (const path of ['/health', '/ready', '/v2/health/live', '/v2/health/ready'])
      expect((await call(path)).status, path).toBe(200);
  });

  it.each([
    ['GET', '/metadata'],
    ['GET', '/metrics'],
    ['GET', '/openapi.json'],
    ['GET', '/v2'],
    ['GET', '/v2/models/model'],
    ['GET', '/v2/models/model/ready'],
    ['POST', '/predict'],
    ['POST', '/v2/models/model/infer'],
  ])('guards %s %s: 401 without the key or with a wrong one', async (method, path) => {
    const body = method === 'POST' ? record : undefined;
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${KEY}`, `Bearer ${KEY}x`, 'Bearer ']) {
      const response = await call(path, authorization, body);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toEqual({
        error: 'This server needs an API key: send "Authorization: Bearer <key>".',
      });
    }
  });

  it('serves every route with the key', async () => {
    expect((await call('/metadata', `Bearer ${KEY}`)).status).toBe(200);
    expect((await call('/predict', `bearer ${KEY}`, record)).status).toBe(200);
    const infer = await call('/v2/models/model/infer', `Bearer ${KEY}`, {
      inputs: [
        { name: 'x', shape: [1, 3], datatype: 'FP32', data: [1, 2, 3] },
        { name: 'n', shape: [1, 1], datatype: 'INT64', data: [1] },
      ],
    });
    expect(infer.status).toBe(200);
  });

  it('never writes the key or a request body to the log', async () => {
    await call('/predict', `Bearer ${KEY}`, { records: [{ x: [123.456, 2, 3], n: [1] }] });
    await call('/predict', `Bearer not-${KEY}`, record);
    await expect
      .poll(() => served.logs.filter((line) => line.includes('"route":"/predict"')).length)
      .toBeGreaterThan(1);
    const log = served.logs.join('\n');
    expect(log).not.toContain('k3y');
    expect(log).not.toContain('123.456');
  });
});

describe('createKeyCheck', () => {
  it('accepts exactly the key as a bearer token', () => {
    const check = createKeyCheck('s3cret');
    expect(check({ authorization: 'Bearer s3cret' })).toBe(true);
    expect(check({ authorization: 'Bearer  s3cret ' })).toBe(true);
    expect(check({ authorization: 'Bearer s3cre' })).toBe(false);
    expect(check({ authorization: 's3cret' })).toBe(false);
    expect(check({})).toBe(false);
  });
});
