import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forkWorker, type WorkerExit } from './workerProcess.js';

let dir: string;
let entry: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-worker-process-'));
  entry = join(dir, 'dies.cjs');
  // Dies the way a native crash does: at once, without closing its channel first.
  await writeFile(entry, "process.on('message', () => process.kill(process.pid, 'SIGKILL'));\n");
});

afterAll(() => rm(dir, { recursive: true, force: true }));

it('sends to a worker that just died without an uncaught EPIPE, and reports its exit', async () => {
  const worker = forkWorker(entry)({});
  const exited = new Promise<WorkerExit>((resolve) => worker.onExit(resolve));
  let sends = 0;
  const flood = setInterval(() => {
    for (let i = 0; i < 50; i += 1) worker.send({ payload: 'x'.repeat(64 * 1024) });
    sends += 50;
  }, 0);
  const exit = await exited;
  clearInterval(flood);
  worker.send({ after: 'exit' });
  expect(exit.signal).toBe('SIGKILL');
  expect(sends).toBeGreaterThan(0);
});
