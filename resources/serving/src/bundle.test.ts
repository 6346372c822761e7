import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeModel } from '../../../src/main/services/models/onnx/testModels.js';
import { addMatMulModel, makeTempDir } from './testFixtures.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const BUNDLE = join(ROOT, 'out', 'serving', 'server.mjs');

interface Child {
  process: ChildProcess;
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
}

/** Runs the bundled server with `env` only (no inherited settings), collecting its JSON log lines. */
function runBundle(env: Record<string, string>): Child {
  const child = spawn(process.execPath, [BUNDLE], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const line of complete) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, lines, exited };
}

const untilLine = async (child: Child, msg: string) => {
  await expect.poll(() => child.lines.find((line) => line.msg === msg), { timeout: 20_000 }).toBeDefined();
  return child.lines.find((line) => line.msg === msg) as Record<string, unknown>;
};

describe('the bundled server (out/serving/server.mjs) as a child process', () => {
  let dir: string;
  let modelPath: string;
  beforeAll(async () => {
    await promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'build-serving.mjs')], { cwd: ROOT });
    dir = await makeTempDir();
    modelPath = await writeModel(dir, 'model.onnx', addMatMulModel);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is a single ES module file with onnxruntime-node left outside', async () => {
    expect(existsSync(BUNDLE)).toBe(true);
    const code = await readFile(BUNDLE, 'utf8');
    expect(code).toContain('from "onnxruntime-node"');
    expect(code).not.toMatch(/from "prom-client"|require\("prom-client"\)/);
    expect((await stat(BUNDLE)).size).toBeLessThan(1024 * 1024);
    expect(JSON.parse(await readFile(join(ROOT, 'out', 'serving', 'package.json'), 'utf8'))).toMatchObject({
      type: 'module',
      dependencies: { 'onnxruntime-node': '1.30.0' },
    });
    const licences = await readFile(join(ROOT, 'out', 'serving', 'THIRD_PARTY_LICENSES.txt'), 'utf8');
    expect(licences).toContain('prom-client 15.1.3 (Apache-2.0)');
    expect(licences).toContain('Apache License');
  });

  it('exits with code 2 and one JSON line naming the variable for bad settings', async () => {
    const child = runBundle({ MODEL_PATH: modelPath, PORT: 'eighty' });
    expect(await child.exited).toBe(2);
    expect(child.lines).toHaveLength(1);
    expect(child.lines[0]).toMatchObject({
      level: 'error',
      variable: 'PORT',
      msg: 'PORT is "eighty": expected a whole number from 0 to 65535.',
    });
  });

  it('exits with code 1 when the model cannot be loaded', async () => {
    const child = runBundle({ MODEL_PATH: join(dir, 'missing.onnx'), PORT: '0', HOST: '127.0.0.1' });
    expect(await child.exited).toBe(1);
    expect(
      child.lines.some((line) => line.level === 'error' && String(line.msg).includes('missing.onnx')),
    ).toBe(true);
  });

  it('finishes the request in flight on SIGTERM, refuses new connections, and exits 0', async () => {
    const child = runBundle({ MODEL_PATH: modelPath, PORT: '0', HOST: '127.0.0.1' });
    try {
      const { port } = await untilLine(child, 'listening');
      const url = `http://127.0.0.1:${port as number}`;
      await untilLine(child, 'model loaded');
      expect((await fetch(`${url}/ready`)).status).toBe(200);

      const body = JSON.stringify({ records: [{ x: [1, 2, 3], n: [2] }] });
      const req = request(`${url}/predict`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      });
      const answer = new Promise<{ status: number; text: string; connection?: string }>((resolve, reject) => {
        req.on('response', (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text, connection: res.headers.connection }),
          );
        });
        req.on('error', reject);
      });
      // Half the body now: the request is in flight, its handler waiting for the rest.
      req.write(body.slice(0, 10));
      await new Promise((resolve) => setTimeout(resolve, 200));
      child.process.kill('SIGTERM');
      await untilLine(child, 'shutting down');
      // A new connection is refused while the old one is still being served.
      await expect(fetch(`${url}/health`)).rejects.toThrow();
      req.end(body.slice(10));
      const done = await answer;
      expect(done.status).toBe(200);
      expect(done.connection).toBe('close');
      expect(JSON.parse(done.text)).toEqual({
        predictions: [{ y: [1.5, 1, 5.25], z: [6, expect.closeTo(1.4, 6)], m: [6] }],
      });
      expect(await child.exited).toBe(0);
      expect(child.lines.map((line) => line.msg)).toEqual(
        expect.arrayContaining(['shutting down', 'request', 'stopped']),
      );
      const served = child.lines.find((line) => line.msg === 'request' && line.route === '/predict');
      expect(served).toMatchObject({ method: 'POST', status: 200 });
    } finally {
      child.process.kill('SIGKILL');
    }
  });

  it('gives up on a request that never finishes after SHUTDOWN_TIMEOUT_MS and still exits 0', async () => {
    const child = runBundle({
      MODEL_PATH: modelPath,
      PORT: '0',
      HOST: '127.0.0.1',
      SHUTDOWN_TIMEOUT_MS: '300',
    });
    try {
      const { port } = await untilLine(child, 'listening');
      await untilLine(child, 'model loaded');
      const req = request(`http://127.0.0.1:${port as number}/predict`, {
        method: 'POST',
        headers: { 'Content-Length': 100 },
      });
      req.on('error', () => undefined);
      req.write('{"records"');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = performance.now();
      child.process.kill('SIGTERM');
      expect(await child.exited).toBe(0);
      expect(performance.now() - started).toBeGreaterThanOrEqual(250);
      expect(child.lines.find((line) => String(line.msg).startsWith('shutdown timeout'))).toMatchObject({
        level: 'warn',
        connections: 1,
      });
    } finally {
      child.process.kill('SIGKILL');
    }
  });
});
