import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandOf } from './dataWorkerPrestart.js';
import { builtCliSkipReason, spawnMlw, waitFor } from './testing/spawnMlw.js';

describe('commandOf, which picks the commands whose data worker starts with the CLI', () => {
  it.each([
    [['data', 'profile', 'x.csv'], 'data'],
    [['--json', 'table', 'query', 'x'], 'table'],
    [['-w', 'data', 'model', 'list'], 'model'],
    [['--workspace', 'table', '--docker-host', 'tcp://h:1', 'engine'], 'engine'],
    [['--json'], undefined],
    [[], undefined],
  ])('%j names %s', (argv, command) => {
    expect(commandOf(argv)).toBe(command);
  });
});

/** Processes whose environment holds `marker`: the CLI and every worker it forked. */
function processesMarked(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').includes(marker)) found.push(Number(entry));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

const skipReason = builtCliSkipReason() ?? (process.platform === 'linux' ? undefined : 'reads /proc');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-prestart-'));
  await writeFile(join(dir, 'tiny.csv'), 'a,b\n1,x\n2,y\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(skipReason !== undefined)('the built CLI with a prestarted data worker', () => {
  it('profiles through it, and leaves no worker behind', async () => {
    const marker = `MLW_TEST_RUN=${randomUUID()}`;
    const [name, value] = marker.split('=') as [string, string];
    const { exit } = spawnMlw(join(dir, 'ws'), ['--json', 'data', 'profile', join(dir, 'tiny.csv')], {
      [name]: value,
    });
    const { code, stdout } = await exit;
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ rows: 2 });
    await waitFor('the data worker to exit', () => processesMarked(marker).length === 0, 10_000);
  });

  it('does not wait for an unclaimed worker: `data --help` exits and its worker goes with it', async () => {
    const marker = `MLW_TEST_RUN=${randomUUID()}`;
    const [name, value] = marker.split('=') as [string, string];
    const { exit } = spawnMlw(join(dir, 'ws'), ['data', '--help'], { [name]: value });
    const started = Date.now();
    expect((await exit).code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitFor('the unclaimed data worker to exit', () => processesMarked(marker).length === 0, 10_000);
  });
});
