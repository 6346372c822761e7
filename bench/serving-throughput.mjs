#!/usr/bin/env node
// Served throughput against in-process ONNX Runtime, for the same model and batch (issue 5):
// "served throughput at 16 concurrent clients is at least 70 % of in-process ONNX Runtime
// throughput for the same model and batch size; p50/p99 reported".
// (a) in-process: bench/serving-throughput-runner.ts in a child process pinned to the server's CPU,
//     one InferenceSession opened as the model server opens it, the load test's inputs, 16 callers;
// (b) served: the model's serving image (built by the built CLI on a local base, as an air-gapped
//     user would) in a container pinned to that same CPU, under `mlw container loadtest`
//     (autocannon) at 16 connections, the load generator pinned to the other CPU.
// Both sides get one CPU and the same ONNX Runtime intra-op threads (INTRA_OP_THREADS in the
// container). The sides alternate for --rounds rounds and the medians are compared; each side says
// how much of the model's CPU went to other programs meanwhile (a shared machine's neighbours).
// Also: `docker start` → /ready (the build's verification measures it) and the wall time of
// `mlw container run`.
// Usage: npm run build && source .engines/env && node bench/serving-throughput.mjs
//   [--model cnn|transformer|classifier] [--batch 1] [--seconds 10] [--rounds 5] [--threads 1]
//   [--encoding both|json|binary] (JSON to /predict, binary tensors to v2 infer, or both each round)
// Needs Debian's /usr/bin/python3 with python3-onnx and python3-torch (the models), taskset and the
// docker CLI (to pin the container), and a machine with at least 2 CPUs.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_CACHE, bundleForBench } from './support/bundle.mjs';
import { sampleCpu } from './support/cpu-share.mjs';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'cnn' },
    batch: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '16' },
    threads: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '5' },
    layers: { type: 'string', default: '48' },
    encoding: { type: 'string', default: 'both' },
  },
});

// Each model as a script writes it, and what it is (the cost of a run in-process, 1 thread).
// The transformer's export time grows faster than its layers: seconds for 48, ~6 min for 144.
const layers = Number(values.layers);
const MODELS = {
  classifier: {
    script: ['test/fixtures/make_torch_classifier.py', '0'],
    about: 'PyTorch 4-feature classifier of the tests (features [batch, 4]), ~11 µs a run',
  },
  cnn: {
    script: ['bench/make_cnn_model.py', 'medium'],
    about: 'bench/make_cnn_model.py medium (image [batch, 3, 224, 224], 5 conv stages), ~5 ms a run',
  },
  transformer: {
    script: ['bench/make_transformer_model.py', String(layers), 'fixed-sequence'],
    about: `bench/make_transformer_model.py, ${layers} PyTorch layers (tokens [batch, 16] → logits [batch, 16, 256]); 48 layers run in ~2 ms, 144 in ~12 ms`,
  },
};
const spec = MODELS[values.model];
if (!spec) throw new Error(`--model is ${values.model}: expected ${Object.keys(MODELS).join(', ')}`);
const batch = Number(values.batch);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const threads = Number(values.threads);
const roundCount = Number(values.rounds);
// How the served side sends its tensors: JSON to /predict, or the v2 binary tensor data extension.
const ENCODINGS = { both: ['json', 'binary'], json: ['json'], binary: ['binary'] }[values.encoding];
if (!ENCODINGS) throw new Error(`--encoding is ${values.encoding}: expected json, binary or both`);
const ROUTE = {
  json: ['--path', '/predict'],
  binary: ['--path', `/v2/models/${values.model}/infer`, '--binary'],
};
// The model's CPU on both sides, and the load generator's: on 2 cores, one each.
const MODEL_CPU = '1';
const CLIENT_CPU = '0';
if (availableParallelism() < 2)
  throw new Error('The bench needs 2 CPUs: one for the model, one for the client.');

const runId = `${process.pid}-${Date.now()}`;
const dir = mkdtempSync(join(tmpdir(), 'mlw-serving-bench-'));
const ws = join(dir, 'ws');
const base = `mlw-bench/node-base:${runId}`;
const tag = `mlw-bench/${values.model}:${runId}`;
const name = `bench-${runId}`;
const load = () =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

