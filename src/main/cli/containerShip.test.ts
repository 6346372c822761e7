import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { buildRecordSchema, type BuildRecord } from '../../shared/contract/containerBuilds.js';
import { pushResultSchema } from '../../shared/contract/containerShip.js';
import { probeDockerEngine } from '../../../test/fixtures/dockerEngine.js';
import { startLocalRegistry, type LocalRegistry } from '../../../test/fixtures/localRegistry.js';
import { exportTorchClassifier } from '../../../test/fixtures/torchModel.js';
import { buildModelWorker } from '../services/models/runtime/testing/buildWorker.js';
import { Entry } from '@napi-rs/keyring';
import { KEYCHAIN_SERVICE } from '../services/containers/push/keychain.js';
import { PASSWORD_ENV } from './containerShipCommands.js';
import { mlwIn, removeImages, servingSkipReason } from './testing/servingTests.js';

// The real engine, a real registry (Debian's docker-registry) on a loopback port, a real build.
const engine = await probeDockerEngine();
const hasRegistry = ['/usr/bin/docker-registry', '/usr/local/bin/docker-registry'].some((p) => existsSync(p));
const skip =
  servingSkipReason(engine) ??
  (hasRegistry ? undefined : 'docker-registry is not installed (bash scripts/engines.sh install)');
const runId = `${process.pid}-${Date.now()}`;
const base = `mlw-test/node-base:${runId}`;
const tag = `mlw-test/ship:${runId}`;
const login = { username: 'shipper', password: `s3cret-${runId}` };

let dir: string;
let worker: string;
let open: LocalRegistry;
let guarded: LocalRegistry;
const saved: Record<string, string | undefined> = {};
const pushed: string[] = [];
const { mlw, json } = mlwIn(() => dir);
const setEnv = (name: string, value: string | undefined): void => {
  if (!(name in saved)) saved[name] = process.env[name];
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
};

interface KubernetesObject {
  kind?: string;
  spec?: {
    replicas?: number;
    template?: { spec?: { containers?: { image?: string }[] } };
  };
}

/** Removes what --remember left in this machine's keychain. */
const forget = (registry: string): void => {
  try {
    new Entry(KEYCHAIN_SERVICE, registry).deletePassword();
  } catch {
    // Nothing was kept.
  }
};

/** Every file under a folder, as text, to look for a secret in. */
async function allText(folder: string): Promise<string> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return (await Promise.all(files.map((file) => readFile(file, 'latin1')))).join('\n');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-container-ship-'));
  worker = await buildModelWorker();
  setEnv('MLW_MODEL_WORKER', worker);
  // No login of the developer's own leaks in: the Docker config is the test's.
  setEnv('DOCKER_CONFIG', join(dir, 'docker-config'));
  setEnv(PASSWORD_ENV, undefined);
}, 120_000);

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await open?.stop();
  if (guarded) forget(guarded.address);
  await guarded?.stop();
  if (!engine.skipReason) await removeImages(engine, [tag, base, ...pushed]);
  await engine.containers.dispose();
  await rm(dir, { recursive: true, force: true });
  await rm(worker, { force: true });
});

