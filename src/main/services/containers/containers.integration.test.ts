import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSYBOX_IMAGE, importBusyboxImage } from '../../../../test/fixtures/busyboxImage.js';
import { probeDockerEngine } from '../../../../test/fixtures/dockerEngine.js';
import { createContainerService, type ImportedImage } from './index.js';

// Against the real engine that scripts/engines.sh starts: no mocks. Each run uses its own tags and
// labels, so runs that share an engine do not see each other's images or containers.
const engine = await probeDockerEngine();
const { containers } = engine;
const runId = `${process.pid}-${Date.now()}`;
const tag = (name: string): string => `mlw-test/${name}:${runId}`;
const runLabel = { 'org.mlw.test-run': runId };

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-containers-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  if (engine.status.reachable) {
    const images = await (
      await containers.docker()
    ).listImages({ filters: { label: [`org.mlw.test-run=${runId}`] } });
    for (const image of images) await (await containers.docker()).getImage(image.Id).remove({ force: true });
  }
  await containers.dispose();
});

async function leftoverContainers(): Promise<number> {
  const list = await (
    await containers.docker()
  ).listContainers({
    all: true,
    filters: { label: [`org.mlw.test-run=${runId}`] },
  });
  return list.length;
}

describe.skipIf(engine.skipReason !== undefined)('containers against the real Docker engine', () => {
  let base: ImportedImage;
  beforeAll(async () => {
    if (engine.status.reachable) base = await importBusyboxImage(containers);
  });

  it('reports the engine as reachable, with its version', () => {
    expect(engine.status.error?.message, 'the engine must answer (MLW_REQUIRE_ENGINES=1)').toBeUndefined();
    expect(engine.status).toMatchObject({ reachable: true, endpoint: containers.endpoint.display });
    expect(engine.status.version).toMatch(/^\d+\.\d+/);
    expect(engine.status.apiVersion).toMatch(/^\d+\.\d+$/);
  });

  it('imports a busybox base, builds on it with a build arg and label, and runs the result', async () => {
    expect(base.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(base.reference).toBe(BUSYBOX_IMAGE.reference);

    const notePath = join(dir, 'note.txt');
    await writeFile(notePath, 'copied from a source file\n');
    const log: string[] = [];
    const built = await containers.buildImage({
      tag: tag('hello'),
      context: [
        {
          path: 'Dockerfile',
          content: [
            `FROM ${BUSYBOX_IMAGE.reference}`,
            'ARG GREETING',
            'ENV GREETING=$GREETING',
            'COPY note.txt /note.txt',
            'CMD ["sh","-c","echo hello from $GREETING"]',
          ].join('\n'),
        },
        { path: 'note.txt', sourceFile: notePath },
      ],
      buildArgs: { GREETING: 'the workbench' },
      labels: { ...runLabel, 'org.mlw.purpose': 'integration-test' },
      onLog: (line) => log.push(line),
    });
    expect(built.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(log).toContainEqual(expect.stringMatching(/^Step 1\/\d+ : FROM mlw-test\/busybox:1$/));
    expect(log.some((line) => line.startsWith('Successfully tagged'))).toBe(true);
    const inspected = await (await containers.docker()).getImage(built.tag).inspect();
    expect(inspected.Config.Labels).toMatchObject({ 'org.mlw.purpose': 'integration-test' });

    const hello = await containers.runToCompletion({ image: built.tag, labels: runLabel, timeoutMs: 30_000 });
    expect(hello).toEqual({ exitCode: 0, stdout: 'hello from the workbench\n', stderr: '' });

    const mixed = await containers.runToCompletion({
      image: built.tag,
      cmd: ['sh', '-c', 'cat /note.txt; echo "to stderr" >&2; exit 3'],
      env: { UNUSED: 'x' },
      labels: runLabel,
      timeoutMs: 30_000,
    });
    expect(mixed).toEqual({ exitCode: 3, stdout: 'copied from a source file\n', stderr: 'to stderr\n' });
    expect(await leftoverContainers()).toBe(0);
  });

  it('runs without a network unless asked for one', async () => {
    const result = await containers.runToCompletion({
      image: BUSYBOX_IMAGE.reference,
      cmd: ['sh', '-c', 'ls /sys/class/net'],
      labels: runLabel,
      timeoutMs: 30_000,
    });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean)).toEqual(['lo']);
  });

  it("tells listeners when the engine's containers change, while anyone listens", async () => {
    const changes: string[] = [];
    const stop = containers.onChange((change) => changes.push(change.kind));
    // The stream opens asynchronously: give it a moment before making the change it should see.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await containers.runToCompletion({
      image: BUSYBOX_IMAGE.reference,
      cmd: ['true'],
      labels: runLabel,
      timeoutMs: 30_000,
    });
    for (let i = 0; i < 40 && changes.length === 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    stop();
    expect(changes).toContain('container');
    // Debounced: one run (create, start, die, destroy) is a notice or two, not one per event.
    expect(changes.length).toBeLessThanOrEqual(3);
    const after = changes.length;
    await containers.runToCompletion({
      image: BUSYBOX_IMAGE.reference,
      cmd: ['true'],
      labels: runLabel,
      timeoutMs: 30_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(changes.length).toBe(after);
  });

  it('names the failing step when a build fails', async () => {
    const log: string[] = [];
    const failing = containers.buildImage({
      tag: tag('failing'),
      context: [
        { path: 'Dockerfile', content: `FROM ${BUSYBOX_IMAGE.reference}\nRUN echo before && false\n` },
      ],
      labels: runLabel,
      onLog: (line) => log.push(line),
    });
    await expect(failing).rejects.toMatchObject({
      code: 'DOCKER_FAILED',
      // The engine adds a LABEL step at the end, so the total is 3.
      message: expect.stringContaining('step 2/3 (RUN echo before && false)') as unknown,
      details: expect.objectContaining({
        step: '2/3',
        instruction: 'RUN echo before && false',
        exitCode: 1,
      }) as unknown,
    });
    await expect(failing).rejects.toThrow(/returned a non-zero code: 1/);
    expect(log).toContain('before');
  });

  it('cancels a running build: the promise rejects at once and the engine stops the step', async () => {
    const controller = new AbortController();
    let inStep = false;
    let abortedAt = 0;
    const building = containers.buildImage({
      tag: tag('slow'),
      context: [
        { path: 'Dockerfile', content: `FROM ${BUSYBOX_IMAGE.reference}\nRUN echo started && sleep 60\n` },
      ],
      labels: runLabel,
      signal: controller.signal,
      onLog: (line) => {
        // "started" is the step's own output, so its container is running when we abort.
        if (line === 'started' && !inStep) {
          inStep = true;
          abortedAt = Date.now();
          controller.abort();
        }
      },
    });
    await expect(building).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - abortedAt).toBeLessThan(2_000);

    const stepRunning = async (): Promise<boolean> => {
      const list = await (await containers.docker()).listContainers({ all: true });
      return list.some((container) => container.Command.includes('echo started && sleep 60'));
    };
    const deadline = Date.now() + 20_000;
    while ((await stepRunning()) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await stepRunning(), 'the engine should stop and remove the cancelled step').toBe(false);
  });

  it('stops and removes a container that outlives its time limit, or whose run is cancelled', async () => {
    const slow = { image: BUSYBOX_IMAGE.reference, cmd: ['sleep', '60'], labels: runLabel };
    await expect(containers.runToCompletion({ ...slow, timeoutMs: 1_500 })).rejects.toMatchObject({
      code: 'DOCKER_FAILED',
      message: expect.stringContaining('did not finish within 1.5 s') as unknown,
    });

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1_000);
    await expect(
      containers.runToCompletion({ ...slow, timeoutMs: 30_000, signal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(await leftoverContainers()).toBe(0);
  });

  it('fails with DOCKER_FAILED when the image does not exist', async () => {
    await expect(
      containers.runToCompletion({ image: tag('never-built'), labels: runLabel, timeoutMs: 10_000 }),
    ).rejects.toMatchObject({
      code: 'DOCKER_FAILED',
      message: expect.stringMatching(/No such image/i) as unknown,
    });
  });
});

describe('containers when the engine is down', () => {
  const down = createContainerService({
    dockerHost: `unix://${join(tmpdir(), 'mlw-no-such-dir', 'docker.sock')}`,
  });
  afterAll(() => down.dispose());

  it('reports the engine as unreachable, with a hint', async () => {
    const status = await down.engineStatus();
    expect(status.reachable).toBe(false);
    expect(status.version).toBeUndefined();
    expect(status.error?.code).toBe('DOCKER_UNREACHABLE');
    expect(status.error?.message).toContain('mlw-no-such-dir');
    expect(status.error?.hint).toMatch(/Start Docker|DOCKER_HOST/);
  });

  it('fails builds, imports and runs with DOCKER_UNREACHABLE', async () => {
    const unreachable = { code: 'DOCKER_UNREACHABLE', hint: expect.any(String) as unknown };
    await expect(
      down.buildImage({
        tag: 'mlw-test/unreachable:1',
        context: [{ path: 'Dockerfile', content: 'FROM scratch\n' }],
      }),
    ).rejects.toMatchObject(unreachable);
    await expect(
      down.runToCompletion({ image: 'mlw-test/unreachable:1', timeoutMs: 5_000 }),
    ).rejects.toMatchObject(unreachable);
    await expect(importBusyboxImage(down)).rejects.toMatchObject(unreachable);
  });
});
