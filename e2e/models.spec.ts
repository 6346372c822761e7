import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeModel, type ModelSpec, type NodeSpec } from '../src/main/services/models/onnx/testModels.js';
import { expect, test } from './fixtures.js';
import { ModelsPage } from './pages/ModelsPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { frameTimes } from './support/frameTimes.js';
import { saveScreenshot } from './support/screenshots.js';

const SUITE = '/usr/share/libonnx-testdata/data/node';
const FLOAT = 1;

/** Copies ONNX's own test-suite models into <workspace>/models/ under their test names. */
async function copySuiteModels(workspace: string, names: string[]): Promise<void> {
  await mkdir(join(workspace, 'models'), { recursive: true });
  for (const name of names)
    await copyFile(join(SUITE, name, 'model.onnx'), join(workspace, 'models', `${name}.onnx`));
}

const LONG = 'encoder_layer_11_self_attention_output_projection_with_a_really_long_generated_name';

/** A small model with symbolic dims, metadata, long names, and a node reading a value nobody makes. */
function checkedModel(): ModelSpec {
  const nodes: NodeSpec[] = [
    { op: 'Relu', name: `${LONG}/relu`, inputs: ['input_ids_with_a_long_name'], outputs: ['r'] },
    { op: 'Add', name: 'add_missing', inputs: ['r', 'nowhere'], outputs: ['logits'] },
  ];
  return {
    producer: { name: 'e2e-builder', version: '1.0' },
    metadata: { author: 'workbench e2e', converted_from: 'a PyTorch module with a long description' },
    opset: 17,
    graph: {
      name: 'checked',
      nodes,
      inputs: [{ name: 'input_ids_with_a_long_name', elemType: FLOAT, shape: ['batch', 'sequence', 768] }],
      outputs: [{ name: 'logits', elemType: FLOAT, shape: ['batch', 'sequence', 768] }],
    },
  };
}

/** `blocks` gated residual blocks (Relu, Sigmoid, Mul, Add), four nodes each, weights-free. */
function bigModel(blocks: number): ModelSpec {
  const nodes: NodeSpec[] = [];
  let previous = 'x';
  for (let b = 0; b < blocks; b++) {
    nodes.push(
      { op: 'Relu', name: `block${b}/act`, inputs: [previous], outputs: [`b${b}a`] },
      { op: 'Sigmoid', name: `block${b}/gate`, inputs: [previous], outputs: [`b${b}g`] },
      { op: 'Mul', name: `block${b}/mul`, inputs: [`b${b}a`, `b${b}g`], outputs: [`b${b}m`] },
      { op: 'Add', name: `block${b}/residual`, inputs: [`b${b}m`, previous], outputs: [`b${b}out`] },
    );
    previous = `b${b}out`;
  }
  return {
    opset: 17,
    graph: {
      name: 'big',
      nodes,
      inputs: [{ name: 'x', elemType: FLOAT, shape: ['N', 256] }],
      outputs: [{ name: previous, elemType: FLOAT, shape: ['N', 256] }],
    },
  };
}

