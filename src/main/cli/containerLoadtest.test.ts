import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRecordSchema } from '../../shared/contract/containerBuilds.js';
import { loadTestResultSchema, type LoadTestResult } from '../../shared/contract/containerLoadtests.js';
import { deploymentSchema } from '../../shared/contract/containerDeployments.js';
import { probeDockerEngine } from '../../../test/fixtures/dockerEngine.js';
import { exportTorchClassifier } from '../../../test/fixtures/torchModel.js';
import { mlwIn, servingSkipReason, useBundledModelWorker, useServingFolder } from './testing/servingTests.js';

// The real engine, the real bundled server, a model exported by PyTorch on a base made here.
const engine = await probeDockerEngine();
const skip = servingSkipReason(engine);
const runId = `${process.pid}-${Date.now()}`;
const base = `mlw-test/node-base:load-${runId}`;
const tag = `mlw-test/loadtest:${runId}`;
const running = `load-${runId}`;
const stopped = `load-stopped-${runId}`;

const dir = useServingFolder(engine, 'mlw-container-loadtest-', {
  containers: [running, stopped],
  images: [tag, base],
});
const { mlw, json } = mlwIn(dir);
useBundledModelWorker();

describe.skipIf(skip !== undefined)('mlw container loadtest, against the real engine', () => {
  let buildId: string;
  let first: LoadTestResult;

  beforeAll(async () => {
    await json('model', 'add', await exportTorchClassifier(dir(), 0), '--name', 'classifier');
    await json('container', 'base', '--tag', base);
    const built = buildRecordSchema.parse(
      await json('container', 'build', 'classifier', '--tag', tag, '--base', base, '--no-verify'),
    );
    expect(built.status).toBe('built');
    buildId = built.id;
    await json('container', 'run', buildId, '--name', running);
    await json('container', 'run', buildId, '--name', stopped);
    await json('container', 'stop', stopped);
  }, 300_000);

  it('load tests a running deployment for 3 s at 4 connections: every request answered, percentiles in order', async () => {
    const result = await mlw(
      '--json',
      'container',
      'loadtest',
      running,
      '--connections',
      '4',
      '--duration',
      '3',
      '--batch',
      '2',
    );
    expect(result.code, result.stderr).toBe(0);
    first = loadTestResultSchema.parse(JSON.parse(result.stdout));
    expect(first).toMatchObject({
      deployment: running,
      buildId,
      method: 'POST',
      path: '/predict',
      connections: 4,
      batch: 2,
      bodies: 16,
      errors: 0,
      non2xx: 0,
      model: { name: 'classifier', version: 1 },
    });
    expect(first.requests).toBeGreaterThan(0);
    expect(first.ok).toBe(first.requests);
    const { p50, p90, p99, max } = first.latency;
    expect(p50).not.toBeNull();
    expect(p50 ?? Infinity).toBeLessThanOrEqual(p90 ?? 0);
    expect(p90 ?? Infinity).toBeLessThanOrEqual(p99 ?? 0);
    expect(p99 ?? Infinity).toBeLessThanOrEqual(max ?? 0);
    expect(first.samples.length).toBeGreaterThanOrEqual(3);
    expect(first.samples.reduce((sum, sample) => sum + sample.requests, 0)).toBe(first.requests);
    console.log(
      `load test: ${first.rpsMean.toFixed(0)} req/s, p50 ${p50?.toFixed(2)} ms, p99 ${p99?.toFixed(2)} ms`,
    );

    const text = await mlw('container', 'loadtest', running, '-c', '2', '-n', '20');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/requests {2}20 \(/);
    expect(text.stdout).toMatch(/p50 [\d.]+ ms {2}p90 [\d.]+ ms {2}p99 [\d.]+ ms/);
  }, 60_000);

  it('refuses a stopped deployment, saying it is not running', async () => {
    const result = await mlw('container', 'loadtest', stopped, '--duration', '1');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`${stopped} is exited`);
    expect(result.stderr).toContain('mlw container run');
    const unknown = await mlw('container', 'loadtest', `nosuch-${runId}`);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain(`There is no deployment nosuch-${runId}`);
  }, 30_000);

  it('lists the load tests saved with the build, newest first', async () => {
    const listed = ((await json('container', 'loadtests', buildId)) as unknown[]).map((entry) =>
      loadTestResultSchema.parse(entry),
    );
    expect(listed).toHaveLength(2);
    expect(listed[1]).toEqual(first);
    expect(listed[0]?.requests).toBe(20);
    const files = await readdir(join(dir(), 'ws', 'builds', buildId, 'loadtests'));
    expect(files.sort()).toEqual(listed.map((entry) => `${entry.id}.json`).sort());
    const table = await mlw('container', 'loadtests', buildId);
    expect(table.stdout).toContain('REQ/S');
    // The deployment the tests ran against is still a running one.
    const shown = deploymentSchema.array().parse(await json('container', 'ps'));
    expect(shown.find((d) => d.name === running)?.state).toBe('running');
  }, 30_000);

  it('load tests v2 infer with binary tensors in and out: every body accepted; --binary on /predict is refused', async () => {
    const path = '/v2/models/classifier/infer';
    const result = await mlw(
      '--json',
      'container',
      'loadtest',
      running,
      '--path',
      path,
      '--binary',
      '-c',
      '4',
      '-n',
      '40',
      '--batch',
      '3',
    );
    expect(result.code, result.stderr).toBe(0);
    const binary = loadTestResultSchema.parse(JSON.parse(result.stdout));
    // A body the server could not read would be answered 400.
    expect(binary).toMatchObject({
      path,
      encoding: 'binary',
      requests: 40,
      ok: 40,
      non2xx: 0,
      errors: 0,
      batch: 3,
    });
    const text = await mlw('container', 'loadtest', running, '--path', path, '--binary', '-n', '8');
    expect(text.stdout).toContain('generated from the signature, binary tensors');
    const refused = await mlw('container', 'loadtest', running, '--binary', '-n', '8');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('binary tensors go to the v2 infer route (/v2/models/NAME/infer) only');
  }, 30_000);

  describe('with bodies made of rows of a data set', () => {
    let slug: string;

    beforeAll(async () => {
      // 20 rows: an id and a label besides the model's 4 features, as a real table would have.
      const rows = Array.from(
        { length: 20 },
        (_, i) =>
          `${i + 1},${5 + i / 10},${3 + i / 20},${1 + i / 5},${i / 10},${i % 2 ? 'setosa' : 'virginica'}`,
      );
      const csv = join(dir(), 'flowers.csv');
      await writeFile(
        csv,
        ['id,sepal_length,sepal_width,petal_length,petal_width,species', ...rows].join('\n'),
      );
      const imported = (await json('data', 'import', csv, '--name', 'flowers')) as {
        manifest: { slug: string };
      };
      slug = imported.manifest.slug;
    }, 60_000);

    const features = 'features=sepal_length,sepal_width,petal_length,petal_width';

    it('cycles bodies of batch rows each and records the rows it read', async () => {
      const result = await mlw(
        '--json',
        'container',
        'loadtest',
        running,
        '-c',
        '2',
        '-n',
        '40',
        '--batch',
        '3',
        '--dataset',
        slug,
        '--map',
        features,
        '--offset',
        '2',
      );
      expect(result.code, result.stderr).toBe(0);
      const saved = loadTestResultSchema.parse(JSON.parse(result.stdout));
      // 18 rows from the third: 6 bodies of 3 rows.
      expect(saved).toMatchObject({
        requests: 40,
        ok: 40,
        errors: 0,
        non2xx: 0,
        batch: 3,
        bodies: 6,
        payload: {
          kind: 'dataset',
          dataset: slug,
          rows: 18,
          offset: 2,
          mapping: { features: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] },
        },
      });
      const text = await mlw(
        'container',
        'loadtest',
        running,
        '-n',
        '10',
        '--dataset',
        slug,
        '--map',
        features,
      );
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toContain(`16 bodies from rows 1–16 of ${slug}`);
      const table = await mlw('container', 'loadtests', buildId);
      expect(table.stdout).toContain('PAYLOAD');
      expect(table.stdout).toContain(slug);
    }, 60_000);

    it('says why a data set cannot feed the model: columns that do not fit, are missing or hold text, too few rows', async () => {
      const refused = async (...extra: string[]): Promise<string> => {
        const result = await mlw('container', 'loadtest', running, '-n', '5', '--dataset', slug, ...extra);
        expect(result.code).not.toBe(0);
        return result.stderr;
      };
      // Without --map: id and the 4 features are numeric, one too many for the input.
      expect(await refused()).toContain(
        "The model's input features takes 4 values per row; flowers has 5 numeric columns (id, sepal_length, sepal_width, petal_length, petal_width), so say which fill it.",
      );
      expect(await refused()).toContain('--map INPUT=COL,COL');
      expect(await refused('--map', 'features=sepal_length,sepal_width,petal_length,nosuch')).toContain(
        'flowers has no column nosuch (mapped to features); its columns: id, sepal_length, sepal_width, petal_length, petal_width, species.',
      );
      expect(await refused('--map', 'features=sepal_length,sepal_width,petal_length,species')).toContain(
        "The model's input features takes float32 numbers; column species holds text",
      );
      expect(await refused('--map', 'features=sepal_length,sepal_width')).toContain(
        "The model's input features takes 4 values per row; 2 columns were chosen.",
      );
      expect(await refused('--map', features, '--batch', '32')).toContain(
        'flowers has 20 rows: too few for one request of 32 rows.',
      );
      expect(await refused('--map', features, '--offset', '19', '--batch', '2')).toContain(
        'flowers has 20 rows, 1 of them from row 20: too few for one request of 2 rows.',
      );
      const noDataset = await mlw('container', 'loadtest', running, '--map', features);
      expect(noDataset.stderr).toContain('--map and --offset choose rows of a data set');
    }, 60_000);

    it('verifies the image on rows of the data set; one that cannot fill the input leaves the verdict as it was', async () => {
      const verified = buildRecordSchema.parse(
        await json(
          'container',
          'verify',
          buildId,
          '--dataset',
          slug,
          '--map',
          features,
          '--samples',
          '3',
          '--batch',
          '4',
        ),
      );
      expect(verified.verification).toMatchObject({
        status: 'verified',
        samples: 3,
        batch: 4,
        payload: { kind: 'dataset', dataset: slug, rows: 12, offset: 0 },
      });
      expect(verified.verification?.routes.map((route) => route.requests)).toEqual([3, 3, 3]);
      expect(verified.verification?.message).toContain(`on 3 samples of ${slug} of batch 4`);

      const refused = await mlw('container', 'verify', buildId, '--dataset', slug);
      // Exit 2, as for any invalid input: the image was not judged.
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(
        "The model's input features takes 4 values per row; flowers has 5 numeric columns",
      );
      const { record } = (await json('container', 'show', buildId)) as { record: unknown };
      expect(buildRecordSchema.parse(record).verification).toEqual(verified.verification);
    }, 120_000);
  });
});
