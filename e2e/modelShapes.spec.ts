import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeModel } from '../src/main/services/models/onnx/testModels.js';
import { expect, test } from './fixtures.js';
import { ModelsPage } from './pages/ModelsPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { saveScreenshot } from './support/screenshots.js';

const SUITE = '/usr/share/libonnx-testdata/data/node';
const FLOAT = 1;

test('observes the shapes of intermediate values and flags those that differ from inference', async ({
  app,
  host,
}) => {
  // h is declared [2, 8]: right for n = 2, wrong for n = 3, and r is inferred from it.
  await mkdir(join(host.workspace, 'models'), { recursive: true });
  await writeModel(join(host.workspace, 'models'), 'declared.onnx', {
    opset: 13,
    graph: {
      name: 'declared',
      nodes: [
        { op: 'MatMul', name: 'project', inputs: ['x', 'w'], outputs: ['h'] },
        { op: 'Relu', name: 'activate', inputs: ['h'], outputs: ['r'] },
        { op: 'ReduceSum', name: 'total', inputs: ['r'], outputs: ['y'], attributes: { keepdims: 0 } },
      ],
      inputs: [{ name: 'x', elemType: FLOAT, shape: ['n', 4] }],
      outputs: [{ name: 'y', elemType: FLOAT, shape: [] }],
      valueInfo: [{ name: 'h', elemType: FLOAT, shape: [2, 8] }],
      initializers: [{ name: 'w', dataType: FLOAT, dims: [4, 8], float_data: new Array<number>(32).fill(1) }],
    },
  });
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await models.open('models/declared.onnx');
  await models.showTab('graph');
  await models.waitForGraph();

  await app.getByTestId('observe-shapes').click();
  const panel = app.getByTestId('observe-shapes-panel');
  await expect(panel.getByTestId('observe-dim-n')).toHaveValue('1');
  await panel.getByTestId('observe-dim-n').fill('3');
  await panel.getByTestId('observe-run').click();
  await expect(panel.getByTestId('observe-status')).toHaveText(
    'Observed 4 of 4 values; 2 differ from the inferred shapes (red).',
  );
  await expect(app.getByTestId('observed-badge')).toHaveText('2 mismatches');
  await shell.useColorScheme('light');
  await saveScreenshot(app, 'models-graph-observe-light');
  // The theme toggle is a click outside the popover, which closes it.
  await shell.useColorScheme('dark');
  await expect(panel).toBeHidden();
  await app.getByTestId('observe-shapes').click();
  await expect(panel.getByTestId('observe-status')).toBeVisible();
  await saveScreenshot(app, 'models-graph-observe-dark');

  // The observation outlives a visit to another tab.
  await app.keyboard.press('Escape');
  await models.showTab('overview');
  await models.showTab('graph');
  await models.waitForGraph();
  await expect(app.getByTestId('observed-badge')).toHaveText('2 mismatches');
  await app.getByTestId('observe-shapes').click();
  await expect(panel.getByTestId('observe-dim-n')).toHaveValue('3');
  await app.keyboard.press('Escape');

  // The Relu's input and output: observed [3, 8], inferred [2, 8], marked as a mismatch.
  await app.keyboard.press('Escape');
  await models.search.fill('activate');
  await models.search.press('Enter');
  const inputShape = app.getByTestId('node-details-inputs').getByTestId('value-shape');
  await expect(inputShape).toHaveAttribute('data-verdict', 'mismatch');
  await expect(inputShape).toContainText('float32 [3, 8]');
  await expect(inputShape).toContainText('observed, ≠ inferred float32 [2, 8]');
  // The edge into the centred Relu says both shapes on hover.
  const box = await models.canvas.boundingBox();
  if (!box) throw new Error('no canvas');
  await app.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 24);
  const tip = app.getByTestId('edge-tooltip');
  await expect(tip).toContainText('observed float32 [3, 8]');
  await expect(tip).toContainText('inferred float32 [2, 8]');
  await expect(tip).toContainText('observed ≠ inferred');

  // The graph input matches: observed [3, 4] for [n, 4] with n = 3.
  await models.search.fill('project');
  await models.search.press('Enter');
  const xShape = app.getByTestId('node-details-inputs').getByTestId('value-shape').first();
  await expect(xShape).toHaveAttribute('data-verdict', 'same');
  await expect(xShape).toContainText('observed; inferred float32 [n, 4]');
  await models.search.fill('activate');
  await models.search.press('Enter');
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-graph-observed-node-${scheme}`);
  }

  // Back to inferred shapes only.
  await app.getByTestId('observe-shapes').click();
  await app.getByTestId('observe-clear').click();
  await expect(app.getByTestId('observed-badge')).toBeHidden();
  await expect(app.getByTestId('node-details-inputs')).toContainText('float32 [2, 8]');
  await expect(app.getByTestId('value-shape')).toHaveCount(0);
});

test('says that values inside an If branch cannot be observed', async ({ app, host }) => {
  await mkdir(join(host.workspace, 'models'), { recursive: true });
  await copyFile(join(SUITE, 'test_if', 'model.onnx'), join(host.workspace, 'models', 'if.onnx'));
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await models.open('models/if.onnx');
  await models.showTab('graph');
  await models.waitForGraph();

  await app.getByTestId('observe-shapes').click();
  const panel = app.getByTestId('observe-shapes-panel');
  await expect(panel).toContainText('The inputs have fixed shapes.');
  await panel.getByTestId('observe-run').click();
  await expect(panel.getByTestId('observe-status')).toHaveText(
    'Observed 2 of 4 values. Values inside If/Loop/Scan bodies cannot be observed.',
  );
  await expect(app.getByTestId('observed-badge')).toHaveText('shapes match');
  await app.keyboard.press('Escape');

  await models.search.fill('If');
  await models.search.press('Enter');
  await app.getByTestId('open-subgraph').first().click();
  await models.waitForGraph();
  await models.search.fill('Constant');
  await models.search.press('Enter');
  const shape = app.getByTestId('node-details-outputs').getByTestId('value-shape');
  await expect(shape).toHaveAttribute('data-verdict', 'unobserved');
  // ONNX's test model is an unnamed If whose file lists else_branch first.
  await expect(shape).toContainText("Not observed: computed inside the If node's else_branch");
  await expect(shape).toContainText('ONNX Runtime returns only main-graph values');
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-graph-observed-subgraph-${scheme}`);
  }
});

