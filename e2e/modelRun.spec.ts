import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeModel } from '../src/main/services/models/onnx/testModels.js';
import { decodeNpy, decodeNpz, encodeNpy, encodeNpz } from '../src/shared/tensors/npy.js';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { DataPage } from './pages/DataPage.js';
import { ModelsPage } from './pages/ModelsPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { saveScreenshot } from './support/screenshots.js';

const SOFTMAX = '/usr/share/libonnx-testdata/data/node/test_softmax_example/model.onnx';
const FLOAT = 1;

/** ONNX's softmax example: x float32 [1, 3] → y, opened by path from the workspace. */
async function openSoftmax(app: Page, workspace: string) {
  await mkdir(join(workspace, 'models'), { recursive: true });
  await copyFile(SOFTMAX, join(workspace, 'models', 'softmax.onnx'));
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');
  await models.open('models/softmax.onnx');
  await models.showTab('run');
  return { shell, models };
}

/** Picks `path` through the file chooser the button opens, as a user would. */
async function chooseFile(button: Locator, path: string): Promise<void> {
  const chooser = button.page().waitForEvent('filechooser');
  await button.click();
  await (await chooser).setFiles(path);
}

/** The classes a Top-k chart ranks, top first, by the whole label each axis tick carries as its title. */
async function rankedClasses(scope: Locator): Promise<string[]> {
  return scope.getByTestId('run-topk-chart').getByTestId('bar-label').locator('title').allTextContents();
}

const float32 = (dims: number[], values: number[]) => ({
  type: 'float32' as const,
  dims,
  data: Float32Array.from(values),
});

test('runs on an uploaded .npy, downloads an output as .npy and all as .npz', async ({
  app,
  host,
}, testInfo) => {
  const { shell } = await openSoftmax(app, host.workspace);
  const input = app.getByTestId('run-input');

  // A wrong shape and a wrong element type say which input, what it takes and what the file holds.
  const wrongShape = testInfo.outputPath('wrong.npy');
  await writeFile(wrongShape, encodeNpy(float32([2, 2], [1, 2, 3, 4])));
  await chooseFile(input.getByTestId('run-input-load'), wrongShape);
  await expect(input.getByTestId('run-input-problem')).toHaveText(
    'wrong.npy holds float32 [2, 2]; input x takes float32 [1, 3]. Save an array of that shape, e.g. with a.reshape(…).',
  );
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-run-npy-wrong-shape-${scheme}`);
  }
  const wrongType = testInfo.outputPath('doubles.npy');
  await writeFile(wrongType, encodeNpy({ type: 'float64', dims: [1, 3], data: Float64Array.of(1, 3, 2) }));
  await chooseFile(input.getByTestId('run-input-load'), wrongType);
  await expect(input.getByTestId('run-input-problem')).toContainText(
    'doubles.npy holds float64 [1, 3]; input x takes float32 [1, 3]. Convert it in NumPy',
  );
  await expect(app.getByTestId('run-outputs')).toHaveCount(0);

  // A right one replaces the text field, and runs.
  const good = testInfo.outputPath('x.npy');
  await writeFile(good, encodeNpy(float32([1, 3], [1, 3, 2])));
  await chooseFile(input.getByTestId('run-input-load'), good);
  await expect(input.getByTestId('run-input-file')).toContainText('x.npy');
  await expect(input.getByTestId('run-input-file')).toContainText('float32 [1, 3]');
  await expect(input.getByTestId('run-input-problem')).toHaveCount(0);
  await app.getByTestId('run-button').click();

  const output = app.getByTestId('run-output');
  await expect(output.getByTestId('run-output-shape')).toHaveText('[1, 3]');
  // softmax([1, 3, 2]) = [0.0900306, 0.665241, 0.244728]
  const cells = output.getByTestId('run-output-table').locator('tbody td');
  await expect(cells).toHaveText(['0', '0.0900306', '0.665241', '0.244728']);
  await expect(output.getByTestId('run-output-stat-min')).toContainText('0.0900306');
  await expect(output.getByTestId('run-output-stat-max')).toContainText('0.665241');
  await expect(output.getByTestId('run-output-stat-mean')).toContainText('0.333333');
  await expect(output.getByTestId('run-output-stat-nan')).toContainText('0');
  await expect(output.getByTestId('run-topk-title')).toHaveText('Top 3 classes (probabilities)');
  await expect.poll(() => rankedClasses(output)).toEqual(['class 1', 'class 2', 'class 0']);

  // The .npy download decodes to the values shown.
  const npy = app.waitForEvent('download');
  await output.getByTestId('run-output-npy').click();
  const saved = await npy;
  expect(saved.suggestedFilename()).toBe('y.npy');
  const y = decodeNpy(await readFile(await saved.path()));
  expect(y.type).toBe('float32');
  expect(y.dims).toEqual([1, 3]);
  expect(Array.from(y.data as Float32Array, (v) => String(Number(v.toPrecision(6))))).toEqual([
    '0.0900306',
    '0.665241',
    '0.244728',
  ]);
  const npz = app.waitForEvent('download');
  await app.getByTestId('run-download-npz').click();
  const archive = decodeNpz(await readFile(await (await npz).path()));
  expect(Object.keys(archive)).toEqual(['y']);
  expect(archive.y).toEqual(y);

  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-run-npy-${scheme}`);
  }

  // Clearing the file brings the text field back.
  await input.getByTestId('run-input-file-clear').click();
  await expect(input.getByTestId('run-input-values')).toBeVisible();
});

