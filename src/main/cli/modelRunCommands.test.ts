import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONNX_TESTDATA, onnxTestDataSkipReason } from '../../../test/fixtures/onnxTestData.js';
import { python, pythonOnnxSkipReason } from '../../../test/fixtures/numpy.js';
import { benchResultSchema, diffResultSchema } from '../../shared/contract/modelLab.js';
import { buildModelWorker } from '../services/models/runtime/testing/buildWorker.js';
import { runMlw } from './testing/runMlw.js';

const skipReason = onnxTestDataSkipReason() ?? pythonOnnxSkipReason();
const repo = resolve(import.meta.dirname, '../../..');
let dir: string;
let workspace: string;
let worker: string;
let previousWorker: string | undefined;
let add: string;
const mlw = (...argv: string[]) => runMlw(workspace, argv);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-run-cli-'));
  workspace = join(dir, 'ws');
  if (skipReason !== undefined) return;
  worker = await buildModelWorker();
  previousWorker = process.env.MLW_MODEL_WORKER;
  process.env.MLW_MODEL_WORKER = worker;
  add = join(dir, 'add.onnx');
  await copyFile(join(ONNX_TESTDATA, 'node', 'test_add', 'model.onnx'), add);
  python(
    `
import numpy as np, sys
d = sys.argv[1]
rng = np.random.default_rng(3)
x = rng.standard_normal((3, 4, 5)).astype(np.float32)
y = rng.standard_normal((3, 4, 5)).astype(np.float32)
np.save(f'{d}/x.npy', x); np.save(f'{d}/y.npy', y)
xn = x.copy(); xn[0, 0, 0] = np.nan; xn[2, 3, 4] = np.nan
np.save(f'{d}/x_nan.npy', xn)
np.save(f'{d}/x64.npy', x.astype(np.float64))
np.save(f'{d}/x_small.npy', x[:2])
np.savez(f'{d}/xy.npz', x=x, y=y)
`,
    [dir],
  );
  const script = join(repo, 'bench', 'make_cnn_model.py');
  for (const seed of [1, 2])
    python(
      `import sys, pathlib\nsrc = pathlib.Path(sys.argv[1]).read_text().replace('default_rng(7)', 'default_rng(${seed})')\nsys.argv = sys.argv[1:]\nexec(compile(src, 'make_cnn_model.py', 'exec'))`,
      [script, join(dir, `cnn-${seed}.onnx`)],
    );
}, 120_000);

afterAll(async () => {
  if (previousWorker === undefined) delete process.env.MLW_MODEL_WORKER;
  else process.env.MLW_MODEL_WORKER = previousWorker;
  await rm(dir, { recursive: true, force: true });
  if (worker) await rm(worker, { force: true });
});

interface RunSummary {
  outputs: Record<
    string,
    { dtype: string; shape: number[]; min: number; max: number; mean: number; nanCount: number; file: string }
  >;
  runMs: number;
}