test('a run that fails shows why in the panel, and zeros keep index inputs in range', async ({
  app,
  host,
}) => {
  await mkdir(join(host.workspace, 'models'), { recursive: true });
  // Random int64 indices run past the 2 rows of the table; zeros do not.
  await writeModel(join(host.workspace, 'models'), 'lookup.onnx', {
    opset: 13,
    graph: {
      name: 'lookup',
      nodes: [{ op: 'Gather', name: 'lookup', inputs: ['table', 'ids'], outputs: ['rows'] }],
      inputs: [{ name: 'ids', elemType: 7, shape: ['n'] }],
      outputs: [{ name: 'rows', elemType: FLOAT, shape: ['n', 4] }],
      initializers: [
        { name: 'table', dataType: FLOAT, dims: [2, 4], float_data: new Array<number>(8).fill(1) },
      ],
    },
  });
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await models.open('models/lookup.onnx');
  await models.showTab('graph');
  await models.waitForGraph();

  await app.getByTestId('observe-shapes').click();
  const panel = app.getByTestId('observe-shapes-panel');
  await panel.getByTestId('observe-dim-n').fill('16');
  await panel.getByTestId('observe-run').click();
  const alert = panel.getByTestId('error-alert');
  await expect(alert).toContainText('The model could not be run');
  await expect(alert).toContainText('Gather');
  await expect(app.getByTestId('observed-badge')).toBeHidden();
  await saveScreenshot(app, 'models-graph-observe-failed-light');
  await shell.useColorScheme('dark');
  await app.getByTestId('observe-shapes').click();
  await saveScreenshot(app, 'models-graph-observe-failed-dark');

  await panel.getByTestId('observe-fill').getByText('Zeros').click();
  await panel.getByTestId('observe-run').click();
  await expect(panel.getByTestId('observe-status')).toHaveText('Observed 2 of 2 values.');
  await expect(app.getByTestId('observed-badge')).toHaveText('shapes match');
});
