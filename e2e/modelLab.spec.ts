import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeModel, type ModelSpec, type NodeSpec } from '../src/main/services/models/onnx/testModels.js';
import { expect, test } from './fixtures.js';
import { ModelsPage } from './pages/ModelsPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { saveScreenshot } from './support/screenshots.js';

const FLOAT = 1;

/**
 * A three-class scorer: x [N, 4] → MatMul W → Add b → Softmax. `scale` changes the weights;
 * `relu` adds a Relu before the MatMul (one more node and operator).
 */
function scorer(scale: number, relu: boolean): ModelSpec {
  const nodes: NodeSpec[] = [
    ...(relu ? [{ op: 'Relu', inputs: ['x'], outputs: ['xr'] }] : []),
    { op: 'MatMul', inputs: [relu ? 'xr' : 'x', 'W'], outputs: ['h'] },
    { op: 'Add', inputs: ['h', 'b'], outputs: ['logits'] },
    { op: 'Softmax', inputs: ['logits'], outputs: ['scores'], attributes: { axis: 1 } },
  ];
  return {
    opset: 17,
    graph: {
      name: 'scorer',
      nodes,
      inputs: [{ name: 'x', elemType: FLOAT, shape: ['N', 4] }],
      outputs: [{ name: 'scores', elemType: FLOAT, shape: ['N', 3] }],
      initializers: [
        {
          name: 'W',
          dataType: FLOAT,
          dims: [4, 3],
          float_data: [1, -1, 0.5, 0.2, 0.3, -0.7, -0.4, 0.9, 0.1, 0.6, -0.2, 0.8].map((w) => w * scale),
        },
        { name: 'b', dataType: FLOAT, dims: [3], float_data: [0.1, 0, -0.1] },
      ],
    },
  };
}

/** 50 chained 256 × 256 MatMuls on one shared weight: about a millisecond a run, so a long benchmark stays long enough to cancel. */
function slowChain(): ModelSpec {
  const nodes: NodeSpec[] = Array.from({ length: 50 }, (_, i) => ({
    op: 'MatMul',
    inputs: [i === 0 ? 'x' : `h${i - 1}`, 'W'],
    outputs: [i === 49 ? 'y' : `h${i}`],
  }));
  return {
    opset: 17,
    graph: {
      name: 'slow',
      nodes,
      inputs: [{ name: 'x', elemType: FLOAT, shape: [1, 256] }],
      outputs: [{ name: 'y', elemType: FLOAT, shape: [1, 256] }],
      initializers: [
        {
          name: 'W',
          dataType: FLOAT,
          dims: [256, 256],
          float_data: Array.from({ length: 65_536 }, () => 1 / 256),
        },
      ],
    },
  };
}

/** Two registered versions of `scorer`: v2 has other weights and a Relu more. */
async function twoVersions(workspace: string, models: ModelsPage): Promise<void> {
  const dir = join(workspace, 'sources');
  await mkdir(dir, { recursive: true });
  await models.add(await writeModel(dir, 'scorer-a.onnx', scorer(1, false)), 'scorer');
  await models.add(await writeModel(dir, 'scorer-b.onnx', scorer(-1.5, true)), 'scorer');
  await expect(models.detail).toHaveAttribute('data-item', 'scorer@2');
}