test('opens a model by path and shows its signature, operators and weights', async ({ app, host }) => {
  await copySuiteModels(host.workspace, ['test_conv_with_strides_padding', 'test_gemm_default_vector_bias']);
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await models.open('models/test_conv_with_strides_padding.onnx');

  await expect(models.name).toHaveText('test_conv_with_strides_padding.onnx');
  await expect(models.signatureRows).toHaveCount(3);
  await expect(models.signatureRows.first()).toContainText('float32');
  await expect(models.signatureRows.first()).toContainText('[1, 1, 7, 5]');
  await expect(models.fact('opsets')).toContainText('ai.onnx');
  await expect(models.fact('nodes')).toHaveText('1');
  await expect(app.getByTestId('operator-chart')).toBeVisible();
  await expect(models.fileItems).toHaveCount(1);

  // A second model joins the list; the first is one click away.
  await models.open('models/test_gemm_default_vector_bias.onnx');
  await expect(models.fileItems).toHaveCount(2);
  await models.fileItems.filter({ hasText: 'test_conv_with_strides_padding' }).click();
  await expect(models.name).toHaveText('test_conv_with_strides_padding.onnx');

  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-overview-${scheme}`);
  }
});

test('adds models to the registry, switches versions and moves them to the trash', async ({ app }) => {
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await expect(app.getByTestId('models-empty')).toBeVisible();

  await models.add(
    join(SUITE, 'test_relu', 'model.onnx'),
    'activation-probe',
    'A single Relu from the ONNX suite',
  );
  await expect(models.name).toHaveText('activation-probe');
  await expect(app.getByTestId('model-version-badge')).toHaveText('v1');
  await expect(app.getByTestId('model-description')).toHaveText('A single Relu from the ONNX suite');
  await expect(models.signatureRows).toHaveCount(2);
  await expect(models.listItems).toHaveCount(1);

  // The same name again makes version 2; the picker goes back to version 1.
  await models.add(join(SUITE, 'test_sigmoid', 'model.onnx'), 'activation-probe');
  await expect(app.getByTestId('model-version')).toHaveValue('v2 (latest)');
  await expect(models.detail).toHaveAttribute('data-item', 'activation-probe@2');
  await expect(models.listItems.first()).toContainText('2 versions');
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-registry-${scheme}`);
  }
  // The Overview lists both versions side by side, newest first; Relu → Sigmoid kept the signature.
  const versionRows = app.getByTestId('model-version-row');
  await expect(versionRows).toHaveCount(2);
  await expect(versionRows.first()).toHaveAttribute('data-version', '2');
  await expect(versionRows.first()).toHaveAttribute('data-current', 'true');
  await expect(app.getByTestId('signature-changed')).toHaveCount(0);
  await versionRows.nth(1).click();
  await expect(models.detail).toHaveAttribute('data-item', 'activation-probe@1');
  await expect(app.getByTestId('model-version-row').nth(1)).toHaveAttribute('data-current', 'true');
  await app.getByTestId('model-version').click();
  await app.getByRole('option', { name: 'v2 (latest)', exact: true }).click();
  await expect(models.detail).toHaveAttribute('data-item', 'activation-probe@2');
  await app.getByTestId('model-version').click();
  await app.getByRole('option', { name: 'v1', exact: true }).click();
  await expect(models.detail).toHaveAttribute('data-item', 'activation-probe@1');
  await models.showTab('graph');
  await models.waitForGraph();
  await expect(app.getByTestId('graph-size')).toHaveText('1 node');

  await models.delete('version');
  await expect(models.detail).toHaveAttribute('data-item', 'activation-probe');
  await expect(models.listItems.first()).toContainText('1 version');
  await models.delete('all');
  await expect(app.getByTestId('models-empty')).toBeVisible();
  await expect(app.getByTestId('models-start')).toBeVisible();
  await saveScreenshot(app, 'models-empty-dark');
});

test('opens the branches of an If node and comes back', async ({ app, host }) => {
  await copySuiteModels(host.workspace, ['test_if']);
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await models.open('models/test_if.onnx');
  await models.showTab('graph');
  await models.waitForGraph();
  await models.search.fill('If');
  await models.search.press('Enter');
  await expect(app.getByTestId('node-details-op')).toHaveText('If');
  await expect(app.getByTestId('open-subgraph')).toHaveCount(2);
  await app.getByTestId('open-subgraph').first().click();
  await expect(app.getByTestId('graph-trail')).toContainText('If');
  await models.waitForGraph();
  await expect(models.details).toBeHidden();
  await saveScreenshot(app, 'models-graph-subgraph-light');
  await app.getByTestId('graph-trail-link').click();
  await expect(app.getByTestId('graph-trail')).toBeHidden();
  await models.waitForGraph();
});

test('a path outside the workspace or a missing file says so', async ({ app }) => {
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await models.page.getByTestId('model-path').fill('models/nothing-here.onnx');
  await models.page.getByTestId('model-path').press('Enter');
  await expect(app.getByTestId('model-error')).toContainText(/nothing-here\.onnx/);
});

