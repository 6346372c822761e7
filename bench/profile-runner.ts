// The main-process half of bench/profile-vs-pandas.mjs: profiles one file through the real service
// (DuckDB in the data worker the hosts start)
// (sniff, reader, Parquet in scratch, profile passes) and prints time, event-loop delay and peak
// memory as JSON. Bundled by the benchmark with rolldown; not part of the app.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createDatasetService } from '../src/main/services/datasets/datasetService.js';
import { renderProfileReport } from '../src/main/services/datasets/report/index.js';
import { createDataEngine } from '../src/main/services/duckdb/index.js';
import { createJobService } from '../src/main/services/jobs/index.js';
import { forkWorker } from '../src/main/services/workerHost/index.js';
import { openWorkspace } from '../src/main/services/workspace/index.js';

const file = process.argv[2] ?? '';
const dir = await mkdtemp(join(tmpdir(), 'mlw-profile-bench-'));
const workspace = await openWorkspace(join(dir, 'ws'));
const jobs = createJobService();
// As the hosts do: DuckDB in the data worker, so the stall measured is the main process's alone.
const workerEntry = process.env.MLW_BENCH_DATA_WORKER;
if (!workerEntry) throw new Error('MLW_BENCH_DATA_WORKER (the bundled data worker) is not set.');
const engine = await createDataEngine({
  spawn: forkWorker(workerEntry),
  tempDirectory: workspace.scratch('duckdb'),
});
const duckdb = engine.service;
const datasets = createDatasetService({ workspace, jobs, duckdb });
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const started = performance.now();
const profile = await datasets.profileCsv(file);
const elapsedMs = performance.now() - started;
delay.disable();
// The HTML report of this profile, for the bench to size and open in Chromium.
const reportPath = process.env.MLW_BENCH_REPORT;
if (reportPath) await writeFile(reportPath, renderProfileReport(profile, file));
const status = await readFile('/proc/self/status', 'utf8');
const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
process.stdout.write(
  `${JSON.stringify({
    elapsedMs,
    rows: profile.rows,
    columns: profile.columnCount,
    passes: profile.passes,
    maxEventLoopDelayMs: delay.max / 1e6,
    peakRssMb: peakKb / 1024,
    alerts: profile.alerts.length,
  })}\n`,
);
await jobs.dispose();
await engine.close();
await rm(dir, { recursive: true, force: true });