test('benchmarks a registered version from its tab, saves it, and lays another version over it', async ({
  app,
  host,
}) => {
  test.setTimeout(90_000);
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await twoVersions(host.workspace, models);
  await models.showTab('benchmark');
  await expect(app.getByTestId('bench-empty')).toBeVisible();
  await expect(app.getByTestId('saved-benchmarks-empty')).toBeVisible();

  const runSmall = async () => {
    await app.getByTestId('bench-batches').fill('1, 4, 16');
    await app.getByTestId('bench-threads').fill('1, 2');
    await app.getByTestId('bench-runs').fill('5');
    await app.getByTestId('bench-warmup').fill('1');
    await app.getByTestId('bench-batches').press('Enter');
    await expect(app.getByTestId('bench-results')).toBeVisible({ timeout: 30_000 });
  };
  await runSmall();
  await expect(app.getByTestId('bench-cell')).toHaveCount(6);
  await expect(app.getByTestId('bench-cell').and(app.locator('[data-status="ok"]'))).toHaveCount(6);
  await expect(app.getByTestId('bench-latency-chart')).toHaveAttribute('data-series', '2');
  // p50, p90 and p99 for each of the two thread counts.
  await expect(app.getByTestId('bench-latency-chart').locator('.recharts-line')).toHaveCount(6);
  await expect(app.getByTestId('bench-throughput-chart').locator('.recharts-bar-rectangle')).toHaveCount(6);
  await expect(app.getByTestId('bench-results')).toContainText('Timed inside the model worker');
  await expect(app.getByTestId('saved-benchmark')).toHaveCount(1);
  await expect(app.getByTestId('saved-benchmark').first()).toHaveAttribute('data-version', '2');
  await expect(app.getByTestId('saved-benchmark').first()).toHaveAttribute('aria-selected', 'true');
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-benchmark-${scheme}`);
  }

  // Version 1 lists version 2's run under other versions; its own run can take v2's as an overlay.
  await app.getByTestId('model-version').click();
  await app.getByRole('option', { name: 'v1', exact: true }).click();
  await expect(models.detail).toHaveAttribute('data-item', 'scorer@1');
  await expect(app.getByTestId('saved-benchmark')).toHaveCount(1);
  await expect(app.getByTestId('bench-empty')).toBeVisible();
  // A file in v1's benchmarks folder that is not a benchmark is named, not fatal.
  await mkdir(join(host.workspace, 'models', 'scorer', '1', 'benchmarks'), { recursive: true });
  await writeFile(join(host.workspace, 'models', 'scorer', '1', 'benchmarks', 'half-written.json'), '{"sche');
  await runSmall();
  await expect(app.getByTestId('saved-benchmark')).toHaveCount(2);
  await expect(app.getByTestId('bench-shown')).toContainText('v1');
  await expect(app.getByTestId('saved-benchmarks-skipped')).toContainText('half-written.json (Not JSON');
  await app.getByTestId('bench-overlay').click();
  await app.getByRole('option', { name: /^v2 · / }).click();
  await expect(app.getByTestId('bench-latency-chart')).toHaveAttribute('data-series', '4');
  await expect(app.getByTestId('bench-latency-chart').locator('.recharts-line')).toHaveCount(4);
  await expect(app.getByTestId('bench-legend').first()).toContainText('v2 ·');
  await expect(
    app.getByTestId('saved-benchmark').filter({ has: app.getByTestId('saved-benchmark-laid') }),
  ).toHaveAttribute('data-version', '2');
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-benchmark-overlay-${scheme}`);
  }
  await app.getByTestId('saved-benchmarks').scrollIntoViewIfNeeded();
  await saveScreenshot(app, 'models-benchmark-saved-dark');

  // Back on version 2 (read before, so shown at once): its own run, not the one just made on v1.
  await app.getByTestId('model-version').click();
  await app.getByRole('option', { name: 'v2 (latest)' }).click();
  await expect(models.detail).toHaveAttribute('data-item', 'scorer@2');
  await expect(app.getByTestId('bench-shown')).toContainText(/^v2 · /);
  await expect(app.getByTestId('bench-overlay')).toHaveValue('');
});