test('finds a node in the graph, shows its details, and links a finding to its node', async ({
  app,
  host,
}) => {
  await mkdir(join(host.workspace, 'models'), { recursive: true });
  await writeModel(join(host.workspace, 'models'), `${LONG}.onnx`, checkedModel());
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await models.open(`models/${LONG}.onnx`);

  // Symbolic dims are shown by name.
  await expect(models.signatureRows.first()).toContainText('[batch, sequence, 768]');
  await expect(app.getByTestId('model-metadata')).toContainText('workbench e2e');

  await models.showTab('graph');
  await models.waitForGraph();
  await models.page.keyboard.press('/');
  await expect(models.search).toBeFocused();
  await models.search.fill('relu');
  await expect(models.searchCount).toHaveText('0 / 1');
  await models.search.press('Enter');
  await expect(models.searchCount).toHaveText('1 / 1');
  await expect(models.details).toContainText(`${LONG}/relu`);
  await models.page.keyboard.press('Escape');
  await expect(models.details).toBeHidden();

  // The edge into the match shows its tensor's shape on hover.
  const box = await models.canvas.boundingBox();
  if (!box) throw new Error('no canvas');
  await app.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 24);
  await expect(app.getByTestId('edge-tooltip')).toContainText('input_ids_with_a_long_name');
  await expect(app.getByTestId('edge-tooltip')).toContainText('float32 [batch, sequence, 768]');

  // The match stays centred: a click there selects it.
  await models.clickCanvasCenter();
  await expect(models.details).toBeVisible();
  await expect(app.getByTestId('node-details-op')).toHaveText('Relu');
  await expect(app.getByTestId('node-details-inputs')).toContainText('float32 [batch, sequence, 768]');
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-graph-node-${scheme}`);
  }

  // Keyboard zoom: + zooms in, 0 fits again.
  const zoomBefore = Number(await models.graph.getAttribute('data-zoom'));
  await app.locator('body').click({ position: { x: 5, y: 5 } });
  await models.page.keyboard.press('+');
  await expect
    .poll(async () => Number(await models.graph.getAttribute('data-zoom')))
    .toBeGreaterThan(zoomBefore);

  await models.showTab('check');
  await expect(models.findings.first()).toHaveAttribute('data-severity', 'error');
  await expect(models.findings.first()).toContainText('DANGLING_INPUT');
  await saveScreenshot(app, 'models-check-dark');
  await models.findings.first().getByTestId('finding-node-link').click();
  await models.waitForGraph();
  await expect(app.getByTestId('node-details-name')).toHaveText('add_missing');
});

test('lays out and draws a 3,000-node graph off the UI thread', async ({ app, host }) => {
  test.setTimeout(120_000);
  await mkdir(join(host.workspace, 'models'), { recursive: true });
  await writeModel(join(host.workspace, 'models'), 'gated-residual-3000.onnx', bigModel(750));
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await models.open('models/gated-residual-3000.onnx');
  await expect(models.fact('nodes')).toHaveText('3,000');

  const started = Date.now();
  await models.showTab('graph');
  // The layout now often finishes before the "Laying out" overlay can be seen: either will do.
  await expect(app.getByTestId('graph-layout-running').or(models.canvas)).toBeVisible();
  await models.waitForGraph(60_000);
  const wall = Date.now() - started;
  const layoutMs = await models.graph.getAttribute('data-layout-ms');
  const totalMs = await models.graph.getAttribute('data-layout-total-ms');
  const paintMs = await models.graph.getAttribute('data-first-paint-ms');
  console.log(
    `3,000-node graph: layout ${layoutMs} ms in the worker, ${totalMs} ms with the hop, first paint ${paintMs} ms after opening the tab, ${wall} ms wall clock from the click`,
  );
  test.info().annotations.push({
    type: 'graph-3000',
    description: `layout ${layoutMs} ms, first paint ${paintMs} ms`,
  });
  // The goal is 1.5 s (bench/graph-layout.mjs and docs/benchmarks.md record the real figure); the
  // margin is for a loaded CI machine. dagre took 7.6 s here.
  expect(Number(paintMs)).toBeLessThan(5_000);

  // The UI thread stays free while drawing: a search through 3,000 nodes answers at once.
  await models.search.fill('block700/gate');
  await models.search.press('Enter');
  await expect(app.getByTestId('node-details-name')).toHaveText('block700/gate');
  await expect(app.getByTestId('node-details-op')).toHaveText('Sigmoid');
  await saveScreenshot(app, 'models-graph-3000-node');
  await models.page.keyboard.press('Escape');
  await app.getByTestId('graph-fit').click();
  await saveScreenshot(app, 'models-graph-3000-fit');

  // Repaints while panning: at fit (every box on screen, no text) and at 80 % around a node (text,
  // arrowheads and shape labels, most boxes culled).
  const canvas = await models.canvas.boundingBox();
  if (!canvas) throw new Error('no canvas');
  const paints: { boxes: number; ms: number }[] = [];
  const cx = canvas.x + canvas.width / 2;
  const cy = canvas.y + canvas.height / 2;
  const panBackAndForth = async () => {
    for (let i = 0; i < 6; i++) {
      const dy = i % 2 === 0 ? 60 : -60;
      await app.mouse.move(cx, cy);
      await app.mouse.down();
      await app.mouse.move(cx + 10, cy + dy, { steps: 2 });
      await app.mouse.up();
      await app.waitForTimeout(50);
      paints.push({
        boxes: Number(await models.graph.getAttribute('data-paint-boxes')),
        ms: Number(await models.graph.getAttribute('data-paint-ms')),
      });
    }
  };
  await panBackAndForth();
  await models.search.fill('block400/mul');
  await models.search.press('Enter');
  await app.keyboard.press('Escape');
  await panBackAndForth();
  console.log(
    `repaints while panning (boxes drawn: ms): ${paints.map((p) => `${p.boxes}: ${p.ms}`).join(', ')}`,
  );
  expect(paints.every((p) => p.boxes > 0)).toBe(true);
  expect(Math.max(...paints.map((p) => p.ms))).toBeLessThan(100);
});

test('opens a 30,000-node graph, pans and zooms it smoothly and finds a node at once', async ({
  app,
  host,
}) => {
  test.setTimeout(180_000);
  await mkdir(join(host.workspace, 'models'), { recursive: true });
  await writeModel(join(host.workspace, 'models'), 'gated-residual-30000.onnx', bigModel(7500));
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await models.open('models/gated-residual-30000.onnx');
  await expect(models.fact('nodes')).toHaveText('30,000');

  const started = Date.now();
  await models.showTab('graph');
  await models.waitForGraph(60_000);
  const wall = Date.now() - started;
  const paintMs = Number(await models.graph.getAttribute('data-first-paint-ms'));
  const layoutMs = await models.graph.getAttribute('data-layout-ms');
  console.log(
    `30,000-node graph: layout ${layoutMs} ms in the worker, first paint ${paintMs} ms, ${wall} ms wall clock`,
  );
  // Goal 10 s; the margin is for a loaded CI machine.
  expect(paintMs).toBeLessThan(20_000);
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-graph-30000-fit-${scheme}`);
  }

  const canvas = await models.canvas.boundingBox();
  if (!canvas) throw new Error('no canvas');
  const cx = canvas.x + canvas.width / 2;
  const cy = canvas.y + canvas.height / 2;
  const pan = async () => {
    await app.mouse.move(cx, cy);
    await app.mouse.down();
    for (let i = 0; i < 30; i++) await app.mouse.move(cx + (i % 10) * 4, cy + ((i % 7) - 3) * 12);
    await app.mouse.up();
  };
  const zoom = async () => {
    await app.mouse.move(cx, cy);
    for (let i = 0; i < 12; i++) await app.mouse.wheel(0, i < 6 ? -120 : 120);
    await app.waitForTimeout(100);
  };
  const atFit = await frameTimes(app, async () => {
    await pan();
    await zoom();
  });

  // Search answers at once and centres the hit, at a zoom where text is drawn.
  const searchStarted = Date.now();
  await models.search.fill('block7300/gate');
  await models.search.press('Enter');
  await expect(app.getByTestId('node-details-name')).toHaveText('block7300/gate');
  const searchMs = Date.now() - searchStarted;
  await expect(models.searchCount).toHaveText('1 / 1');
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-graph-30000-node-${scheme}`);
  }
  await app.keyboard.press('Escape');
  const close = await frameTimes(app, async () => {
    await pan();
    await zoom();
  });
  const show = (f: typeof atFit) =>
    `${f.count} frames, p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, longest ${f.max.toFixed(1)} ms`;
  console.log(
    `30,000 nodes, pan and zoom at fit: ${show(atFit)}; around a node: ${show(close)}; search ${searchMs} ms`,
  );
  // Smooth means no frame anywhere near a second even on a loaded machine; the bench records p95.
  expect(atFit.max).toBeLessThan(1_000);
  expect(close.max).toBeLessThan(1_000);
  expect(searchMs).toBeLessThan(3_000);
});

test('runs a model on typed inputs and ranks a softmax output', async ({ app, host }) => {
  await copySuiteModels(host.workspace, ['test_softmax_example']);
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await models.open('models/test_softmax_example.onnx');
  await models.showTab('run');

  const input = app.getByTestId('run-input');
  await expect(input).toHaveCount(1);
  await expect(input).toContainText('float32');
  await expect(input.getByTestId('run-input-shape')).toHaveText('[1, 3]');

  // A wrong count for the shape is caught before anything is sent.
  const values = input.getByTestId('run-input-values');
  await values.fill('[1, 2]');
  await app.getByTestId('run-button').click();
  await expect(input.getByTestId('run-input-problem')).toHaveText('Shape [1, 3] takes 3 values; got 2.');
  await expect(app.getByTestId('run-outputs')).toHaveCount(0);
  await values.fill('[[1, "two", 3]]');
  await app.getByTestId('run-button').click();
  await expect(input.getByTestId('run-input-problem')).toHaveText('Value 2 ("two") is not a number.');

  // Zeros fills the shape; typed values run with Ctrl+Enter.
  await input.getByTestId('run-input-zeros').click();
  await expect(values).toHaveValue('[[0,0,0]]');
  await values.fill('[[1, 3, 2]]');
  await app.getByTestId('run-optimization').getByText('basic').click();
  // The providers are the worker's own list: CPU is chosen, CUDA is shown but cannot be (not installed here).
  await expect(app.getByTestId('run-provider')).toHaveValue('cpu');
  await app.getByTestId('run-provider').click();
  await expect(app.getByRole('option', { name: 'cuda (not installed)' })).toHaveAttribute(
    'data-combobox-disabled',
    'true',
  );
  await app.keyboard.press('Escape');
  await app.getByTestId('run-inter-threads').click();
  await app.getByRole('option', { name: '2', exact: true }).click();
  await expect(app.getByTestId('run-inter-threads')).toHaveValue('2');
  await values.press('Control+Enter');

  const output = app.getByTestId('run-output');
  await expect(output).toHaveCount(1);
  await expect(output).toHaveAttribute('data-name', 'y');
  await expect(output.getByTestId('run-output-shape')).toHaveText('[1, 3]');
  await expect(output.getByTestId('run-output-count')).toHaveText('3 values');
  await expect(output.getByTestId('run-output-table').locator('tbody td')).toHaveCount(4);
  await expect(app.getByTestId('run-time')).toContainText('ms');
  const topk = output.getByTestId('run-topk');
  await expect(topk.getByTestId('run-topk-title')).toHaveText('Top 3 classes (probabilities)');
  // softmax([1, 3, 2]) = [0.090, 0.665, 0.245]: class 1 first, then 2, then 0.
  await expect(topk.getByTestId('bar-label')).toHaveCount(3);
  await expect(topk.getByTestId('bar-label').nth(0)).toContainText('class 1');
  await expect(topk).toContainText('66.5%');
  await expect(topk.getByTestId('bar-label').nth(1)).toContainText('class 2');
  await expect(topk.getByTestId('bar-label').nth(2)).toContainText('class 0');

  // Changed inputs mark the shown outputs as out of date until the next run.
  await expect(app.getByTestId('run-outputs-stale')).toHaveCount(0);
  await input.getByTestId('run-input-random').click();
  await expect(app.getByTestId('run-outputs-stale')).toBeVisible();
  await app.getByTestId('run-button').click();
  await expect(output.getByTestId('run-topk')).toBeVisible();
  await expect(app.getByTestId('run-outputs-stale')).toHaveCount(0);

  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-run-${scheme}`);
  }
});

