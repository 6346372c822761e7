import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentSchema, type Deployment } from '../../shared/contract/containerDeployments.js';
import { busyboxRootfs } from '../../../test/fixtures/busyboxImage.js';
import { probeDockerEngine } from '../../../test/fixtures/dockerEngine.js';
import { LABEL } from '../services/containers/deployments/deploymentLabels.js';
import { mlwIn } from './testing/servingTests.js';

// The real engine, shared with other runs and workspaces. A deployment needs no model here: busybox's
// httpd answering /ready is an image `mlw container run` starts like any other, in well under a second.
const engine = await probeDockerEngine();
const runId = `${process.pid}-${Date.now()}`;
const image = { repo: 'mlw-test/ready', tag: runId, reference: `mlw-test/ready:${runId}` };
const ofA = `ws-a-${runId}`;
const ofB = `ws-b-${runId}`;
/** A deployment container as a workbench from before workspace labels left it. */
const unlabelled = `ws-old-${runId}`;

let dirA: string;
let dirB: string;
const a = mlwIn(() => dirA);
const b = mlwIn(() => dirB);
const listed = async (json: (...argv: string[]) => Promise<unknown>, ...argv: string[]) =>
  deploymentSchema.array().parse(await json('container', 'ps', ...argv));
const ours = (list: Deployment[]) => list.filter((d) => d.name.endsWith(runId));
const workspaceIdOf = async (dir: string): Promise<string> =>
  (JSON.parse(await readFile(join(dir, 'ws', 'workbench.json'), 'utf8')) as { id: string }).id;

beforeAll(async () => {
  dirA = await mkdtemp(join(tmpdir(), 'mlw-ws-a-'));
  dirB = await mkdtemp(join(tmpdir(), 'mlw-ws-b-'));
}, 120_000);

afterAll(async () => {
  if (!engine.skipReason) {
    const docker = await engine.containers.docker();
    for (const name of [ofA, ofB, unlabelled])
      await docker
        .getContainer(name)
        .remove({ force: true })
        .catch(() => undefined);
    await docker
      .getImage(image.reference)
      .remove({ force: true })
      .catch(() => undefined);
  }
  await engine.containers.dispose();
  await rm(dirA, { recursive: true, force: true });
  await rm(dirB, { recursive: true, force: true });
});

describe.skipIf(engine.skipReason !== undefined)('deployments of two workspaces on one engine', () => {
  beforeAll(async () => {
    // On the host's network the workbench gives the server HOST and PORT; on a bridge it listens on 8080.
    await engine.containers.importBaseImage({
      rootfs: busyboxRootfs(),
      repo: image.repo,
      tag: image.tag,
      changes: [
        'ENV PATH=/bin',
        'CMD ["sh", "-c", "mkdir -p /tmp/www && echo ok > /tmp/www/ready && exec httpd -f -p ${HOST:-0.0.0.0}:${PORT:-8080} -h /tmp/www"]',
      ],
    });
    await a.json('container', 'run', image.reference, '--name', ofA);
    await b.json('container', 'run', image.reference, '--name', ofB);
    const docker = await engine.containers.docker();
    await docker.createContainer({
      name: unlabelled,
      Image: image.reference,
      Labels: { [LABEL.deployment]: unlabelled, [LABEL.port]: '1' },
    });
  }, 120_000);

  it("lists only this workspace's deployments in ps", async () => {
    const idA = await workspaceIdOf(dirA);
    const [mine, ...others] = await listed(a.json);
    expect(others).toEqual([]);
    expect(mine).toMatchObject({
      name: ofA,
      state: 'running',
      workspace: { id: idA, path: await realpath(join(dirA, 'ws')), current: true },
    });
    expect((await listed(b.json)).map((d) => d.name)).toEqual([ofB]);
  });

  it('lists every workbench deployment with --all-workspaces, each with its workspace', async () => {
    const all = ours(await listed(a.json, '--all-workspaces'));
    const byName = Object.fromEntries(all.map((d) => [d.name, d.workspace]));
    expect(byName).toEqual({
      [ofA]: { id: await workspaceIdOf(dirA), path: await realpath(join(dirA, 'ws')), current: true },
      [ofB]: { id: await workspaceIdOf(dirB), path: await realpath(join(dirB, 'ws')), current: false },
      [unlabelled]: null,
    });
    const table = await a.mlw('container', 'ps', '--all-workspaces');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/WORKSPACE/);
    expect(table.stdout.split('\n').find((row) => row.startsWith(unlabelled))).toMatch(/unknown workspace$/);
    expect(table.stdout.split('\n').find((row) => row.startsWith(ofA))).toMatch(/this workspace$/);
  });

  it("works on another workspace's deployment by name", async () => {
    const answer = (await a.json('container', 'try', ofB, '/ready')) as { status: number; body: string };
    expect(answer).toMatchObject({ status: 200, body: 'ok\n' });
    const stopped = deploymentSchema.parse(await a.json('container', 'stop', ofB));
    expect(stopped).toMatchObject({ name: ofB, state: 'exited', workspace: { current: false } });
  });

  it("refuses a name another workspace's container holds, naming that workspace", async () => {
    const taken = await a.mlw('container', 'run', image.reference, '--name', ofB);
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toContain(
      `The name ${ofB} is used by a container of workspace ${await realpath(join(dirB, 'ws'))}; choose another name or remove it with mlw container rm ${ofB}.`,
    );
    const own = await a.mlw('container', 'run', image.reference, '--name', ofA);
    expect(own.stderr).toContain(`A container named ${ofA} already exists: a deployment of this workspace.`);
    const old = await a.mlw('container', 'run', image.reference, '--name', unlabelled);
    expect(old.stderr).toContain(`is used by a container of an unknown workspace`);
    // Its owner still has it, untouched.
    expect((await listed(b.json)).map((d) => d.name)).toEqual([ofB]);
  });
});
