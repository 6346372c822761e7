import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordSchema, type BuildRecord } from '../../shared/contract/containerBuilds.js';
import { probeDockerEngine } from '../../../test/fixtures/dockerEngine.js';
import { mlwIn, removeImages, servingSkipReason, useBundledModelWorker } from './testing/servingTests.js';
import { builtCliSkipReason, spawnMlw, waitFor } from './testing/spawnMlw.js';

// A build stopped half way, as a user's Ctrl-C or CI's timeout does it, against the real engine.
const engine = await probeDockerEngine();
const skip = servingSkipReason(engine) ?? builtCliSkipReason();
const SOFTMAX = '/usr/share/libonnx-testdata/data/node/test_softmax_example/model.onnx';
const runId = `${process.pid}-${Date.now()}`;
const base = `mlw-test/node-base:${runId}`;
const tag = `mlw-test/cancelled:${runId}`;
// Long enough that only the cancel can end it within the test's time.
const SLOW_STEP = `RUN sleep 300 # ${runId}`;

let dir: string;
const { json } = mlwIn(() => dir);
useBundledModelWorker();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-container-cancel-'));
}, 120_000);

afterAll(async () => {
  if (!engine.skipReason) await removeImages(engine, [tag, base]);
  await engine.containers.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** The engine's containers (a build's steps run in them) whose command is the slow step's. */
async function slowStepContainers(): Promise<string[]> {
  const docker = await engine.containers.docker();
  const all = await docker.listContainers({ all: true });
  return all.filter((c) => c.Command.includes(runId)).map((c) => c.Id);
}

describe.skipIf(skip !== undefined)('a serving build stopped half way', () => {
  it('SIGTERM during a step: exits 143, the engine stops and removes the step, the build is cancelled', async () => {
    await json('model', 'add', SOFTMAX, '--name', 'softmax');
    await json('container', 'base', '--tag', base);
    const prepared = buildRecordSchema.parse(
      await json('container', 'build', 'softmax@1', '--tag', tag, '--base', base, '--prepare-only'),
    );
    const dockerfile = join(dir, 'ws', 'builds', prepared.id, 'context', 'Dockerfile');
    await appendFile(dockerfile, `\n${SLOW_STEP}\n`);

    const run = spawnMlw(join(dir, 'ws'), ['container', 'rebuild', prepared.id]);
    await waitFor('the slow step to run', async () => (await slowStepContainers()).length > 0, 120_000);
    run.child.kill('SIGTERM');
    const { code, stderr } = await run.exit;
    expect(code).toBe(143);
    expect(stderr).toContain('mlw: Stopped by SIGTERM');

    await waitFor(
      'the engine to remove the step',
      async () => (await slowStepContainers()).length === 0,
      30_000,
    );
    const { record: shown } = (await json('container', 'show', prepared.id)) as { record: BuildRecord };
    expect(shown.status).toBe('cancelled');
    expect(shown.image).toBeNull();
    // The context is kept, edit and all, for the next try; no image was tagged.
    expect(await readFile(dockerfile, 'utf8')).toContain(SLOW_STEP);
    const docker = await engine.containers.docker();
    await expect(docker.getImage(tag).inspect()).rejects.toThrow();
  }, 240_000);
});
