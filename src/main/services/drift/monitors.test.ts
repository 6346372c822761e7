import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DriftAlert, DriftSide } from '../../../shared/contract/drift.js';
import { addMonitorRequestSchema } from '../../../shared/contract/drift.js';
import { createDatasetService } from '../datasets/index.js';
import { createDataEngine, type DataEngine } from '../duckdb/index.js';
import { createJobService, type JobService } from '../jobs/index.js';
import { openWorkspace, type Workspace } from '../workspace/index.js';
import { createDriftService, type DriftService } from './driftService.js';
import {
  createMonitorService,
  type DeploymentPresence,
  type MonitorService,
  type Timers,
} from './monitors.js';

let dir: string;
let workspace: Workspace;
let jobs: JobService;
let engine: DataEngine;
let drift: DriftService;
let baseline: DriftSide;

/** The clock every service here reads; tests move it. */
let clock = new Date('2026-12-07T10:00:00Z');
const presences = new Map<string, DeploymentPresence>();
const services: MonitorService[] = [];

/** Timers that tick only when a test says so, awaiting the checks they start. */
function manualTimers() {
  const active = new Map<number, { ms: number; tick: () => Promise<void> }>();
  let next = 0;
  const timers: Timers = {
    every(ms, tick) {
      const id = next++;
      active.set(id, { ms, tick });
      return () => active.delete(id);
    },
  };
  return {
    timers,
    active,
    fire: () => Promise.all([...active.values()].map(({ tick }) => tick())),
  };
}

function monitors(timers: Timers) {
  const service = createMonitorService({
    workspace,
    compare: (request, ctx) => drift.compare(request, ctx),
    keep: (report) => drift.keep(report),
    now: () => clock,
    timers,
    deployment: (name) => Promise.resolve(presences.get(name) ?? 'absent'),
  });
  services.push(service);
  return service;
}

/** A seeded normal generator (mulberry32 + Box-Muller), so the files are the same on every run. */
function normals(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
const random = normals(11);

/** 200 requests captured over the hour starting at `hour` (UTC), f1 moved by `shift`. */
async function capture(deployment: string, hour: string, shift = 0): Promise<void> {
  const folder = workspace.resolve('captures', deployment);
  await mkdir(folder, { recursive: true });
  const start = Date.parse(hour);
  const lines = Array.from({ length: 200 }, (_, i) =>
    JSON.stringify({
      ts: new Date(start + i * 15_000).toISOString(),
      requestId: `${hour}-${i}`,
      model: 'churn',
      version: 1,
      route: '/predict',
      inputs: { input: [random() + shift, 5 + random()] },
      outputs: { label: [1] },
    }),
  );
  await appendFile(join(folder, `${hour.slice(0, 10)}.jsonl`), `${lines.join('\n')}\n`);
}

const add = (service: MonitorService, deployment: string, side: DriftSide = baseline) =>
  service.add(
    addMonitorRequestSchema.parse({ deployment, baseline: side, everyMinutes: 60, lookbackHours: 1 }),
  );

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-monitors-'));
  workspace = await openWorkspace(join(dir, 'ws'));
  jobs = createJobService();
  engine = await createDataEngine();
  const datasets = createDatasetService({ workspace, jobs, duckdb: engine.service });
  drift = createDriftService({
    workspace,
    jobs,
    duckdb: engine.service,
    datasets,
    workbenchVersion: '0.0.0-test',
  });
  const path = join(dir, 'baseline.csv');
  await writeFile(
    path,
    `f1,f2\n${Array.from({ length: 600 }, () => `${random().toFixed(4)},${(5 + random()).toFixed(4)}`).join('\n')}\n`,
  );
  baseline = { kind: 'file', path };
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()));
});

