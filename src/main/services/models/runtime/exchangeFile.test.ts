import { fork, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thisProcessOwner } from '../../workspace/index.js';
import { createExchangeFile, EXCHANGE_PREFIX, sweepDeadExchanges } from './exchangeFile.js';
import { buildModelWorker } from './testing/buildWorker.js';

let dir: string;
let worker: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-exchange-'));
  worker = await buildModelWorker();
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(worker, { force: true });
});

describe('exchange folders', () => {
  it('are named by their owner, so a sweep removes the dead ones and keeps the live', async () => {
    const host = thisProcessOwner.split('-')[0];
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
    const names = [
      `${EXCHANGE_PREFIX}${host}-${deadPid}-777-aBc123`,
      `${EXCHANGE_PREFIX}${thisProcessOwner}-xYz789`,
      'not-ours',
    ];
    for (const name of names) await mkdir(join(dir, name));
    expect(await sweepDeadExchanges(dir)).toEqual([names[0]]);
    expect((await readdir(dir)).sort()).toEqual(names.slice(1).sort());

    const exchange = createExchangeFile();
    expect(dirname(exchange.path)).toMatch(new RegExp(`/${EXCHANGE_PREFIX}${thisProcessOwner}-\\w{6}$`));
    exchange.close();
    expect(existsSync(dirname(exchange.path))).toBe(false);
  });

  it('is removed by the worker when its host is gone, and the worker exits', async () => {
    // The main side would remove it on close; here the host "dies" (the IPC channel closes) first.
    const exchange = createExchangeFile();
    const child = fork(worker, [], {
      env: { ...process.env, MLW_MODEL_EXCHANGE: exchange.path },
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    await new Promise<void>((resolve) => child.once('message', () => resolve()));
    const gone = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.disconnect();
    expect(await gone).toBe(0);
    expect(existsSync(dirname(exchange.path))).toBe(false);
  });
});
