import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures.js';
import { ModelsPage } from './pages/ModelsPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { dragOverWindow, dropFile, fileTransfer } from './support/dropFile.js';
import { saveScreenshot } from './support/screenshots.js';

const SUITE = '/usr/share/libonnx-testdata/data/node';

test('adds models by dropping .onnx files, on the start page and over an open model; other files are refused', async ({
  app,
  host,
}) => {
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await shell.goTo('models');

  const notes = join(host.workspace, 'notes.txt');
  await writeFile(notes, 'not a model');
  await dropFile(app.getByTestId('model-dropzone'), notes);
  await expect(app.getByText('Not a model the registry can add')).toBeVisible();
  await expect(app.getByText(/notes\.txt: drop one \.onnx file/)).toBeVisible();
  await expect(app.getByTestId('add-model-dialog')).toHaveCount(0);

  await dropFile(app.getByTestId('model-dropzone'), join(SUITE, 'test_relu', 'model.onnx'), 'relu.onnx');
  const dialog = app.getByTestId('add-model-dialog');
  await expect(dialog.getByTestId('add-model-name')).toBeVisible();
  await dialog.getByTestId('add-model-name').fill('activation-probe');
  await dialog.getByTestId('add-model-confirm').click();
  await expect(models.detail).toHaveAttribute('data-item', 'activation-probe@1');

  // With a model open, a file dragged over the window shows the overlay; dropped, it adds version 2.
  const dataTransfer = await fileTransfer(app, join(SUITE, 'test_sigmoid', 'model.onnx'), 'sigmoid.onnx');
  await dragOverWindow(app, dataTransfer);
  const overlay = app.getByTestId('model-drop-overlay');
  await expect(overlay).toBeVisible();
  await saveScreenshot(app, 'models-drop-overlay-light');
  await overlay.dispatchEvent('dragover', { dataTransfer });
  await overlay.dispatchEvent('drop', { dataTransfer });
  await expect(dialog.getByTestId('add-model-name')).toBeVisible();
  await dialog.getByTestId('add-model-name').fill('activation-probe');
  await dialog.getByTestId('add-model-confirm').click();
  await expect(models.detail).toHaveAttribute('data-item', 'activation-probe@2');
  await expect(app.getByTestId('model-version-row')).toHaveCount(2);
});
