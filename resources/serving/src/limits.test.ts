import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMatMulModel, gatherModel, startTestServer, type TestServer } from './testFixtures.js';

/** A raw request whose body is written by `write`, for bodies fetch cannot send slowly or in pieces. */
function rawPost(
  url: string,
  headers: Record<string, string | number>,
  write: (send: (text: string) => void, end: () => void) => void,
): Promise<{ status: number; body: string; headers: IncomingMessage['headers']; continued: boolean }> {
  return new Promise((resolve, reject) => {
    let continued = false;
    const req = request(`${url}/predict`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
    });
    req.on('continue', () => {
      continued = true;
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers, continued }));
    });
    // The server may close once it has answered; what matters is the answer it sent first.
    req.on('error', (error) =>
      error.message.includes('EPIPE') || error.message.includes('ECONNRESET') ? undefined : reject(error),
    );
    write(
      (text) => req.write(text),
      () => req.end(),
    );
  });
}

const record = JSON.stringify({ records: [{ x: [1, 2, 3], n: [1] }] });

describe('request limits', () => {
  let served: TestServer;
  beforeAll(async () => {
    served = await startTestServer(addMatMulModel, { MAX_BODY_BYTES: '1000', REQUEST_TIMEOUT_MS: '400' });
  });
  afterAll(() => served.close());

  const tooLarge =
    "The request body is larger than 1000 bytes, the server's limit (MAX_BODY_BYTES); send fewer rows per request or raise MAX_BODY_BYTES.";

  it('refuses a body over MAX_BODY_BYTES by its Content-Length with 413 naming the limit and the variable', async () => {
    const response = await served.post('/predict', {
      records: new Array(200).fill({ x: [1, 2, 3], n: [1] }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: tooLarge });
  });

  it('refuses a chunked body once it passes the limit', async () => {
    const answer = await rawPost(served.url, { 'Transfer-Encoding': 'chunked' }, (send, end) => {
      send(`{"records": [${'{"x": [1, 2, 3], "n": [1]},'.repeat(20)}`);
      send(`${'{"x": [1, 2, 3], "n": [1]},'.repeat(30)}{"x": [1, 2, 3], "n": [1]}]}`);
      end();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: tooLarge });
  });

  it('refuses before 100 Continue, so the client never sends a body that is too large', async () => {
    const answer = await rawPost(
      served.url,
      { Expect: '100-continue', 'Content-Length': 5000 },
      () => undefined,
    );
    expect(answer.status).toBe(413);
    expect(answer.continued).toBe(false);
    const accepted = await rawPost(
      served.url,
      { Expect: '100-continue', 'Content-Length': Buffer.byteLength(record) },
      (send, end) => setTimeout(() => (send(record), end()), 50),
    );
    expect(accepted.continued).toBe(true);
    expect(accepted.status).toBe(200);
  });

  it('answers 503 when a request takes longer than REQUEST_TIMEOUT_MS', async () => {
    const started = performance.now();
    const answer = await rawPost(served.url, { 'Content-Length': Buffer.byteLength(record) }, (send) =>
      send(record.slice(0, 10)),
    );
    expect(answer.status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    expect(JSON.parse(answer.body)).toEqual({
      error: 'The request took longer than 400 ms (REQUEST_TIMEOUT_MS) and was abandoned.',
    });
    expect(answer.headers.connection).toBe('close');
  });

  it('answers malformed JSON with 400 and where it breaks', async () => {
    const response = await served.post('/predict', '{"records": [{"x": [1, 2, 3], "n": [1]},]}');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'The request body is not valid JSON: unexpected "]" at line 1, column 41 (character 40).',
    });
    const empty = await served.post('/predict', '');
    expect(await empty.json()).toEqual({ error: 'The request body is empty: send a JSON object.' });
  });

  it('is still serving after all of them', async () => {
    const response = await served.post('/predict', record);
    expect(response.status).toBe(200);
    const metrics = await (await fetch(`${served.url}/metrics`)).text();
    expect(metrics).toMatch(/mlw_inference_errors_total\{route="\/predict",kind="timeout"\} 1/);
    expect(metrics).toMatch(/mlw_inference_errors_total\{route="\/predict",kind="invalid_input"\} \d+/);
  });
});

describe('a run that fails inside ONNX Runtime', () => {
  let served: TestServer;
  beforeAll(async () => {
    served = await startTestServer(gatherModel);
  });
  afterAll(() => served.close());

  it('answers 500 with ONNX Runtime’s sentence and no C++ in it, and keeps serving', async () => {
    const response = await served.post('/v2/models/model/infer', {
      inputs: [{ name: 'idx', shape: [2], datatype: 'INT64', data: [0, 10] }],
    });
    expect(response.status).toBe(500);
    const { error } = (await response.json()) as { error: string };
    expect(error).toMatch(
      /^ONNX Runtime failed to run the model: node pick \(Gather\): .*indices element out of data bounds/,
    );
    expect(error).not.toMatch(/onnxruntime::|\.cc:\d+|\[ONNXRuntimeError\]/);
    const fine = await served.post('/predict', { records: [{ idx: 2 }, { idx: -1 }] });
    expect(await fine.json()).toEqual({ predictions: [{ picked: 30 }, { picked: 30 }] });
    await expect
      .poll(() => served.logs.some((line) => line.includes('"status":500') && line.includes('Gather')))
      .toBe(true);
    const metrics = await (await fetch(`${served.url}/metrics`)).text();
    expect(metrics).toMatch(
      /mlw_inference_errors_total\{route="\/v2\/models\/\{name\}\/infer",kind="runtime"\} 1/,
    );
  });
});