test('fills inputs from an .npz by array name and from a JSON tensor object', async ({
  app,
  host,
}, testInfo) => {
  const { shell } = await openSoftmax(app, host.workspace);
  const input = app.getByTestId('run-input');

  // An .npz without the input's name lists what it holds.
  const misnamed = testInfo.outputPath('misnamed.npz');
  await writeFile(misnamed, encodeNpz({ image: float32([1, 3], [0, 0, 0]) }));
  await chooseFile(app.getByTestId('run-load-npz'), misnamed);
  await expect(input.getByTestId('run-input-problem')).toHaveText(
    'misnamed.npz has no array named x (it holds image). Save it with np.savez("misnamed.npz", x=a).',
  );
  await expect(app.getByTestId('run-npz-note')).toHaveText(
    'misnamed.npz also holds image, which no input of the model takes.',
  );

  const batch = testInfo.outputPath('batch.npz');
  await writeFile(batch, encodeNpz({ x: float32([1, 3], [3, 1, 2]) }, { compress: true }));
  await chooseFile(app.getByTestId('run-load-npz'), batch);
  await expect(input.getByTestId('run-input-file')).toContainText('batch.npz › x');
  await app.getByTestId('run-button').click();
  const output = app.getByTestId('run-output');
  await expect.poll(() => rankedClasses(output)).toEqual(['class 0', 'class 2', 'class 1']);

  // The JSON tensor object form: a wrong type says what to write; the right one runs.
  await input.getByTestId('run-input-file-clear').click();
  const values = input.getByTestId('run-input-values');
  await values.fill('{"dims": [1, 3], "type": "float64", "data": [1, 2, 5]}');
  await app.getByTestId('run-button').click();
  await expect(input.getByTestId('run-input-problem')).toHaveText(
    'The JSON holds float64 [1, 3]; input x takes float32 [1, 3]. Write "type": "float32".',
  );
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-run-json-wrong-type-${scheme}`);
  }
  await values.fill('{"dims": [1, 3], "type": "float32", "data": [1, 2, 5]}');
  await values.press('Control+Enter');
  await expect.poll(() => rankedClasses(output)).toEqual(['class 2', 'class 1', 'class 0']);
  await expect(output.getByTestId('run-topk')).toContainText('93.6%');
});

test('runs on rows of a data set, columns mapped to the input, with a Top 5 per row', async ({
  app,
  host,
}, testInfo) => {
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  const features = 'sepal_and_petal_measurements_scaled_to_unit_variance_per_flower';
  await mkdir(join(host.workspace, 'models'), { recursive: true });
  await writeModel(join(host.workspace, 'models'), 'classifier.onnx', {
    opset: 17,
    graph: {
      name: 'classifier',
      nodes: [{ op: 'Softmax', inputs: [features], outputs: ['probabilities'] }],
      inputs: [{ name: features, elemType: FLOAT, shape: ['N', 3] }],
      outputs: [{ name: 'probabilities', elemType: FLOAT, shape: ['N', 3] }],
    },
  });
  await shell.goTo('models');
  await models.open('models/classifier.onnx');
  await models.showTab('run');
  await app.getByTestId('run-source').getByText('Data set rows').click();

  // No data set yet: the tab says where to import one.
  await expect(app.getByTestId('run-dataset-empty')).toContainText('No data sets in this workspace yet.');
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-run-dataset-empty-${scheme}`);
  }

  // Three scores per row; each row's highest column is the class the model should rank first.
  const csv = testInfo.outputPath('flower_scores.csv');
  const rows = [
    [1, 'a', 0.5, 0.25, 0.125],
    [2, 'b', 0.5, 3.5, 1.5],
    [3, 'c', 0.5, 1.5, 4.5],
    [4, 'd', 2.5, 1.5, 0.5],
    [5, 'e', 0.5, 5.5, 0.5],
  ];
  await writeFile(
    csv,
    `id,species,setosa,versicolor,virginica\n${rows.map((r) => r.join(',')).join('\n')}\n`,
  );
  await app.getByTestId('run-dataset-empty').getByRole('button', { name: 'Import one in Data' }).click();
  await new DataPage(app).importFile(csv);
  await expect(new DataPage(app).detail).toBeVisible();

  // Back on the model, the Run tab kept its source.
  await shell.goTo('models');
  await models.fileItems.filter({ hasText: 'classifier.onnx' }).click();
  await models.showTab('run');
  await expect(app.getByTestId('run-dataset')).toBeVisible();

  // Nothing chosen: the run says what to choose first.
  await app.getByTestId('run-button').click();
  await expect(app.getByTestId('run-dataset')).toContainText(
    'Choose the data set whose rows feed the model.',
  );
  await app.getByTestId('run-dataset-select').click();
  await app.getByRole('option', { name: 'flower_scores (5 rows)' }).click();
  const columns = app.getByTestId('run-dataset-columns');
  await columns.click();
  await app.getByRole('option', { name: 'setosa · DOUBLE' }).click();
  await app.getByRole('option', { name: 'versicolor · DOUBLE' }).click();
  await app.keyboard.press('Escape');
  await app.getByTestId('run-button').click();
  await expect(app.getByTestId('run-dataset-input')).toContainText(
    `${features} takes 3 values per row; 2 columns are chosen.`,
  );
  await columns.click();
  await app.getByRole('option', { name: 'species · VARCHAR' }).click();
  await app.keyboard.press('Escape');
  await app.getByTestId('run-button').click();
  await expect(app.getByTestId('error-alert')).toContainText(
    `The model's input ${features} takes float32 numbers; column species holds text ("a" in row 1 of flower_scores).`,
  );
  await expect(app.getByTestId('error-hint')).toContainText('Map numeric columns only');
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-run-dataset-error-${scheme}`);
  }
  await columns.click();
  await app.getByRole('option', { name: 'species · VARCHAR' }).click();
  await app.getByRole('option', { name: 'virginica · DOUBLE' }).click();
  await app.keyboard.press('Escape');
  await app.getByTestId('run-dataset-offset').fill('2');
  await app.getByTestId('run-dataset-limit').fill('3');
  await expect(app.getByTestId('run-dataset-range')).toHaveText('Rows 2–4 of 5, run as one batch');
  await app.getByTestId('run-button').click();

  await expect(app.getByTestId('run-batch')).toHaveText('3 rows of flower_scores, from row 2');
  const output = app.getByTestId('run-output');
  await expect(output.getByTestId('run-output-shape')).toHaveText('[3, 3]');
  const table = output.getByTestId('run-output-table');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table.locator('tbody tr td:first-child')).toHaveText(['2', '3', '4']);
  // The Top 5 starts at the batch's first row (data set row 2: versicolor) and follows the picker.
  const topk = output.getByTestId('run-topk');
  await expect(topk.getByTestId('run-topk-title')).toHaveText('Top 3 classes (probabilities) for row 2');
  await expect.poll(async () => (await rankedClasses(topk))[0]).toBe('class 1');
  await topk.getByTestId('run-topk-row-picker').fill('3');
  await expect(topk.getByTestId('run-topk-title')).toHaveText('Top 3 classes (probabilities) for row 3');
  await expect.poll(() => rankedClasses(topk)).toEqual(['class 2', 'class 1', 'class 0']);
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-run-dataset-${scheme}`);
  }
});
