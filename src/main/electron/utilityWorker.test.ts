import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ForkOptions, UtilityProcess } from 'electron';
import { utilityWorker } from './utilityWorker.js';

class FakeUtility extends EventEmitter {
  pid = 4242;
  stderr = new PassThrough();
  posted: unknown[] = [];
  killed = false;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
}

describe('the model worker as an Electron utilityProcess', () => {
  it('forks the entry with the exchange in its environment, and maps messages, exit and stderr', async () => {
    const calls: { path: string; options: ForkOptions }[] = [];
    const fake = new FakeUtility();
    const spawn = utilityWorker(
      (path, _args, options) => {
        calls.push({ path, options });
        return fake as unknown as UtilityProcess;
      },
      '/app/out/main/modelWorker.js',
      'MLOps Workbench model worker',
    );

    const worker = spawn({ MLW_MODEL_EXCHANGE: '/dev/shm/x/exchange' });
    expect(calls[0]?.path).toBe('/app/out/main/modelWorker.js');
    expect((calls[0]?.options.env as Record<string, string> | undefined)?.MLW_MODEL_EXCHANGE).toBe(
      '/dev/shm/x/exchange',
    );
    expect(worker.pid).toBe(4242);

    const received: unknown[] = [];
    worker.onMessage((message) => received.push(message));
    fake.emit('message', { ready: true, pid: 4242, ortVersion: '1.30.0' });
    expect(received).toEqual([{ ready: true, pid: 4242, ortVersion: '1.30.0' }]);

    worker.send({ id: 1, op: 'close', sessionId: 's1' });
    expect(fake.posted).toEqual([{ id: 1, op: 'close', sessionId: 's1' }]);

    fake.stderr.write('onnxruntime: fatal error\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(worker.stderrTail()).toContain('fatal error');

    const exits: unknown[] = [];
    worker.onExit((exit) => exits.push(exit));
    fake.emit('exit', 134);
    expect(exits).toEqual([{ code: 134, signal: null }]);

    worker.kill();
    expect(fake.killed).toBe(true);
  });

  it('starts the data worker the same way, named as such, with its engine settings in the environment', () => {
    const calls: { path: string; options: ForkOptions }[] = [];
    const fake = new FakeUtility();
    const spawn = utilityWorker(
      (path, _args, options) => {
        calls.push({ path, options });
        return fake as unknown as UtilityProcess;
      },
      '/app/out/main/dataWorker.js',
      'MLOps Workbench data worker',
    );
    const worker = spawn({ MLW_DATA_ENGINE_CONFIG: '{"confinedTo":["/ws/datasets"]}' });
    expect(calls[0]?.path).toBe('/app/out/main/dataWorker.js');
    expect(calls[0]?.options.serviceName).toBe('MLOps Workbench data worker');
    expect((calls[0]?.options.env as Record<string, string> | undefined)?.MLW_DATA_ENGINE_CONFIG).toBe(
      '{"confinedTo":["/ws/datasets"]}',
    );
    const exits: unknown[] = [];
    worker.onExit((exit) => exits.push(exit));
    fake.emit('exit', 139);
    expect(exits).toEqual([{ code: 139, signal: null }]);
  });
});