const mlw = (argv) =>
  JSON.parse(
    execFileSync(process.execPath, ['bin/mlw.mjs', '--workspace', ws, '--json', ...argv], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
// Piped stderr: `docker logs` replays the server's own stderr (ONNX Runtime's telemetry warnings).
const docker = (...args) =>
  execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

const ms = (value) => `${value?.toFixed(2)} ms`;
const percent = (value) => `${(value * 100).toFixed(0)} %`;
/** One side's line: throughput, latency and whether the model's CPU was its own meanwhile. */
const side = (m) =>
  `${m.perS.toFixed(1)} /s (${(m.perS * batch).toFixed(0)} rows/s), p50 ${ms(m.p50)}, p90 ${ms(m.p90)}, p99 ${ms(m.p99)}; ` +
  `CPU ${MODEL_CPU}: ${m.cpu ? `${percent(m.cpu.own)} the model's process, ${percent(m.cpu.others)} other processes, ${percent(m.cpu.irq)} interrupts` : 'not sampled'}; load average ${m.load}`;

/** Runs or requests per second of CPU the model's process had: neighbours' time taken out. */
const perCpuS = (m) => (m.cpu ? m.perS / m.cpu.own : Number.NaN);

/** Runs a command to its end while the event loop (and so the CPU sampler) keeps going. */
function run(command, args, onStart = () => undefined) {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
    onStart(child.pid);
  });
}

/** (a) In-process, in a child on the model's CPU, while the idle container waits. */
async function measureInProcess() {
  const before = load();
  let pid;
  const cpu = sampleCpu(MODEL_CPU, () => pid);
  try {
    // taskset execs node in its own process, so the pid is the runner's.
    const out = await run(
      'taskset',
      [
        '-c',
        MODEL_CPU,
        process.execPath,
        `${BENCH_CACHE}/serving-throughput-runner.mjs`,
        worker,
        model,
        String(batch),
        String(threads),
        String(concurrency),
        String(seconds),
      ],
      (started) => (pid = started),
    );
    const result = JSON.parse(out);
    return {
      perS: result.runsPerS,
      p50: result.p50,
      p90: result.p90,
      p99: result.p99,
      cpu: cpu.share(result.startedAtMs, result.startedAtMs + result.elapsedS * 1000),
      load: before,
    };
  } finally {
    cpu.stop();
  }
}

/** (b) Served: the workbench's own load test from the client's CPU, at the same concurrency and batch. */
async function measureServed(serverPid, encoding) {
  const before = load();
  const cpu = sampleCpu(MODEL_CPU, () => serverPid);
  try {
    const result = JSON.parse(
      await run('taskset', [
        '-c',
        CLIENT_CPU,
        process.execPath,
        'bin/mlw.mjs',
        '--workspace',
        ws,
        '--json',
        'container',
        'loadtest',
        name,
        '--connections',
        String(concurrency),
        '--duration',
        String(seconds),
        '--batch',
        String(batch),
        ...ROUTE[encoding],
      ]),
    );
    const from = Date.parse(result.startedAt);
    return {
      perS: result.rpsMean,
      ...result.latency,
      errors: result.errors,
      non2xx: result.non2xx,
      cpu: cpu.share(from, from + result.durationS * 1000),
      load: before,
    };
  } finally {
    cpu.stop();
  }
}

// The scripts are seeded, so a model made once (bench/data/, not committed) is the same next time.
const model = `bench/data/serving-${values.model}${values.model === 'transformer' ? `-${layers}` : ''}.onnx`;
await mkdir('bench/data', { recursive: true });
if (!existsSync(model))
  execFileSync('/usr/bin/python3', [spec.script[0], model, ...spec.script.slice(1)], { stdio: 'ignore' });
const worker = await bundleForBench('src/main/services/models/runtime/workerMain.ts', 'model-worker.mjs');
await bundleForBench('bench/serving-throughput-runner.ts');

console.log(`model: ${spec.about}; batch ${batch}, ${concurrency} concurrent clients, ${seconds} s a side`);
console.log(
  `CPU split: the model on CPU ${MODEL_CPU} on both sides (in-process child under taskset -c ${MODEL_CPU}; the server's container with --cpuset-cpus ${MODEL_CPU}), ` +
    `the load generator (mlw container loadtest) under taskset -c ${CLIENT_CPU}; ONNX Runtime intra-op threads ${threads} on both sides`,
);