describe.skipIf(skipReason !== undefined)('mlw model run', () => {
  it('runs .npy inputs and writes .npy outputs numpy reads back as x + y', async () => {
    const out = join(dir, 'out');
    const { code, stdout, stderr } = await mlw(
      'model',
      'run',
      add,
      '--input',
      `x=${join(dir, 'x.npy')}`,
      '--input',
      `y=${join(dir, 'y.npy')}`,
      '--out',
      out,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as RunSummary;
    expect(summary.runMs).toBeGreaterThan(0);
    expect(summary.outputs.sum).toMatchObject({
      dtype: 'float32',
      shape: [3, 4, 5],
      nanCount: 0,
      file: join(out, 'sum.npy'),
    });
    const check = python(
      `
import numpy as np, sys, json
d = sys.argv[1]
s = np.load(f'{d}/out/sum.npy'); e = np.load(f'{d}/x.npy') + np.load(f'{d}/y.npy')
print(json.dumps({'equal': bool(np.array_equal(s, e)), 'min': float(s.min()), 'max': float(s.max()), 'mean': float(s.mean(dtype=np.float64))}))
`,
      [dir],
    );
    const expected = JSON.parse(check) as { equal: boolean; min: number; max: number; mean: number };
    expect(expected.equal).toBe(true);
    expect(summary.outputs.sum?.min).toBeCloseTo(expected.min, 6);
    expect(summary.outputs.sum?.max).toBeCloseTo(expected.max, 6);
    expect(summary.outputs.sum?.mean).toBeCloseTo(expected.mean, 5);
  });

  it('takes inputs from an .npz archive and from JSON, object form or nested arrays with --type', async () => {
    const npz = await mlw('model', 'run', add, '--npz', join(dir, 'xy.npz'), '--out', join(dir, 'out-npz'));
    expect(npz.code).toBe(0);
    const ones = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => [1, 2, 3, 4, 5]));
    await writeFile(
      join(dir, 'x.json'),
      JSON.stringify({ dims: [3, 4, 5], type: 'float32', data: ones.flat(2) }),
    );
    await writeFile(join(dir, 'y.json'), JSON.stringify(ones));
    const json = await mlw(
      'model',
      'run',
      add,
      '--input',
      `x=${join(dir, 'x.json')}`,
      '--input',
      `y=${join(dir, 'y.json')}`,
      '--type',
      'float32',
      '--out',
      join(dir, 'out-json'),
    );
    expect(json.stderr).toBe('');
    const summary = JSON.parse(json.stdout) as RunSummary;
    expect(summary.outputs.sum).toMatchObject({ min: 2, max: 10, mean: 6 });
  });

  it('counts NaNs, which propagate through the model', async () => {
    const { code, stdout } = await mlw(
      'model',
      'run',
      add,
      '--input',
      `x=${join(dir, 'x_nan.npy')}`,
      '--input',
      `y=${join(dir, 'y.npy')}`,
      '--out',
      join(dir, 'out-nan'),
    );
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as RunSummary;
    expect(summary.outputs.sum?.nanCount).toBe(2);
    expect(Number.isFinite(summary.outputs.sum?.mean)).toBe(true);
  });

  it('names the input and what it expected for a wrong dtype, a wrong shape or a missing input', async () => {
    const y = `y=${join(dir, 'y.npy')}`;
    const dtype = await mlw(
      'model',
      'run',
      add,
      '--input',
      `x=${join(dir, 'x64.npy')}`,
      '--input',
      y,
      '--out',
      join(dir, 'o'),
    );
    expect(dtype.code).toBe(1);
    expect(dtype.stderr).toMatch(/input x: expected float32 \[3, 4, 5\], got float64 \[3, 4, 5\]/);
    const shape = await mlw(
      'model',
      'run',
      add,
      '--input',
      `x=${join(dir, 'x_small.npy')}`,
      '--input',
      y,
      '--out',
      join(dir, 'o'),
    );
    expect(shape.code).toBe(1);
    expect(shape.stderr).toMatch(/expected float32 \[3, 4, 5\], got float32 \[2, 4, 5\]/);
    const missing = await mlw('--json', 'model', 'run', add, '--input', y, '--out', join(dir, 'o'));
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({
      error: { code: 'TENSOR_SHAPE', message: expect.stringMatching(/input x is missing/) as unknown },
    });
    const usage = await mlw('model', 'run', add, '--input', 'x', '--out', join(dir, 'o'));
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--input takes NAME=FILE/);
  });
});

