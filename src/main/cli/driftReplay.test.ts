import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRecordSchema } from '../../shared/contract/containerBuilds.js';
import { driftReportSchema, replayResultSchema } from '../../shared/contract/drift.js';
import { unwrapEnvelope } from '../../shared/contract/envelope.js';
import { jobSchema } from '../../shared/contract/jobs.js';
import { cliCaller } from '../rpc/callers.js';
import { createWorkbench } from '../rpc/workbench.js';
import { forkWorker } from '../services/workerHost/index.js';
import { probeDockerEngine } from '../../../test/fixtures/dockerEngine.js';
import { exportTorchClassifier } from '../../../test/fixtures/torchModel.js';
import { mlwIn, servingSkipReason, useBundledModelWorker, useServingFolder } from './testing/servingTests.js';

// The real engine, the real bundled server with capture on, a classifier exported by PyTorch.
const engine = await probeDockerEngine();
const skip = servingSkipReason(engine);
const runId = `${process.pid}-${Date.now()}`;
const base = `mlw-test/node-base:replay-${runId}`;
const tag = `mlw-test/replay:${runId}`;
const captured = `replay-${runId}`;
const uncaptured = `replay-nocap-${runId}`;
const ROWS = 50;

const dir = useServingFolder(engine, 'mlw-drift-replay-', {
  containers: [captured, uncaptured],
  images: [tag, base],
});
const { mlw, json } = mlwIn(dir);
useBundledModelWorker();

interface CaptureLine {
  route: string;
  inputs: { features: number[] };
}

/** The /predict rows captured so far, once the server has written at least `least` of them. */
async function capturedRows(name: string, least: number): Promise<CaptureLine[]> {
  const folder = join(dir(), 'ws', 'captures', name);
  let rows: CaptureLine[] = [];
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const files = (await readdir(folder).catch(() => [] as string[]))
      .filter((f) => f.endsWith('.jsonl'))
      .sort();
    const text = (await Promise.all(files.map((f) => readFile(join(folder, f), 'utf8')))).join('');
    rows = text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as CaptureLine)
      .filter((row) => row.route === '/predict');
    if (rows.length >= least) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return rows;
}

