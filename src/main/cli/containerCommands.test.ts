import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment } from '../../shared/contract/containerDeployments.js';
import { buildRecordSchema, type BuildRecord } from '../../shared/contract/containerBuilds.js';
import { probeDockerEngine } from '../../../test/fixtures/dockerEngine.js';
import { exportTorchClassifier } from '../../../test/fixtures/torchModel.js';
import { mlwIn, removeImages, servingSkipReason, useBundledModelWorker } from './testing/servingTests.js';

// The real engine (scripts/engines.sh), the real bundled server (npm run build makes out/serving),
// a model exported by PyTorch. The base is made on this machine, as an air-gapped user would.
const engine = await probeDockerEngine();
const skip = servingSkipReason(engine);
const runId = `${process.pid}-${Date.now()}`;
const execFileAsync = promisify(execFile);
const base = `mlw-test/node-base:${runId}`;
const tagOf = (name: string): string => `mlw-test/${name}:${runId}`;

let dir: string;
const { mlw, json } = mlwIn(() => dir);
useBundledModelWorker();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-container-build-'));
}, 120_000);

afterAll(async () => {
  if (!engine.skipReason)
    await removeImages(engine, [tagOf('classifier-1'), tagOf('classifier-2'), tagOf('broken'), base]);
  await engine.containers.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(skip !== undefined)('mlw container build, against the real engine', () => {
  let first: BuildRecord;
  let second: BuildRecord;

  beforeAll(async () => {
    await json('model', 'add', await exportTorchClassifier(dir, 0), '--name', 'classifier');
    await json('model', 'add', await exportTorchClassifier(dir, 1), '--name', 'classifier');
    const made = (await json('container', 'base', '--tag', base)) as { reference: string };
    expect(made.reference).toBe(base);
  }, 300_000);

  it('writes a context with the Dockerfile, server, linux-x64 ONNX Runtime and model, and builds it', async () => {
    first = buildRecordSchema.parse(
      await json('container', 'build', 'classifier@1', '--tag', tagOf('classifier-1'), '--base', base),
    );
    expect(first).toMatchObject({
      status: 'built',
      tag: tagOf('classifier-1'),
      model: { name: 'classifier', version: 1, fileName: 'classifier-0.onnx' },
      base: { image: base },
      port: 8080,
      error: null,
    });
    expect(first.base.digest).toMatch(/^sha256:/);
    // Verified: the image, started and asked through every route, answers as ONNX Runtime does here.
    expect(first.verification).toMatchObject({ status: 'verified', samples: 4, batch: 2 });
    expect(first.verification?.routes.map((r) => [r.route, r.requests, r.failure])).toEqual([
      ['POST /predict', 4, null],
      ['POST /v2/models/{name}/infer', 4, null],
      ['POST /v2/models/{name}/infer, binary tensors', 4, null],
    ]);
    for (const route of first.verification?.routes ?? [])
      expect(route.maxAbsError).toBeLessThanOrEqual(first.verification?.tolerance.abs ?? 0);
    console.log(`verified image ready ${Math.round(first.verification?.readyMs ?? 0)} ms after start`);
    expect(first.verification?.readyMs).toBeLessThan(2000);
    const context = join(dir, 'ws', 'builds', first.id, 'context');
    for (const file of [
      'Dockerfile',
      '.dockerignore',
      'server/server.mjs',
      'server/package.json',
      'server/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1',
      'server/node_modules/onnxruntime-common/package.json',
      'model/classifier-0.onnx',
      'model/card.json',
    ])
      expect(existsSync(join(context, file)), file).toBe(true);
    expect(existsSync(join(context, 'server/node_modules/onnxruntime-node/bin/napi-v6/darwin'))).toBe(false);
    expect(await readFile(join(dir, 'ws', 'builds', first.id, 'build.log'), 'utf8')).toMatch(
      /Step 1\/\d+ : FROM/,
    );

    const image = await (await engine.containers.docker()).getImage(first.tag).inspect();
    expect(image.Config.User).toBe('10001:10001');
    expect(Object.keys(image.Config.ExposedPorts ?? {})).toEqual(['8080/tcp']);
    expect(image.Config.Healthcheck?.Test?.[0]).toBe('CMD');
    expect(image.Config.Labels).toMatchObject({
      'io.mlops-workbench.model.name': 'classifier',
      'io.mlops-workbench.model.version': '1',
      'io.mlops-workbench.model.sha256': first.model.sha256,
    });
    // The layers, with their sizes: the image adds ONNX Runtime and the server (and the model) to the base.
    const baseSize = (await (await engine.containers.docker()).getImage(base).inspect()).Size;
    expect(first.image?.layers.length).toBeGreaterThan(3);
    expect(first.image?.layers.some((layer) => /COPY .*model/.test(layer.createdBy))).toBe(true);
    expect((first.image?.sizeBytes ?? 0) - baseSize).toBeLessThan(80 * 1024 * 1024);
  }, 300_000);

  it('rebuilds a new model version from the cache but for the model layer, in under 10 s', async () => {
    const started = performance.now();
    second = buildRecordSchema.parse(
      await json(
        'container',
        'build',
        'classifier@2',
        '--tag',
        tagOf('classifier-2'),
        '--base',
        base,
        '--no-verify',
      ),
    );
    expect(second.verification).toBeNull();
    const seconds = (performance.now() - started) / 1000;
    expect(second.status).toBe('built');
    const log = await readFile(join(dir, 'ws', 'builds', second.id, 'build.log'), 'utf8');
    const steps = log.split(/^Step /m).slice(1);
    const cached = steps.map((step) => step.includes('Using cache'));
    const modelStep = steps.findIndex((step) => /^\d+\/\d+ : COPY model\//.test(step));
    // Every step before the model's came from the cache; the model's did not.
    expect(cached.slice(1, modelStep).every(Boolean)).toBe(true);
    expect(cached[modelStep]).toBe(false);
    console.log(`rebuild after a model change: ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(10);
  }, 120_000);

  it('lists builds, shows one with its layers and Dockerfile, and prepares one to edit first', async () => {
    const list = (await json('container', 'builds')) as BuildRecord[];
    expect(list.map((record) => record.id)).toContain(first.id);
    const shown = await mlw('container', 'show', first.id);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('layers');
    expect(shown.stdout).toContain('FROM mlw-test/node-base');
    // The Dockerfile the workbench writes passes its own lint but for the base's missing digest.
    const detail = (await json('container', 'show', first.id)) as {
      findings: { rule: string; severity: string }[];
    };
    expect(detail.findings.filter((f) => f.severity !== 'info')).toEqual([]);

    const prepared = buildRecordSchema.parse(
      await json(
        'container',
        'build',
        'classifier',
        '--prepare-only',
        '--tag',
        tagOf('broken'),
        '--base',
        base,
      ),
    );
    expect(prepared.status).toBe('prepared');
    expect(prepared.model.version).toBe(2);
    // An edit that fails: the step is named, the record says failed, and nothing is left running.
    const dockerfile = join(dir, 'ws', 'builds', prepared.id, 'context', 'Dockerfile');
    const text = await readFile(dockerfile, 'utf8');
    await writeFile(dockerfile, text.replace('WORKDIR /srv', 'WORKDIR /srv\nRUN exit 3'));
    const failed = await mlw('--json', 'container', 'rebuild', prepared.id);
    expect(failed.code).toBe(1);
    const error = JSON.parse(failed.stdout || failed.stderr) as { error: { code: string; message: string } };
    expect(error.error.code).toBe('DOCKER_FAILED');
    expect(error.error.message).toMatch(/failed at step 3\/\d+ \(RUN exit 3\)/);
    const record = (await json('container', 'show', prepared.id)) as { record: BuildRecord };
    expect(record.record.status).toBe('failed');
    expect(record.record.error?.message).toContain('RUN exit 3');
    const leftovers = await (await engine.containers.docker()).listContainers({ all: true });
    expect(leftovers.filter((c) => c.Image.includes('node-base'))).toEqual([]);
    // One the lint refuses before anything reaches the engine.
    await writeFile(dockerfile, 'FORM node:22\n');
    const refused = await mlw('--json', 'container', 'rebuild', prepared.id);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('cannot be built: line 1');
  }, 120_000);

  it('fails the verification of an image whose model is not the registered one, and exits 1', async () => {
    // Version 1's context with version 2's weights under version 1's name: the image serves the wrong model.
    const context = join(dir, 'ws', 'builds', first.id, 'context', 'model');
    await writeFile(join(context, 'classifier-0.onnx'), await readFile(join(dir, 'classifier-1.onnx')));
    const rebuilt = await mlw('--json', 'container', 'rebuild', first.id);
    expect(rebuilt.code).toBe(1);
    const refused = buildRecordSchema.parse(JSON.parse(rebuilt.stdout));
    expect(refused.status).toBe('built');
    // The server checks the file against MODEL_SHA256 and will not serve it.
    expect(refused.verification?.status).toBe('failed');
    expect(refused.verification?.message).toMatch(/exited with code 1 before it was ready/);
    expect(refused.verification?.message).toMatch(/sha256/i);
    // With the hash edited to match, it serves the wrong weights: the answers are compared and differ.
    const dockerfile = join(dir, 'ws', 'builds', first.id, 'context', 'Dockerfile');
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256')
      .update(await readFile(join(dir, 'classifier-1.onnx')))
      .digest('hex');
    await writeFile(
      dockerfile,
      (await readFile(dockerfile, 'utf8')).replace(/MODEL_SHA256="[0-9a-f]+"/, `MODEL_SHA256="${hash}"`),
    );
    const wrong = await mlw('--json', 'container', 'rebuild', first.id);
    expect(wrong.code).toBe(1);
    const record = buildRecordSchema.parse(JSON.parse(wrong.stdout));
    expect(record.verification?.status).toBe('failed');
    expect(record.verification?.message).toMatch(/differs from in-process ONNX Runtime by up to/);
    expect(record.verification?.routes[0]?.maxAbsError).toBeGreaterThan(1e-3);
    // The throwaway container is gone.
    const left = await (await engine.containers.docker()).listContainers({ all: true });
    expect(left.filter((c) => c.Names.some((n) => n.startsWith('/verify-')))).toEqual([]);
  }, 120_000);

  it('says what is wrong with a file, a bad tag, an unknown model and a base the engine cannot get', async () => {
    const file = await mlw('container', 'build', join(dir, 'classifier-0.onnx'));
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('a container builds a registered model version');
    const tag = await mlw('container', 'build', 'classifier', '--tag', 'Not A Tag');
    expect(tag.code).toBe(2);
    expect(tag.stderr).toContain('an image reference is lower-case');
    const unknown = await mlw('container', 'build', 'nosuchmodel');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('nosuchmodel');
    const missing = await mlw('container', 'build', 'classifier', '--base', `mlw-test/no-such-base:${runId}`);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`The base image mlw-test/no-such-base:${runId} is not on the engine`);
    expect(missing.stderr).toContain('mlw container base');
  }, 120_000);

  describe('a deployment of the second build', () => {
    const name = `clf-${process.pid}`;
    let url: string;
    let apiKey: string;

    afterAll(async () => {
      await mlw('container', 'rm', name);
    });

    it('runs on 127.0.0.1 with capture and an API key, ready at once, and lists it', async () => {
      const started = (await json(
        'container',
        'run',
        second.id,
        '--name',
        name,
        '--capture',
        '1',
        '--auth',
        '--memory',
        '512',
        '--health-interval',
        '1',
      )) as { deployment: Deployment; apiKey: string };
      expect(started.deployment).toMatchObject({
        name,
        state: 'running',
        buildId: second.id,
        model: { name: 'classifier', version: 2 },
        capture: { folder: `captures/${name}`, sampleRate: 1 },
        auth: true,
        limits: { memoryBytes: 512 * 1024 * 1024 },
      });
      expect(started.deployment.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(started.apiKey).toMatch(/^[\w-]{40,}$/);
      ({ url } = started.deployment);
      ({ apiKey } = started);
      const listed = (await json('container', 'ps')) as Deployment[];
      expect(listed.find((d) => d.name === name)?.state).toBe('running');
      // The key is in no file of the workspace.
      const { stdout } = await execFileAsync('grep', ['-rl', apiKey, join(dir, 'ws')]).catch(() => ({
        stdout: '',
      }));
      expect(stdout).toBe('');
    }, 120_000);

    it('answers probes without the key, everything else only with it, like the model does', async () => {
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect((await fetch(`${url}/ready`)).status).toBe(200);
      expect((await fetch(`${url}/metadata`)).status).toBe(401);
      const records = { records: [{ features: [1, 2, 3, 4] }, { features: [0, 0, 0, 1] }] };
      const answer = await fetch(`${url}/predict`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(records),
      });
      expect(answer.status).toBe(200);
      const { predictions } = (await answer.json()) as { predictions: { probabilities: number[] }[] };
      expect(predictions).toHaveLength(2);
      for (const row of predictions) expect(row.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      // Through the workbench, which holds the key.
      const tried = (await json('container', 'try', name, '/metadata')) as { status: number; body: string };
      expect(tried.status).toBe(200);
      expect(JSON.parse(tried.body)).toMatchObject({ name: 'classifier', version: '2' });
      const bad = (await json(
        'container',
        'try',
        name,
        '/predict',
        '-d',
        '{"records": [{"nope": [1]}]}',
      )) as {
        status: number;
        body: string;
      };
      expect(bad.status).toBe(400);
      expect((JSON.parse(bad.body) as { error: string }).error).toContain(
        '"nope", which is not an input of the model',
      );
      const metrics = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${apiKey}` } });
      expect(await metrics.text()).toMatch(
        /^mlw_http_requests_total\{route="\/predict",method="POST",status="200"\} [1-9]\d*$/m,
      );
    }, 60_000);

    it('captures each predicted row as a line of JSONL in the workspace', async () => {
      const folder = join(dir, 'ws', 'captures', name);
      let lines: string[] = [];
      for (let attempt = 0; attempt < 50 && lines.length < 2; attempt += 1) {
        const files = await readdir(folder);
        lines = (await Promise.all(files.map((f) => readFile(join(folder, f), 'utf8'))))
          .join('')
          .split('\n')
          .filter(Boolean);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const rows = lines.map((text) => JSON.parse(text) as { route: string; inputs: { features: number[] } });
      expect(rows.filter((row) => row.route === '/predict').map((row) => row.inputs.features)).toEqual([
        [1, 2, 3, 4],
        [0, 0, 0, 1],
      ]);
    }, 30_000);

    it('shows logs without the key, stats, and runs a command inside as the non-root user', async () => {
      const logs = (await json('container', 'logs', name)) as { text: string }[];
      expect(logs.some((l) => l.text.includes('"route":"/predict"'))).toBe(true);
      expect(logs.some((l) => l.text.includes(apiKey))).toBe(false);
      const stats = (await json('container', 'stats', name).catch(() => null)) as {
        memoryBytes: number;
      } | null;
      if (stats) expect(stats.memoryBytes).toBeGreaterThan(0);
      const exec = (await json('container', 'exec', name, '--', 'id', '-u')) as {
        exitCode: number;
        output: string;
      };
      expect(exec.exitCode).toBe(0);
      expect(Number(exec.output.trim())).not.toBe(0);
    }, 60_000);

    it('reports a server that stopped answering as unhealthy', async () => {
      const frozen = (await json(
        'container',
        'exec',
        name,
        '--',
        'sh',
        '-c',
        'kill -STOP $(pidof node)',
      )) as {
        exitCode: number;
      };
      expect(frozen.exitCode).toBe(0);
      let health = '';
      for (let attempt = 0; attempt < 40 && health !== 'unhealthy'; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        health = ((await json('container', 'ps')) as Deployment[]).find((d) => d.name === name)?.health ?? '';
      }
      expect(health).toBe('unhealthy');
      await json('container', 'exec', name, '--', 'sh', '-c', 'kill -CONT $(pidof node)');
    }, 60_000);

    it('refuses a taken name and a taken port, and says why an image that exits at start is not ready', async () => {
      const taken = await mlw('container', 'run', second.id, '--name', name);
      expect(taken.code).toBe(2);
      expect(taken.stderr).toContain(`A container named ${name} already exists`);
      const port = new URL(url).port;
      const busy = await mlw('container', 'run', second.id, '--port', port);
      expect(busy.code).toBe(2);
      expect(busy.stderr).toContain(`Port ${port} on 127.0.0.1 is in use`);
      const exits = await mlw(
        'container',
        'run',
        base,
        '--name',
        `exits-${process.pid}`,
        '--ready-timeout',
        '20000',
      );
      expect(exits.code).toBe(1);
      expect(exits.stderr).toMatch(/exited with code \d+ before it was ready/);
      // Nothing of those runs is left, and the deployment whose name was asked for is untouched.
      const left = (await json('container', 'ps')) as Deployment[];
      expect(left.filter((d) => d.buildId === second.id || d.image === base).map((d) => d.name)).toEqual([
        name,
      ]);
      expect((await json('container', 'try', name, '/metadata')) as { status: number }).toMatchObject({
        status: 200,
      });
    }, 120_000);

    it('stops and removes it; a removed one is not found', async () => {
      const stopped = (await json('container', 'stop', name)) as Deployment;
      expect(stopped.state).toBe('exited');
      expect((await mlw('container', 'rm', name)).code).toBe(0);
      const gone = await mlw('container', 'logs', name);
      expect(gone.code).toBe(1);
      expect(gone.stderr).toContain(`There is no deployment ${name}`);
    }, 60_000);
  });
});