try {
  mlw(['model', 'add', model, '--name', values.model]);
  mlw(['container', 'base', '--tag', base]);
  const built = mlw(['container', 'build', values.model, '--tag', tag, '--base', base]);
  const readyMs = built.verification?.readyMs ?? null;
  console.log(
    `image ${tag}: verification ${built.verification?.status}, ready ${readyMs?.toFixed(0)} ms after start`,
  );
  const runStarted = performance.now();
  const { deployment } = mlw([
    'container',
    'run',
    built.id,
    '--name',
    name,
    '--env',
    `INTRA_OP_THREADS=${threads}`,
    // A batch of 224 x 224 images is tens of MB of JSON, past the 10 MiB default.
    '--env',
    `MAX_BODY_BYTES=${2 ** 30}`,
  ]);
  const runWallMs = performance.now() - runStarted;
  console.log(`mlw container run (CLI start + container start + /ready): ${runWallMs.toFixed(0)} ms`);

  docker('update', '--cpuset-cpus', MODEL_CPU, name);
  const cpuset = docker('inspect', '--format', '{{.HostConfig.CpusetCpus}}', name);
  const loaded = docker('logs', name)
    .split('\n')
    .map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        return undefined;
      }
    })
    .find((line) => line?.msg === 'model loaded');
  if (cpuset !== MODEL_CPU || loaded?.intraOpThreads !== threads)
    throw new Error(
      `The server is not set as the bench needs: cpuset ${cpuset}, intra-op threads ${loaded?.intraOpThreads}.`,
    );
  // A client on this machine reaches the container's published port through docker-proxy, a
  // process on the host that a remote client would not go through: it is the client's side of the
  // loopback, so it goes on the client's CPU rather than take the model's.
  const proxies = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => /docker-proxy/.test(line) && line.includes(`-host-port ${deployment.port} `))
    .map((line) => line.trim().split(/\s+/)[0]);
  for (const pid of proxies) execFileSync('taskset', ['-a', '-cp', CLIENT_CPU, pid], { stdio: 'ignore' });
  console.log(
    `server: cpuset ${cpuset}, INTRA_OP_THREADS ${loaded.intraOpThreads} (its 'model loaded' log line); ` +
      `network ${deployment.network}, docker-proxy ${proxies.length ? `pid ${proxies.join(', ')} pinned to CPU ${CLIENT_CPU}` : 'not in the path'}`,
  );

  const serverPid = docker('top', name, '-eo', 'pid,comm')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find(([, comm]) => comm === 'node')?.[0];
  if (!serverPid) throw new Error(`No node process in ${name} (docker top).`);

  // Rounds alternate the sides, so a neighbour's burst on this shared machine falls on both.
  const rounds = [];
  for (let round = 1; round <= roundCount; round += 1) {
    const inProcess = await measureInProcess();
    const served = {};
    for (const encoding of ENCODINGS) served[encoding] = await measureServed(serverPid, encoding);
    rounds.push({ inProcess, served });
    console.log(
      [
        `round ${round}: in-process ${side(inProcess)}`,
        ...ENCODINGS.map((encoding) => {
          const m = served[encoding];
          return (
            `         served ${encoding.padEnd(6)} ${ROUTE[encoding][1]}: ${side(m)}, errors ${m.errors}, non-2xx ${m.non2xx}\n` +
            `         served ${encoding} / in-process ${percent(m.perS / inProcess.perS)}; per CPU-second of the model's process ${percent(perCpuS(m) / perCpuS(inProcess))}`
          );
        }),
      ].join('\n'),
    );
  }
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const inProcessPerS = median(rounds.map((r) => r.inProcess.perS));
  console.log(
    `median of ${roundCount} rounds: in-process ${inProcessPerS.toFixed(1)} runs/s (${(inProcessPerS * batch).toFixed(0)} rows/s)`,
  );
  for (const encoding of ENCODINGS) {
    const servedPerS = median(rounds.map((r) => r.served[encoding].perS));
    const ratio = servedPerS / inProcessPerS;
    const p50 = median(rounds.map((r) => r.served[encoding].p50));
    const p99 = median(rounds.map((r) => r.served[encoding].p99));
    console.log(
      `  served ${encoding} (${ROUTE[encoding].join(' ')}): ${servedPerS.toFixed(1)} req/s (${(servedPerS * batch).toFixed(0)} rows/s), p50 ${ms(p50)}, p99 ${ms(p99)}; ` +
        `served / in-process = ${percent(ratio)} (rounds ${rounds.map((r) => percent(r.served[encoding].perS / r.inProcess.perS)).join(', ')}; ` +
        `target >= 70 %: ${ratio >= 0.7 ? 'met' : 'NOT met'})`,
    );
    const perCpuRatios = rounds.map((r) => perCpuS(r.served[encoding]) / perCpuS(r.inProcess));
    console.log(
      `    per CPU-second of the model's process (neighbours' time on it taken out): ${percent(median(perCpuRatios))} (rounds ${perCpuRatios.map(percent).join(', ')})`,
    );
    // A round where neighbours had at most a tenth of the model's CPU on either side.
    const clean = rounds.filter(
      (r) => Math.max(r.inProcess.cpu?.others ?? 1, r.served[encoding].cpu?.others ?? 1) <= 0.1,
    );
    console.log(
      `    rounds with at most 10 % of CPU ${MODEL_CPU} to other processes on both sides: ` +
        (clean.length
          ? clean.map((r) => percent(r.served[encoding].perS / r.inProcess.perS)).join(', ')
          : 'none (the machine was too busy for a clean figure)'),
    );
  }
  console.log(`load average after ${load()}, ${new Date().toISOString()}`);
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
