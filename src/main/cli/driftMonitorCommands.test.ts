import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftMonitorSchema, monitorCheckSchema } from '../../shared/contract/drift.js';
import { DRIFT_EXIT_CODE } from './driftCommands.js';
import { runMlw } from './testing/runMlw.js';

let dir: string;
let workspace: string;
let baseline: string;

const mlw = (...argv: string[]) => runMlw(workspace, argv);

/** 300 requests captured over the last 25 minutes, x moved by `shift`; each in its UTC day's file. */
async function capture(deployment: string, shift: number): Promise<void> {
  const folder = join(workspace, 'captures', deployment);
  await mkdir(folder, { recursive: true });
  const now = Date.now();
  for (let i = 0; i < 300; i++) {
    const ts = new Date(now - (300 - i) * 5_000).toISOString();
    const line = JSON.stringify({
      ts,
      requestId: `r${i}`,
      model: 'm',
      version: 1,
      route: '/predict',
      inputs: { input: [((i * 37) % 100) + shift, i % 2] },
      outputs: { y: [0] },
    });
    await appendFile(join(folder, `${ts.slice(0, 10)}.jsonl`), `${line}\n`);
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-cli-monitor-'));
  workspace = join(dir, 'ws');
  baseline = join(dir, 'baseline.csv');
  const rows = Array.from({ length: 1200 }, (_, i) => `${(i * 37) % 100},${i % 2}`);
  await writeFile(baseline, `x,flag\n${rows.join('\n')}\n`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mlw drift monitor', () => {
  it('adds, lists, checks (exit 3 on drift) and removes a monitor', async () => {
    await capture('scorer', 40);
    const added = await mlw(
      '--json',
      'drift',
      'monitor',
      'add',
      'scorer',
      baseline,
      '--every',
      '5',
      '--lookback',
      '1',
    );
    expect(added.code).toBe(0);
    const monitor = driftMonitorSchema.parse(JSON.parse(added.stdout));
    expect(monitor).toMatchObject({
      deployment: 'scorer',
      everyMinutes: 5,
      lookbackHours: 1,
      lastCheck: null,
    });
    expect(monitor.baseline).toEqual({ kind: 'file', path: baseline });

    const list = await mlw('drift', 'monitor', 'list');
    expect(list.stdout).toContain(monitor.id);
    expect(list.stdout).toContain('never');

    const check = await mlw('drift', 'monitor', 'check', monitor.id, '--json');
    expect(check.code).toBe(DRIFT_EXIT_CODE);
    const result = monitorCheckSchema.parse(JSON.parse(check.stdout));
    expect(result.monitor.lastCheck).toMatchObject({
      rows: 300,
      drift: true,
      driftedColumns: ['x'],
      error: null,
    });
    expect(result.alert?.message).toBe(
      'scorer: the data set drifted (1 of 2 columns); x newly drifted over the last 1 h.',
    );

    const again = await mlw('drift', 'monitor', 'check', monitor.id);
    expect(again.code).toBe(DRIFT_EXIT_CODE);
    expect(again.stdout).toContain('DRIFT: x in 300 rows');
    expect(again.stdout).not.toContain('Crossed');
    expect((await mlw('drift', 'monitor', 'list')).stdout).toContain('DRIFT: x in 300 rows');

    const removed = await mlw('drift', 'monitor', 'remove', monitor.id);
    expect(removed.stdout).toContain(`Removed monitor ${monitor.id}.`);
    expect((await mlw('drift', 'monitor', 'list')).stdout).toContain('No drift monitors yet.');
    const gone = await mlw('drift', 'monitor', 'check', monitor.id);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`There is no drift monitor "${monitor.id}" in this workspace.`);
  });

  it('exits 0 on a check without drift and refuses a deployment with nothing to monitor', async () => {
    await capture('steady', 0);
    const added = await mlw('--json', 'drift', 'monitor', 'add', 'steady', baseline, '--lookback', '1');
    const { id } = driftMonitorSchema.parse(JSON.parse(added.stdout));
    const check = await mlw('drift', 'monitor', 'check', id);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('no drift in 300 rows');

    const refused = await mlw('drift', 'monitor', 'add', 'nobody', baseline);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('nobody has nothing to monitor');
    const bad = await mlw('drift', 'monitor', 'add', 'steady', baseline, '--every', 'often');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--every often is not a number above 0.');
  });
});