test('benchmarks a file without saving it, skips batches a fixed shape cannot take, and cancels', async ({
  app,
  host,
}) => {
  await mkdir(join(host.workspace, 'models'), { recursive: true });
  const fixed = scorer(1, false);
  fixed.graph.inputs = [{ name: 'x', elemType: FLOAT, shape: [1, 4] }];
  fixed.graph.outputs = [{ name: 'scores', elemType: FLOAT, shape: [1, 3] }];
  await writeModel(join(host.workspace, 'models'), 'scorer-fixed-batch.onnx', fixed);
  await writeModel(join(host.workspace, 'models'), 'slow-chain.onnx', slowChain());
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');

  // A benchmark of about a hundred seconds is cancelled from its progress bar.
  await models.open('models/slow-chain.onnx');
  await models.showTab('benchmark');
  await app.getByTestId('bench-batches').fill('1');
  await app.getByTestId('bench-threads').fill('1');
  await app.getByTestId('bench-runs').fill('100000');
  await app.getByTestId('bench-start').click();
  await expect(app.getByTestId('bench-progress')).toBeVisible();
  await saveScreenshot(app, 'models-benchmark-running-light');
  await app.getByTestId('bench-progress-cancel').click();
  await expect(app.getByTestId('bench-cancelled')).toBeVisible({ timeout: 15_000 });
  await expect(app.getByTestId('bench-progress')).toHaveCount(0);

  await models.open('models/scorer-fixed-batch.onnx');
  await models.showTab('compare');
  await expect(app.getByTestId('compare-empty')).toContainText('Nothing to compare with');
  await models.showTab('benchmark');
  await expect(app.getByTestId('bench-not-saved')).toContainText('not saved');
  await expect(app.getByTestId('saved-benchmarks')).toHaveCount(0);

  await app.getByTestId('bench-runs').fill('3');
  await app.getByTestId('bench-batches').fill('1, 4');
  await app.getByTestId('bench-threads').fill('0');
  await app.getByTestId('bench-threads').press('Enter');
  await expect(app.getByTestId('bench-form')).toContainText('“0” is not a whole number from 1 to 256');
  await app.getByTestId('bench-threads').fill('1');
  await app.getByTestId('bench-threads').press('Enter');
  await expect(app.getByTestId('bench-cell')).toHaveCount(2);
  await expect(app.getByTestId('bench-cell').nth(0)).toHaveAttribute('data-status', 'ok');
  await expect(app.getByTestId('bench-cell').nth(1)).toHaveAttribute('data-status', 'skipped');
  await expect(app.getByTestId('bench-cell').nth(1)).toContainText('cannot take a batch of 4');
  await expect(app.getByTestId('bench-shown')).not.toContainText(/\bv\d/);
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-benchmark-file-${scheme}`);
  }
});

test('compares two versions of a registered model: structure, weights and output agreement', async ({
  app,
  host,
}) => {
  test.setTimeout(90_000);
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await twoVersions(host.workspace, models);
  // One saved benchmark of v2, so the comparison has figures for one side.
  await models.showTab('benchmark');
  await app.getByTestId('bench-batches').fill('1');
  await app.getByTestId('bench-threads').fill('1');
  await app.getByTestId('bench-runs').fill('3');
  await app.getByTestId('bench-batches').press('Enter');
  await expect(app.getByTestId('saved-benchmark')).toHaveCount(1, { timeout: 30_000 });

  await models.showTab('compare');
  await expect(app.getByTestId('compare-idle')).toBeVisible();
  await expect(app.getByTestId('compare-other')).toHaveValue('scorer v1');
  await app.getByTestId('compare-samples').fill('8');
  await app.getByTestId('compare-samples').press('Enter');
  await expect(app.getByTestId('compare-results')).toBeVisible({ timeout: 30_000 });
  await expect(app.getByTestId('compare-verdict')).toHaveAttribute('data-tone', 'differ');
  await expect(app.getByTestId('compare-verdict')).toContainText(
    /Labels differ on [1-8] of 8 items \(8 samples\)/,
  );
  await expect(app.getByTestId('diff-operator')).toHaveCount(1);
  await expect(app.getByTestId('diff-operator')).toContainText('Relu');
  await expect(app.getByTestId('diff-operator')).toContainText('+1');
  await expect(app.getByTestId('diff-size-nodes')).toContainText('3');
  await expect(app.getByTestId('diff-size-nodes')).toContainText('4');
  await expect(app.getByTestId('diff-signature-row').and(app.locator('[data-same="true"]'))).toHaveCount(2);
  await expect(app.getByTestId('diff-initializers')).toContainText('the same names and shapes');
  await expect(app.getByTestId('diff-agreement-row')).toHaveCount(1);
  await expect(app.getByTestId('diff-benchmark-row')).toHaveCount(1);
  await expect(app.getByTestId('diff-benchmarks')).toContainText('A: none saved');
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-compare-${scheme}`);
  }

  // A model that takes another input cannot be fed the same inputs: the reason is shown.
  const renamed = scorer(1, false);
  renamed.graph.inputs = [{ name: 'features', elemType: FLOAT, shape: ['N', 4] }];
  renamed.graph.nodes[0]!.inputs = ['features', 'W'];
  await models.add(
    await writeModel(join(host.workspace, 'sources'), 'renamed.onnx', renamed),
    'renamed-scorer',
  );
  await models.showTab('compare');
  await app.getByTestId('compare-other').click();
  await app.getByRole('option', { name: 'scorer v2' }).click();
  await app.getByTestId('compare-start').click();
  await expect(app.getByTestId('compare-verdict')).toHaveAttribute('data-tone', 'unknown', {
    timeout: 30_000,
  });
  await expect(app.getByTestId('diff-agreement-reason')).toContainText('different inputs');
  await expect(app.getByTestId('diff-signature-row').and(app.locator('[data-same="false"]'))).toHaveCount(2);
  await saveScreenshot(app, 'models-compare-inputs-differ-dark');
});

test('asks for named dimension sizes, then says why a model that does not load cannot be benchmarked', async ({
  app,
  host,
}) => {
  // A symbolic `sequence` after the batch, and an Add reading a value nothing makes: ORT refuses it.
  const broken: ModelSpec = {
    opset: 17,
    graph: {
      name: 'broken',
      nodes: [{ op: 'Add', inputs: ['tokens', 'nowhere'], outputs: ['y'] }],
      inputs: [{ name: 'tokens', elemType: FLOAT, shape: ['batch', 'sequence'] }],
      outputs: [{ name: 'y', elemType: FLOAT, shape: ['batch', 'sequence'] }],
    },
  };
  await mkdir(join(host.workspace, 'models'), { recursive: true });
  await writeModel(join(host.workspace, 'models'), 'broken.onnx', broken);
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await models.open('models/broken.onnx');
  await models.showTab('benchmark');
  await expect(app.getByTestId('bench-empty')).toBeVisible();
  await app.getByTestId('bench-runs').fill('3');
  await app.getByTestId('bench-runs').press('Enter');
  await expect(app.getByTestId('bench-form')).toContainText('Give “sequence” a size');
  await app.getByTestId('bench-dim-sequence').fill('8');
  await app.getByTestId('bench-dim-sequence').press('Enter');
  await expect(app.getByTestId('error-alert')).toContainText('The benchmark failed', { timeout: 30_000 });
  await expect(app.getByTestId('bench-results')).toHaveCount(0);
  await expect(app.getByTestId('bench-empty')).toHaveCount(0);
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-benchmark-error-${scheme}`);
  }
});