describe.skipIf(skipReason !== undefined)('mlw model bench and diff', () => {
  it('benchmarks a path and prints a table, or the result as JSON', async () => {
    const table = await mlw('model', 'bench', add, '--runs', '5', '--warmup', '1', '--threads', '1,2');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/batch\s+threads\s+p50\s+p90\s+p99/);
    const json = await mlw(
      '--json',
      'model',
      'bench',
      join(dir, 'cnn-1.onnx'),
      '--batch',
      '1,2',
      '--runs',
      '3',
      '--warmup',
      '1',
    );
    expect(json.code).toBe(0);
    const result = benchResultSchema.parse(JSON.parse(json.stdout));
    expect(result.cells.map((c) => [c.batch, c.status])).toEqual([
      [1, 'ok'],
      [2, 'ok'],
    ]);
    expect(result.savedTo).toBeNull();
    const bad = await mlw('model', 'bench', add, '--batch', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--batch takes whole numbers/);
    const level = await mlw('model', 'bench', add, '--runs', '2', '--optimization', 'basic', '--json');
    expect(benchResultSchema.parse(JSON.parse(level.stdout)).settings).toMatchObject({
      graphOptimization: 'basic',
      executionProvider: 'cpu',
    });
  });

  it('takes session options, lists the providers, and says when a provider is missing here', async () => {
    const out = join(dir, 'out-options');
    const options = ['--optimization', 'disabled', '--intra-threads', '1', '--inter-threads', '2'];
    const run = await mlw('model', 'run', add, '--npz', join(dir, 'xy.npz'), '--out', out, ...options);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ outputs: { sum: { shape: [3, 4, 5] } } });

    const providers = await mlw('model', 'providers');
    expect(providers.code).toBe(0);
    expect(providers.stdout).toMatch(/^cpu\s+yes\s+Always available\.$/m);

    const cuda = await mlw('model', 'run', add, '--npz', join(dir, 'xy.npz'), '--out', out, '--ep', 'cuda');
    expect(cuda.code).toBe(2);
    expect(cuda.stderr).toMatch(/The cuda execution provider is not available on this machine/);
    const unknown = await mlw('model', 'run', add, '--out', out, '--ep', 'tpu');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--ep must be one of cpu, cuda, tensorrt, webgpu, dml, coreml, not "tpu"/);
  });

  it('keeps a registry model’s benchmark beside its version, and diff shows it', async () => {
    const added = await mlw('model', 'add', join(dir, 'cnn-1.onnx'), '--name', 'cnn');
    expect(added.code, added.stderr).toBe(0);
    const bench = await mlw('--json', 'model', 'bench', 'cnn@1', '--runs', '3', '--warmup', '1');
    expect(bench.code, bench.stderr).toBe(0);
    const result = benchResultSchema.parse(JSON.parse(bench.stdout));
    expect(result.model.ref).toBe('cnn@1');
    expect(result.savedTo).toMatch(/^models\/cnn\/1\/benchmarks\/\d{4}-\d\d-\d\dT.*\.json$/);
    expect(await readdir(join(workspace, 'models', 'cnn', '1', 'benchmarks'))).toHaveLength(1);
    const diff = await mlw('--json', 'model', 'diff', 'cnn', join(dir, 'cnn-2.onnx'), '--samples', '3');
    expect(diff.code, diff.stderr).toBe(0);
    const compared = diffResultSchema.parse(JSON.parse(diff.stdout));
    expect(compared.benchmarks.a?.createdAt).toBe(result.createdAt);
    expect(compared.benchmarks.b).toBeNull();
    expect(compared.agreement).toMatchObject({ compared: true, samples: 3 });
    expect(compared.agreement.outputs[0]?.classifier).toBe('scores');
    const human = await mlw('model', 'diff', 'cnn@1', join(dir, 'cnn-2.onnx'), '--samples', '2');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Signature: the same/);
    expect(human.stdout).toMatch(/probabilities/);

    // The saved run is listed per version; a file is refused, and an empty version says how to make one.
    const listed = await mlw('model', 'benchmarks', 'cnn');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(
      /^version\s+saved \(UTC\)\s+provider\s+batch\s+threads\s+p50\s+p99\s+items\/s$/m,
    );
    expect(listed.stdout).toMatch(/^v1\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+cpu\/all\s+1\s+1\s+[\d.]+ ms/m);
    const json = await mlw('--json', 'model', 'benchmarks', 'cnn@1');
    expect(JSON.parse(json.stdout)).toMatchObject({ benchmarks: [{ version: 1 }], skipped: [] });
    const file = await mlw('model', 'benchmarks', join(dir, 'cnn-2.onnx'));
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/only registered models keep benchmarks/);
    await mlw('model', 'add', join(dir, 'cnn-2.onnx'), '--name', 'cnn');
    const none = await mlw('model', 'benchmarks', 'cnn@2');
    expect(none.stdout).toMatch(/No saved benchmarks/);
  });
});
