// The main-process half of bench/drift-report.mjs: one full drift report of two CSV files through
// the real service, with DuckDB and the statistics in the data worker the hosts start. Prints the
// time, where it went, the main event loop's worst delay and both processes' peak memory as JSON.
// Bundled by the benchmark with rolldown; not part of the app.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { driftSettingsSchema } from '../src/shared/contract/drift.js';
import { createDatasetService } from '../src/main/services/datasets/datasetService.js';
import { createDriftService } from '../src/main/services/drift/driftService.js';
import { createDataEngine } from '../src/main/services/duckdb/index.js';
import { createJobService } from '../src/main/services/jobs/index.js';
import { forkWorker } from '../src/main/services/workerHost/index.js';
import { openWorkspace } from '../src/main/services/workspace/index.js';

const [baseline = '', current = '', numericTest] = process.argv.slice(2);
const dir = await mkdtemp(join(tmpdir(), 'mlw-drift-bench-'));
const workspace = await openWorkspace(join(dir, 'ws'));
const jobs = createJobService();
const workerEntry = process.env.MLW_BENCH_DATA_WORKER;
if (!workerEntry) throw new Error('MLW_BENCH_DATA_WORKER (the bundled data worker) is not set.');
const engine = await createDataEngine({
  spawn: forkWorker(workerEntry),
  tempDirectory: workspace.scratch('duckdb'),
});
const datasets = createDatasetService({ workspace, jobs, duckdb: engine.service });
const drift = createDriftService({
  workspace,
  jobs,
  duckdb: engine.service,
  datasets,
  workbenchVersion: 'bench',
});

const peakMb = async (pid: number | 'self') =>
  Number(/VmHWM:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const started = performance.now();
const report = await drift.compare(
  {
    baseline: { kind: 'file', path: baseline },
    current: { kind: 'file', path: current },
    settings: driftSettingsSchema.parse(
      numericTest ? { tests: { byKind: { numeric: { test: numericTest } } } } : {},
    ),
  },
  { signal: new AbortController().signal, progress: () => undefined },
);
const elapsedMs = performance.now() - started;
delay.disable();
const workerPid = engine.pid;
process.stdout.write(
  `${JSON.stringify({
    elapsedMs,
    timings: report.timings,
    maxEventLoopDelayMs: delay.max / 1e6,
    mainPeakMb: await peakMb('self'),
    workerPeakMb: workerPid ? await peakMb(workerPid) : null,
    columns: report.columns.map((c) => ({
      column: c.column,
      test: c.test,
      statistic: c.statistic,
      pValue: c.pValue,
    })),
  })}\n`,
);
await jobs.dispose();
await engine.close();
await rm(dir, { recursive: true, force: true });
