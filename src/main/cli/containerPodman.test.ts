import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment } from '../../shared/contract/containerDeployments.js';
import { buildRecordSchema, type BuildRecord } from '../../shared/contract/containerBuilds.js';
import type { EngineStatus } from '../../shared/contract/containers.js';
import { startPodmanEngine } from '../../../test/fixtures/podmanEngine.js';
import { createContainerService, createDeploymentService } from '../services/containers/index.js';
import { buildModelWorker } from '../services/models/runtime/testing/buildWorker.js';
import { openWorkspace } from '../services/workspace/index.js';
import { mlwIn } from './testing/servingTests.js';

// The whole serving flow on a real Podman (its Docker-compatible API on a private socket), as a user
// with DOCKER_HOST pointing at Podman runs it: engine status, a local base, build and verification,
// run, predict, stop and remove. Podman's bridge would need iptables on this shared machine, so the
// deployments use host networking (MLW_DEPLOY_NETWORK), as on our private dockerd.
const podman = await startPodmanEngine();
const bundled = existsSync('out/serving/server.mjs') || process.env.MLW_REQUIRE_ENGINES === '1';
const skip = podman.skipReason ?? (bundled ? undefined : 'out/serving is not built (npm run build)');
const model = '/usr/share/libonnx-testdata/data/node/test_softmax_example/model.onnx';
const base = 'mlw-test/node-base:podman';
const name = 'softmax-podman';

let dir: string;
let worker: string;
const saved = { worker: process.env.MLW_MODEL_WORKER, network: process.env.MLW_DEPLOY_NETWORK };
const cli = mlwIn(() => dir);
const engineFlag = (): string[] => ['--docker-host', podman.engine?.dockerHost ?? ''];
const mlw = (...argv: string[]) => cli.mlw(...engineFlag(), ...argv);
const json = (...argv: string[]) => cli.json(...engineFlag(), ...argv);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-podman-'));
  if (skip) return;
  worker = await buildModelWorker();
  process.env.MLW_MODEL_WORKER = worker;
  process.env.MLW_DEPLOY_NETWORK = 'host';
}, 120_000);

afterAll(async () => {
  for (const [key, value] of [
    ['MLW_MODEL_WORKER', saved.worker],
    ['MLW_DEPLOY_NETWORK', saved.network],
  ] as const)
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  await podman.engine?.stop();
  await rm(dir, { recursive: true, force: true });
  if (worker) await rm(worker, { force: true });
}, 60_000);

describe.skipIf(skip !== undefined)('the serving flow on Podman', () => {
  let build: BuildRecord;
  let deployment: Deployment;

  it('names Podman and its version as the engine', async () => {
    const status = (await json('engine')) as EngineStatus;
    expect(status).toMatchObject({
      reachable: true,
      product: 'Podman Engine',
      version: podman.engine?.version,
    });
    expect((await mlw('engine')).stdout).toMatch(
      new RegExp(`^Podman ${podman.engine?.version ?? ''} \\(API `),
    );
  });

  it('imports a local Node base under the tag asked for', async () => {
    await json('model', 'add', model, '--name', 'softmax');
    const made = (await json('container', 'base', '--tag', base)) as { reference: string; imageId: string };
    expect(made.reference).toBe(base);
    const docker = await createContainerService({ dockerHost: podman.engine?.dockerHost ?? '' }).docker();
    expect((await docker.getImage(base).inspect()).RepoTags).toContain(`docker.io/${base}`);
  }, 60_000);

  it('builds the serving image, follows its steps and verifies it', async () => {
    build = buildRecordSchema.parse(await json('container', 'build', 'softmax', '--base', base));
    expect(build).toMatchObject({ status: 'built', tag: 'mlw/softmax:1', error: null });
    expect(build.verification).toMatchObject({ status: 'verified' });
    for (const route of build.verification?.routes ?? []) expect(route.maxAbsError).toBe(0);
    // Buildah's step headers, and the layers with the health check the Dockerfile asks for.
    const log = await readFile(join(dir, 'ws', 'builds', build.id, 'build.log'), 'utf8');
    expect(log).toMatch(/^STEP 1\/\d+: FROM mlw-test\/node-base:podman$/m);
    expect(build.image?.layers.some((layer) => layer.createdBy.startsWith('HEALTHCHECK'))).toBe(true);
    expect(build.image?.layers.some((layer) => /COPY .*\/srv\/model\//.test(layer.createdBy))).toBe(true);
    const docker = await createContainerService({ dockerHost: podman.engine?.dockerHost ?? '' }).docker();
    expect((await docker.getImage(build.tag).inspect()).Config.Labels).toMatchObject({
      'io.mlops-workbench.model.name': 'softmax',
      'io.mlops-workbench.model.version': '1',
      'io.mlops-workbench.model.sha256': build.model.sha256,
    });
  }, 120_000);

  it('runs it on 127.0.0.1 and answers /predict with the softmax', async () => {
    ({ deployment } = (await json('container', 'run', build.id, '--name', name)) as {
      deployment: Deployment;
    });
    expect(deployment).toMatchObject({ name, state: 'running', network: 'host' });
    const answer = await fetch(`${deployment.url}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: { x: { shape: [1, 3], data: [-1, 0, 1] } } }),
    });
    expect(answer.status).toBe(200);
    const { outputs } = (await answer.json()) as { outputs: { y: { data: number[] } } };
    const exp = [-1, 0, 1].map(Math.exp);
    const sum = exp.reduce((a, b) => a + b, 0);
    outputs.y.data.forEach((value, i) => expect(value).toBeCloseTo((exp[i] ?? 0) / sum, 6));
  }, 60_000);

  it('lists, logs, measures and runs commands in the deployment', async () => {
    const listed = (await json('container', 'ps')) as Deployment[];
    expect(listed.map((d) => [d.name, d.state])).toEqual([[name, 'running']]);
    const logs = (await mlw('container', 'logs', name)).stdout;
    // On the host's network the server listens on the loopback only.
    expect(logs).toMatch(/"msg":"listening","host":"127\.0\.0\.1"/);
    expect((await mlw('container', 'exec', name, '--', 'node', '-p', '1 + 1')).stdout.trim()).toBe('2');

    const containers = createContainerService({ dockerHost: podman.engine?.dockerHost ?? '' });
    const deployments = createDeploymentService({
      workspace: await openWorkspace(join(dir, 'ws')),
      containers,
      resolveImage: () => Promise.reject(new Error('not needed to read stats')),
    });
    const stats = await deployments.stats(name);
    expect(stats.memoryBytes).toBeGreaterThan(1024 * 1024);
    expect(stats.cpuPercent).toBeGreaterThanOrEqual(0);
    await containers.dispose();
  }, 60_000);

  it('stops and removes it', async () => {
    expect((await json('container', 'stop', name)) as Deployment).toMatchObject({
      state: 'exited',
      health: 'none',
    });
    expect(await json('container', 'rm', name)).toEqual({ name });
    expect(await json('container', 'ps')).toEqual([]);
  }, 60_000);
});