describe.skipIf(skip !== undefined)('mlw container push and export, against a real registry', () => {
  let build: BuildRecord;

  beforeAll(async () => {
    open = await startLocalRegistry(join(dir, 'open'));
    guarded = await startLocalRegistry(join(dir, 'guarded'), login);
    await json('model', 'add', await exportTorchClassifier(dir, 0), '--name', 'classifier');
    await json('container', 'base', '--tag', base);
    build = buildRecordSchema.parse(
      await json('container', 'build', 'classifier@1', '--tag', tag, '--base', base, '--no-verify'),
    );
    expect(build.status).toBe('built');
  }, 300_000);

  it('pushes to a registry, and the image pulled back is the one built', async () => {
    const target = `${open.address}/mlw/classifier:1`;
    pushed.push(target);
    const result = pushResultSchema.parse(await json('container', 'push', build.id, target));
    expect(result).toMatchObject({ reference: target, registry: open.address, credentials: 'none' });
    expect(result.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const record = (await json('container', 'show', build.id)) as { record: BuildRecord };
    expect(record.record.pushes.map((push) => [push.reference, push.digest])).toEqual([
      [target, result.digest],
    ]);

    const docker = await engine.containers.docker();
    await docker.getImage(target).remove();
    expect(await engine.containers.imageDetails(target)).toBeUndefined();
    await engine.containers.pullImage(target);
    const pulled = await engine.containers.imageDetails(target);
    expect(pulled?.id).toBe(build.image?.id);
    expect(pulled?.labels).toMatchObject({
      'io.mlops-workbench.model.name': 'classifier',
      'io.mlops-workbench.model.sha256': build.model.sha256,
    });
    expect(pulled?.repoDigests).toContain(`${open.address}/mlw/classifier@${result.digest}`);
  }, 120_000);

  it('refuses a wrong password clearly, pushes with the right one, and keeps the password nowhere', async () => {
    const target = `${guarded.address}/mlw/classifier:1`;
    pushed.push(target);
    const anonymous = await mlw('container', 'push', build.id, target);
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toContain(`The registry ${guarded.address} refused to let ${target} be pushed`);

    setEnv(PASSWORD_ENV, 'not-the-password');
    const wrong = await mlw('--json', 'container', 'push', build.id, target, '--username', login.username);
    expect(wrong.code).toBe(1);
    const error = JSON.parse(wrong.stdout) as { error: { code: string; message: string; hint: string } };
    expect(error.error.code).toBe('UNAUTHORIZED');
    expect(error.error.message).toContain(`The registry ${guarded.address} refused`);
    expect(error.error.hint).toContain('Check the username and password');

    setEnv(PASSWORD_ENV, login.password);
    const right = await mlw(
      '--json',
      'container',
      'push',
      build.id,
      target,
      '-u',
      login.username,
      '--remember',
    );
    expect(right.code, right.stderr).toBe(0);
    const result = pushResultSchema.parse(JSON.parse(right.stdout));
    expect(result.credentials).toBe('given');
    // Kept: the next push finds it there. Where no keychain backend works, the push happens, the
    // login is not kept, and it says so.
    if (result.remembered) {
      setEnv(PASSWORD_ENV, undefined);
      const again = pushResultSchema.parse(await json('container', 'push', build.id, target));
      expect(again.credentials).toBe('keychain');
      forget(guarded.address);
    } else {
      expect(result.rememberProblem).toContain('OS keychain is not available');
      expect(right.stderr).toContain('the credentials were not kept');
    }
    for (const text of [
      right.stdout,
      right.stderr,
      wrong.stdout,
      wrong.stderr,
      await allText(join(dir, 'ws')),
    ])
      expect(text).not.toContain(login.password);
    const jobs = (await json('jobs', 'list').catch(() => [])) as unknown[];
    expect(JSON.stringify(jobs)).not.toContain(login.password);
  }, 120_000);

  it('falls back to the login docker login left in the Docker config', async () => {
    setEnv(PASSWORD_ENV, undefined);
    await mkdir(join(dir, 'docker-config'), { recursive: true });
    const auth = Buffer.from(`${login.username}:${login.password}`).toString('base64');
    await writeFile(
      join(dir, 'docker-config', 'config.json'),
      JSON.stringify({ auths: { [guarded.address]: { auth } } }),
    );
    const target = `${guarded.address}/mlw/classifier:from-config`;
    pushed.push(target);
    const result = pushResultSchema.parse(await json('container', 'push', build.id, target));
    expect(result.credentials).toBe('docker-config');
    expect(result.digest).toMatch(/^sha256:/);
  }, 120_000);

  it('says so when the registry is down', async () => {
    const down = await startLocalRegistry(join(dir, 'down'));
    await down.stop();
    const target = `${down.address}/mlw/classifier:1`;
    pushed.push(target);
    const failed = await mlw('container', 'push', build.id, target);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`The registry ${down.address} is not reachable from the Docker engine`);
  }, 120_000);

  it('exports Kubernetes, KServe and a workflow for the pushed image into builds/<id>/export/', async () => {
    const folder = join(dir, 'ws', 'builds', build.id, 'export');
    const k8s = (await json('container', 'export', build.id, '--kind', 'k8s', '--replicas', '2')) as {
      path: string;
      yaml: string;
    };
    expect(k8s.path).toBe(join('builds', build.id, 'export', 'kubernetes.yaml'));
    expect(await readFile(join(folder, 'kubernetes.yaml'), 'utf8')).toBe(k8s.yaml);
    const objects = parseAllDocuments(k8s.yaml).map((doc) => doc.toJS() as KubernetesObject);
    const deployment = objects.find((object) => object.kind === 'Deployment');
    expect(deployment?.spec?.replicas).toBe(2);
    // The last push, pinned by its digest.
    const last = (await json('container', 'show', build.id)) as { record: BuildRecord };
    const push = last.record.pushes.at(-1);
    expect(deployment?.spec?.template?.spec?.containers?.[0]?.image).toBe(
      `${push?.reference}@${push?.digest}`,
    );

    const kserve = await mlw(
      'container',
      'export',
      build.id,
      '--kind',
      'kserve',
      '--image',
      'ghcr.io/acme/churn:1',
      '--stdout',
    );
    expect(kserve.code, kserve.stderr).toBe(0);
    expect(kserve.stdout.split('\n')[0]).toBe(join('builds', build.id, 'export', 'kserve.yaml'));
    const service = parseYaml(await readFile(join(folder, 'kserve.yaml'), 'utf8')) as KubernetesObject;
    expect(service.kind).toBe('InferenceService');
    expect(JSON.stringify(service)).toContain('ghcr.io/acme/churn:1');

    await writeFile(join(dir, 'sample.json'), JSON.stringify({ inputs: { x: [[0, 0, 0, 0]] } }));
    const github = (await json(
      'container',
      'export',
      build.id,
      '--kind',
      'github',
      '--image',
      'ghcr.io/acme/churn:1',
      '--sample',
      join(dir, 'sample.json'),
    )) as { path: string };
    expect(github.path).toBe(join('builds', build.id, 'export', 'github-workflow.yml'));
    const workflow = parseYaml(await readFile(join(folder, 'github-workflow.yml'), 'utf8')) as {
      jobs?: Record<string, unknown>;
    };
    expect(Object.keys(workflow.jobs ?? {}).length).toBeGreaterThan(0);
    expect(JSON.stringify(workflow)).toContain(`builds/${build.id}/context`);

    const missing = await mlw(
      'container',
      'export',
      build.id,
      '--kind',
      'github',
      '--image',
      'ghcr.io/acme/churn:1',
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--kind github needs --sample FILE');
  }, 120_000);
});