afterAll(async () => {
  await jobs.dispose();
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

describe('drift monitors against real DuckDB and capture files', () => {
  it('alerts once when a column crosses, stays quiet while it stays drifted, and rearms after recovery', async () => {
    clock = new Date('2026-12-07T10:00:00Z');
    await capture('churn', '2026-12-07T09:00:00Z');
    const { timers, active, fire } = manualTimers();
    const service = monitors(timers);
    await service.start();
    const monitor = await add(service, 'churn');
    expect([...active.values()].map(({ ms }) => ms)).toEqual([3_600_000]);
    const alerts: DriftAlert[] = [];
    service.onAlert((alert) => alerts.push(alert));
    const lastCheck = async () => (await service.list()).find((m) => m.id === monitor.id)?.lastCheck;

    await fire();
    expect(await lastCheck()).toEqual({
      at: '2026-12-07T10:00:00.000Z',
      rows: 200,
      drift: false,
      driftedColumns: [],
      error: null,
      report: null,
    });
    expect(alerts).toEqual([]);

    clock = new Date('2026-12-07T11:00:00Z');
    await capture('churn', '2026-12-07T10:00:00Z', 2);
    await fire();
    const crossed = await lastCheck();
    expect(crossed).toMatchObject({ rows: 200, drift: true, driftedColumns: ['f1'], error: null });
    // The check that crossed keeps its report, which the alert names.
    expect(crossed?.report).toEqual(expect.any(String));
    const kept = await drift.get(crossed!.report!);
    expect(kept.current.side).toEqual({
      kind: 'captures',
      deployment: 'churn',
      from: '2026-12-07T10:00:00.000Z',
    });
    expect(kept.columns.find((c) => c.column === 'f1')?.drift).toBe(true);
    expect(alerts).toEqual([
      {
        monitor: monitor.id,
        deployment: 'churn',
        at: '2026-12-07T11:00:00.000Z',
        dataset: true,
        columns: ['f1'],
        message: 'churn: the data set drifted (1 of 2 columns); f1 newly drifted over the last 1 h.',
        report: crossed?.report,
      },
    ]);

    clock = new Date('2026-12-07T12:00:00Z');
    await capture('churn', '2026-12-07T11:00:00Z', 2);
    await fire();
    // Still drifted, no alert: no report kept either.
    expect(await lastCheck()).toMatchObject({ drift: true, driftedColumns: ['f1'], report: null });
    expect(alerts).toHaveLength(1);

    clock = new Date('2026-12-07T13:00:00Z');
    await capture('churn', '2026-12-07T12:00:00Z');
    await fire();
    expect(await lastCheck()).toMatchObject({ rows: 200, drift: false, driftedColumns: [] });
    expect(alerts).toHaveLength(1);

    clock = new Date('2026-12-07T14:00:00Z');
    await capture('churn', '2026-12-07T13:00:00Z', 2);
    await fire();
    expect(alerts.map((alert) => [alert.at, alert.columns])).toEqual([
      ['2026-12-07T11:00:00.000Z', ['f1']],
      ['2026-12-07T14:00:00.000Z', ['f1']],
    ]);
  });

  it('notes an empty window without alerting, whether the day file has no rows in it or there is no file', async () => {
    clock = new Date('2026-12-08T08:00:00Z');
    await capture('quiet', '2026-12-08T05:00:00Z', 3);
    presences.set('quiet', 'capturing');
    const { timers, fire } = manualTimers();
    const service = monitors(timers);
    await service.start();
    const monitor = await add(service, 'quiet');
    const alerts: DriftAlert[] = [];
    service.onAlert((alert) => alerts.push(alert));

    await fire();
    expect((await service.list()).find((m) => m.id === monitor.id)?.lastCheck).toEqual({
      at: '2026-12-08T08:00:00.000Z',
      rows: 0,
      drift: null,
      driftedColumns: [],
      error: 'No captured requests in the last 1 h.',
      report: null,
    });
    clock = new Date('2026-12-10T08:00:00Z');
    presences.set('quiet', 'present');
    const { monitor: checked } = await service.check(monitor.id);
    expect(checked.lastCheck?.error).toBe(
      'No captured requests in the last 1 h: quiet is not running with capture on.',
    );
    expect(alerts).toEqual([]);
  });

  it('says when the deployment is gone or the baseline cannot be read', async () => {
    clock = new Date('2026-12-09T12:00:00Z');
    await capture('retired', '2026-12-01T10:00:00Z');
    await capture('live', '2026-12-09T11:00:00Z');
    const service = monitors(manualTimers().timers);
    const gone = await add(service, 'retired');
    expect((await service.check(gone.id)).monitor.lastCheck?.error).toBe(
      'No captured requests in the last 1 h, and retired is gone: no deployment of that name is on the engine. Run it again with capture on, or remove this monitor.',
    );
    const unreadable = await add(service, 'live', { kind: 'file', path: join(dir, 'nope.csv') });
    const { monitor, alert } = await service.check(unreadable.id);
    expect(monitor.lastCheck).toMatchObject({ drift: null, error: 'Cannot read nope.csv: no such file.' });
    expect(alert).toBeNull();
  });

  it('refuses a deployment with no captures folder unless it runs with capture on', async () => {
    const service = monitors(manualTimers().timers);
    presences.set('bare', 'present');
    await expect(add(service, 'bare')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message:
        'bare has nothing to monitor: this workspace has no captures/bare/ folder and no running deployment of that name captures requests.',
    });
    presences.set('bare', 'capturing');
    expect((await add(service, 'bare')).deployment).toBe('bare');
  });

  it('runs one check of a monitor at a time, stops its timer on remove, and aborts a running check on dispose', async () => {
    clock = new Date('2026-12-07T10:00:00Z');
    const { timers, active } = manualTimers();
    const service = monitors(timers);
    await service.start();
    const earlier = active.size;
    const first = await add(service, 'churn');
    const second = await add(service, 'churn');
    expect(active.size).toBe(earlier + 2);
    const a = service.check(first.id);
    expect(service.check(first.id)).toBe(a);
    await a;
    expect(service.check(first.id)).not.toBe(a);

    await service.remove(second.id);
    expect(active.size).toBe(earlier + 1);
    expect((await service.list()).map((m) => m.id)).not.toContain(second.id);
    await expect(service.check(second.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const running = service.check(first.id);
    await service.dispose();
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(active.size).toBe(0);
  });

  it('keeps monitors in drift/monitors.json across service instances and checks the overdue ones at start', async () => {
    clock = new Date('2026-12-07T10:00:00Z');
    const before = monitors(manualTimers().timers);
    const monitor = await add(before, 'churn');
    await before.check(monitor.id);
    await before.dispose();
    const file = JSON.parse(await readFile(workspace.resolve('drift', 'monitors.json'), 'utf8')) as {
      schemaVersion: number;
      monitors: { id: string }[];
    };
    expect(file.schemaVersion).toBe(1);
    expect(file.monitors.map((m) => m.id)).toContain(monitor.id);

    clock = new Date('2026-12-07T11:30:00Z');
    const { timers, active } = manualTimers();
    const after = monitors(timers);
    const checked = new Promise<void>((resolve) =>
      after.onChange(() => {
        void after.list().then((list) => {
          if (list.find((m) => m.id === monitor.id)?.lastCheck?.at === clock.toISOString()) resolve();
        });
      }),
    );
    await after.start();
    expect([...active.values()].every(({ ms }) => ms === 3_600_000)).toBe(true);
    expect((await after.list()).find((m) => m.id === monitor.id)?.baseline).toEqual(baseline);
    await checked;
  });
});
