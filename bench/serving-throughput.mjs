#!/usr/bin/env node
// Served throughput against in-process ONNX Runtime, for the same model and batch (issue 5):
// (a) onnxruntime-node InferenceSession.run from 16 concurrent callers in this process for 10 s;
// (b) the model's serving image (built by the built CLI on a local base, as an air-gapped user
//     would) under `mlw container loadtest` (autocannon) at 16 connections for 10 s.
// Target: (b) req/s >= 70 % of (a) runs/s. Also: the time from `docker start` to /ready (the
// build's verification measures it) and the wall time of `mlw container run`.
// Usage: npm run build && source .engines/env && node bench/serving-throughput.mjs [--batch 1] [--seconds 10]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import ort from 'onnxruntime-node';

const { values } = parseArgs({
  options: {
    batch: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '16' },
  },
});
const batch = Number(values.batch);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const runId = `${process.pid}-${Date.now()}`;
const dir = mkdtempSync(join(tmpdir(), 'mlw-serving-bench-'));
const ws = join(dir, 'ws');
const base = `mlw-bench/node-base:${runId}`;
const tag = `mlw-bench/classifier:${runId}`;
const name = `bench-${runId}`;

const mlw = (...argv) =>
  JSON.parse(
    execFileSync(process.execPath, ['bin/mlw.mjs', '--workspace', ws, '--json', ...argv], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  );

const model = join(dir, 'classifier.onnx');
execFileSync('/usr/bin/python3', ['test/fixtures/make_torch_classifier.py', model, '0']);

// (a) In-process: one session, 16 callers each awaiting run() in a loop.
const session = await ort.InferenceSession.create(model);
const feeds = {
  features: new ort.Tensor(
    'float32',
    Float32Array.from({ length: batch * 4 }, () => Math.random()),
    [batch, 4],
  ),
};
await session.run(feeds);
let runs = 0;
const deadline = performance.now() + seconds * 1000;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      await session.run(feeds);
      runs += 1;
    }
  }),
);
const inProcess = runs / ((performance.now() - started) / 1000);
await session.release();
console.log(
  `in-process ONNX Runtime: ${inProcess.toFixed(0)} runs/s (batch ${batch}, ${concurrency} callers)`,
);

try {
  mlw('model', 'add', model, '--name', 'classifier');
  mlw('container', 'base', '--tag', base);
  const built = mlw('container', 'build', 'classifier', '--tag', tag, '--base', base);
  const readyMs = built.verification?.readyMs ?? null;
  console.log(
    `image ${tag}: verification ${built.verification?.status}, ready ${readyMs?.toFixed(0)} ms after start`,
  );
  const runStarted = performance.now();
  mlw('container', 'run', built.id, '--name', name);
  const runWallMs = performance.now() - runStarted;
  console.log(`mlw container run (CLI start + container start + /ready): ${runWallMs.toFixed(0)} ms`);

  // (b) Served: the workbench's own load test, autocannon at the same concurrency.
  const served = mlw(
    'container',
    'loadtest',
    name,
    '--connections',
    String(concurrency),
    '--duration',
    String(seconds),
    '--batch',
    String(batch),
  );
  const ratio = served.rpsMean / inProcess;
  console.log(
    `served: ${served.rpsMean.toFixed(0)} req/s, p50 ${served.latency.p50?.toFixed(2)} ms, p90 ${served.latency.p90?.toFixed(2)} ms, p99 ${served.latency.p99?.toFixed(2)} ms, errors ${served.errors}, non-2xx ${served.non2xx}`,
  );
  console.log(
    `served / in-process = ${(ratio * 100).toFixed(0)} % (target >= 70 %: ${ratio >= 0.7 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `load average ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}, ${new Date().toISOString()}`,
  );
} finally {
  for (const args of [
    ['rm', '-f', name],
    ['rmi', '-f', tag, base],
  ])
    try {
      execFileSync('docker', args, { stdio: 'ignore' });
    } catch {
      // The engine may already have none of them.
    }
  rmSync(dir, { recursive: true, force: true });
}
