import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { DEBIAN_PYTHON, exportTorchClassifier } from '../test/fixtures/torchModel.js';
import { expect, test } from './fixtures.js';
import { DataPage } from './pages/DataPage.js';
import { DriftPage } from './pages/DriftPage.js';
import { ModelsPage } from './pages/ModelsPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { saveScreenshot } from './support/screenshots.js';

const run = promisify(execFile);

/** Iris as scikit-learn ships it, its class index as `label`; `shift` moves the petal columns. */
async function irisCsv(path: string, shift: number): Promise<void> {
  const script = `
from sklearn.datasets import load_iris
data = load_iris()
print("sepal_length,sepal_width,petal_length,petal_width,label")
for row, label in zip(data.data, data.target):
    print(",".join([f"{row[0]}", f"{row[1]}", f"{row[2] + ${shift}}", f"{row[3] + ${shift / 2}}", str(label)]))
`;
  const { stdout } = await run(DEBIAN_PYTHON, ['-c', script]);
  await writeFile(path, stdout);
}

test('a report with a registry model and a label shows its quality on each side', async ({
  app,
}, testInfo) => {
  test.setTimeout(180_000);
  const shell = new ShellPage(app);
  const data = new DataPage(app);
  const drift = new DriftPage(app);
  const models = new ModelsPage(app);
  const model = await exportTorchClassifier(testInfo.outputPath(), 3);
  const baseline = testInfo.outputPath('iris_base.csv');
  const current = testInfo.outputPath('iris_moved.csv');
  await irisCsv(baseline, 0);
  await irisCsv(current, 3);

  await shell.useColorScheme('light');
  await shell.goTo('models');
  await models.add(model, 'iris-net');
  await shell.goTo('data');
  for (const file of [baseline, current]) {
    await data.importFile(file);
    await expect(data.detail).toBeVisible({ timeout: 30_000 });
  }

  await shell.goTo('drift');
  await drift.chooseDataset('baseline', 'iris_base');
  await drift.chooseDataset('current', 'iris_moved');
  await drift.openSettings('predictions');
  await app.getByTestId('drift-model').click();
  await app.getByRole('option', { name: 'iris-net', exact: true }).click();
  await app.getByTestId('drift-label').click();
  await app.getByRole('option', { name: 'label', exact: true }).click();
  await expect(app.getByTestId('drift-settings-predictions')).toContainText('iris-net@latest, label label');
  await saveScreenshot(app, 'drift-form-predictions-light');
  await drift.runButton.click();
  await expect(drift.report).toBeVisible({ timeout: 90_000 });

  await drift.tab('prediction').click();
  const quality = app.getByTestId('drift-model-quality');
  await expect(quality).toBeVisible();
  await expect(quality.locator('tr[data-metric="accuracy"] td').first()).toHaveText('Accuracy');
  await expect(quality.locator('tr[data-metric="rows"] td')).toHaveText([
    'Rows with a label',
    '150',
    '150',
    '',
  ]);
  await saveScreenshot(app, 'drift-prediction-light');
  await shell.useColorScheme('dark');
  await saveScreenshot(app, 'drift-prediction-dark');
});
