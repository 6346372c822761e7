import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeModel } from '../src/main/services/models/onnx/testModels.js';
import { expect, test } from './fixtures.js';
import { ModelsPage } from './pages/ModelsPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { saveScreenshot } from './support/screenshots.js';

const SUITE = '/usr/share/libonnx-testdata/data/node';
const FLOAT = 1;

/** Bytes from a fixed seed, so the "random" file is the same on every run. */
function seededBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

test('a truncated and a random-bytes .onnx say what is wrong with them', async ({ app, host }) => {
  const folder = join(host.workspace, 'models');
  await mkdir(folder, { recursive: true });
  const whole = await readFile(join(SUITE, 'test_conv_with_strides_padding', 'model.onnx'));
  await writeFile(join(folder, 'truncated.onnx'), whole.subarray(0, Math.floor(whole.length / 2)));
  await writeFile(join(folder, 'noise.onnx'), seededBytes(4096, 7));
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');

  for (const [file, shot] of [
    ['truncated.onnx', 'models-bad-truncated'],
    ['noise.onnx', 'models-bad-noise'],
  ] as const) {
    await models.page.getByTestId('model-path').fill(`models/${file}`);
    await models.page.getByTestId('model-path').press('Enter');
    const error = app.getByTestId('model-error');
    await expect(error).toBeVisible();
    await expect(error).toContainText(`${file} is not an ONNX model, or is cut short`);
    await expect(error.getByTestId('error-hint')).toContainText('not truncated, not another format');
    for (const scheme of ['light', 'dark'] as const) {
      await shell.useColorScheme(scheme);
      await saveScreenshot(app, `${shot}-${scheme}`);
    }
  }

  // The screen still works: a good model opens after them.
  await copyFile(join(SUITE, 'test_relu', 'model.onnx'), join(folder, 'relu.onnx'));
  await models.open('models/relu.onnx');
  await expect(models.name).toHaveText('relu.onnx');
  await expect(models.signatureRows).toHaveCount(2);
});

test('a model with an operator ONNX Runtime lacks fails to run naming it, and the next model runs', async ({
  app,
  host,
}) => {
  const folder = join(host.workspace, 'models');
  await mkdir(folder, { recursive: true });
  await writeModel(folder, 'custom-op.onnx', {
    opset: [
      { domain: '', version: 17 },
      { domain: 'com.example', version: 1 },
    ],
    graph: {
      name: 'custom',
      nodes: [{ op: 'Frobnicate', name: 'mystery', domain: 'com.example', inputs: ['x'], outputs: ['y'] }],
      inputs: [{ name: 'x', elemType: FLOAT, shape: [1, 3] }],
      outputs: [{ name: 'y', elemType: FLOAT, shape: [1, 3] }],
    },
  });
  await copyFile(join(SUITE, 'test_softmax_example', 'model.onnx'), join(folder, 'softmax.onnx'));
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await models.open('models/custom-op.onnx');
  await models.showTab('run');
  const alert = app.getByTestId('error-alert');
  await expect(alert).toContainText(
    'custom-op.onnx uses the operator Frobnicate from the domain com.example, which ONNX Runtime does not have.',
  );
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-bad-operator-${scheme}`);
  }

  await models.open('models/softmax.onnx');
  await models.showTab('run');
  await app.getByTestId('run-input').getByTestId('run-input-values').fill('[[1, 3, 2]]');
  await app.getByTestId('run-button').click();
  await expect(app.getByTestId('run-output').getByTestId('run-topk')).toContainText('66.5%');
});

test('adding a model ONNX Runtime cannot load adds it, and a notification says why', async ({
  app,
  host,
}) => {
  const folder = join(host.workspace, 'incoming');
  await mkdir(folder, { recursive: true });
  // Mul-6 passes the check, but ONNX Runtime's CPU provider implements Mul from version 7 on.
  const file = await writeModel(folder, 'old-mul.onnx', {
    opset: 6,
    graph: {
      nodes: [{ op: 'Mul', name: 'the_node', inputs: ['x', 'x'], outputs: ['y'] }],
      inputs: [{ name: 'x', elemType: FLOAT, shape: [1] }],
      outputs: [{ name: 'y', elemType: FLOAT, shape: [1] }],
    },
  });
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await models.add(file, 'old-mul');
  await expect(models.name).toHaveText('old-mul');
  const warnings = app.getByTestId('model-add-warnings');
  await expect(warnings).toContainText('ONNX Runtime cannot load this model');
  await expect(warnings).toContainText('uses the operator Mul (version 6) (node the_node)');
  await expect(warnings).not.toContainText('onnxruntime::');
  await saveScreenshot(app, 'models-add-cannot-load');
});