test('sizes symbolic dims, ranks scores per row and shows a failed run with its message', async ({
  app,
  host,
}) => {
  await copySuiteModels(host.workspace, ['test_reshape_reduced_dims']);
  await writeModel(join(host.workspace, 'models'), 'gated.onnx', bigModel(1));
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await models.open('models/gated.onnx');
  await models.showTab('run');

  // N is symbolic: its size field starts at 1 and sets the shape Random fills.
  const input = app.getByTestId('run-input');
  await expect(input.getByTestId('run-input-shape')).toHaveText('[N, 256]');
  await input.getByTestId('run-input-dim').fill('3');
  await input.getByTestId('run-input-random').click();
  await app.getByTestId('run-button').click();
  const output = app.getByTestId('run-output');
  await expect(output.getByTestId('run-output-shape')).toHaveText('[3, 256]');
  await expect(output.getByTestId('run-output-count')).toHaveText('768 values');
  // Scores, not probabilities: the Top 5 shows one row at a time, picked by its number.
  const topk = output.getByTestId('run-topk');
  await expect(topk.getByTestId('run-topk-title')).toHaveText('Top 5 classes (scores) for row 0');
  await expect(topk.getByTestId('bar-label')).toHaveCount(5);
  await topk.getByTestId('run-topk-row-picker').fill('2');
  await expect(topk.getByTestId('run-topk-title')).toHaveText('Top 5 classes (scores) for row 2');
  await expect(output.getByTestId('run-output-table').locator('tbody tr')).toHaveCount(3);
  await expect(output.getByTestId('run-output-table-note')).toHaveText(
    'Showing all 3 rows and the first 50 of 256 columns; download .npy or .npz for every value.',
  );
  await output.getByTestId('run-output-table').scrollIntoViewIfNeeded();
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-run-scores-${scheme}`);
  }

  // Download JSON gives every value nested by the output's shape.
  const download = app.waitForEvent('download');
  await app.getByTestId('run-download').click();
  const saved = JSON.parse(await readFile(await (await download).path(), 'utf8')) as {
    runMs: number;
    outputs: Record<string, { type: string; dims: number[]; values: number[][] }>;
  };
  const [only] = Object.values(saved.outputs);
  expect(only?.dims).toEqual([3, 256]);
  expect(only?.values).toHaveLength(3);
  expect(only?.values[0]).toHaveLength(256);

  // Another tab and back: the inputs and the last outputs are still there.
  await models.showTab('overview');
  await models.showTab('run');
  await expect(input.getByTestId('run-input-dim')).toHaveValue('3');
  await expect(output.getByTestId('run-output-shape')).toHaveText('[3, 256]');

  // A shape ONNX Runtime refuses: the run fails with its message; the form stays as it was.
  await models.open('models/test_reshape_reduced_dims.onnx');
  await models.showTab('run');
  const [data, shape] = [app.getByTestId('run-input').nth(0), app.getByTestId('run-input').nth(1)];
  await expect(shape).toContainText('int64');
  await data.getByTestId('run-input-zeros').click();
  await shape.getByTestId('run-input-values').fill('[5, 5]');
  await app.getByTestId('run-button').click();
  await expect(app.getByTestId('error-alert')).toContainText('The run failed');
  await expect(app.getByTestId('error-alert')).toContainText('requested shape');
  await expect(app.getByTestId('error-hint')).toBeVisible();
  await expect(app.getByTestId('run-outputs')).toHaveCount(0);
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-run-error-${scheme}`);
  }
});