describe.skipIf(skip !== undefined)('mlw drift replay, against the real engine', () => {
  const features = (i: number) => [i / 10, (i % 7) - 3, Math.sin(i), 1 + (i % 2)];

  beforeAll(async () => {
    const lines = Array.from({ length: ROWS }, (_, i) => [...features(i), i % 3].join(','));
    await writeFile(join(dir(), 'rows.csv'), `f1,f2,f3,f4,label\n${lines.join('\n')}\n`);
    await json('data', 'import', join(dir(), 'rows.csv'), '--name', 'rows');
    await json('model', 'add', await exportTorchClassifier(dir(), 0), '--name', 'classifier');
    await json('container', 'base', '--tag', base);
    const built = buildRecordSchema.parse(
      await json('container', 'build', 'classifier', '--tag', tag, '--base', base, '--no-verify'),
    );
    expect(built.status).toBe('built');
    await json('container', 'run', built.id, '--name', captured, '--capture', '1');
    await json('container', 'run', built.id, '--name', uncaptured);
  }, 300_000);

  it('sends every row in order, in batches, at the rate asked; the captures then hold those rows', async () => {
    const replayed = await mlw(
      '--json',
      'drift',
      'replay',
      'rows',
      captured,
      '--batch',
      '8',
      '--rate',
      '20',
      '--exclude',
      'label',
    );
    expect(replayed.code, replayed.stderr).toBe(0);
    const result = replayResultSchema.parse(JSON.parse(replayed.stdout));
    expect(result).toMatchObject({
      dataset: 'rows',
      deployment: captured,
      requests: { sent: 7, ok: 7, failed: 0 },
      rows: { sent: ROWS, ok: ROWS, failed: 0 },
      failures: [],
      capture: { folder: `captures/${captured}`, sampleRate: 1 },
      warnings: [],
    });
    // 7 requests at 20 per second: the last may start 6/20 s after the first.
    expect(result.durationMs).toBeGreaterThanOrEqual(300);
    const rows = await capturedRows(captured, ROWS);
    expect(rows).toHaveLength(ROWS);
    rows.forEach((row, i) => {
      features(i).forEach((value, j) => expect(row.inputs.features[j]).toBeCloseTo(value, 5));
    });
    // The loop closes: the captures compare with the data set they came from, and show no drift.
    const mapped = ['f1', 'f2', 'f3', 'f4'].flatMap((column, j) => ['--map', `${column}=features[${j}]`]);
    const compared = await mlw(
      '--json',
      'drift',
      'rows',
      `captures:${captured}`,
      '--ignore',
      'label',
      ...mapped,
    );
    expect(compared.code, compared.stderr).toBe(0);
    const report = driftReportSchema.parse(JSON.parse(compared.stdout));
    expect(report.current.rows).toBe(ROWS);
    expect(report.columns.map((c) => [c.column, c.currentColumn, c.drift])).toEqual(
      expect.arrayContaining([
        ['f1', 'features[0]', false],
        ['f2', 'features[1]', false],
        ['f3', 'features[2]', false],
        ['f4', 'features[3]', false],
      ]),
    );
  }, 60_000);

  it('fails only the batches holding a missing value, and says which row and column', async () => {
    const simulated = await mlw(
      '--json',
      'drift',
      'simulate',
      'rows',
      '--name',
      'holes',
      '--shift',
      'missing:f2=0.1',
      '--seed',
      '5',
    );
    expect(simulated.code, simulated.stderr).toBe(0);
    const replayed = await mlw(
      '--json',
      'drift',
      'replay',
      'holes',
      captured,
      '--batch',
      '5',
      '--exclude',
      'label',
    );
    expect(replayed.code, replayed.stderr).toBe(0);
    const result = replayResultSchema.parse(JSON.parse(replayed.stdout));
    expect(result.requests.sent).toBe(10);
    expect(result.requests.failed).toBeGreaterThan(0);
    expect(result.requests.ok).toBeGreaterThan(0);
    expect(result.requests.ok + result.requests.failed).toBe(10);
    expect(result.rows.ok + result.rows.failed).toBe(ROWS);
    expect(result.failures[0]).toMatch(/^Row \d+ of holes has no value in f2/);
    expect(await capturedRows(captured, ROWS + result.rows.ok)).toHaveLength(ROWS + result.rows.ok);
  }, 60_000);

  it('warns that a deployment with capture off keeps none of the rows', async () => {
    const replayed = await mlw('--json', 'drift', 'replay', 'rows', uncaptured, '--exclude', 'label');
    expect(replayed.code, replayed.stderr).toBe(0);
    const result = replayResultSchema.parse(JSON.parse(replayed.stdout));
    expect(result.requests).toEqual({ sent: 2, ok: 2, failed: 0 });
    expect(result.capture).toBeNull();
    expect(result.warnings[0]).toContain(`${uncaptured} has capture off`);
    expect(replayed.stderr).toContain('mlw: warning:');
    const text = await mlw('drift', 'replay', 'rows', uncaptured, '--exclude', 'label');
    expect(text.stdout).toContain(`not captured: ${uncaptured} has capture off`);
  }, 60_000);

  it('refuses rows the model cannot take before sending any, saying to exclude columns', async () => {
    const unmapped = await mlw('drift', 'replay', 'rows', captured);
    expect(unmapped.code).toBe(2);
    expect(unmapped.stderr).toContain('takes 4 values per row; rows has 5 numeric columns');
    expect(unmapped.stderr).toContain('--exclude COL');
    const unknown = await mlw('drift', 'replay', 'rows', captured, '--exclude', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('rows has no column nope to exclude');
    const missing = await mlw('drift', 'replay', 'rows', `nosuch-${runId}`);
    expect(missing.stderr).toContain(`There is no deployment nosuch-${runId}`);
  }, 60_000);

  it('is a job with progress that a cancel stops between requests', async () => {
    const workbench = await createWorkbench({
      workspaceRoot: join(dir(), 'ws'),
      host: 'cli',
      appVersion: '0.0.0-test',
      spawnModelWorker: forkWorker(process.env.MLW_MODEL_WORKER ?? ''),
    });
    try {
      const job = jobSchema.parse(
        unwrapEnvelope(
          await workbench.router.invoke(
            'drift.replay',
            { dataset: 'rows', deployment: captured, batch: 5, rate: 4, exclude: ['label'] },
            cliCaller(workbench.uploads),
          ),
        ),
      );
      let progressed = 0;
      const stop = workbench.jobs.onUpdate((update) => {
        if (update.id === job.id && (update.progress ?? 0) > 0) progressed = update.progress ?? 0;
      });
      await new Promise((resolve) => setTimeout(resolve, 700));
      workbench.jobs.cancel(job.id);
      const ended = await workbench.jobs.wait(job.id);
      stop();
      expect(ended.status).toBe('cancelled');
      // 4 requests a second for 0.7 s: 3 of the 10 sent, 15 of 50 rows.
      expect(progressed).toBeGreaterThan(0);
      expect(progressed).toBeLessThan(0.5);
    } finally {
      await workbench.dispose();
    }
  }, 60_000);
});
