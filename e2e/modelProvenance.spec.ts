import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures.js';
import { ModelsPage } from './pages/ModelsPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { saveScreenshot } from './support/screenshots.js';

const SUITE = '/usr/share/libonnx-testdata/data/node';

const description =
  'Rectifier probe exported from the activation research notebook for the latency study of Q3.\nKept to compare runtimes on the same single-operator graph across releases.';

test('adds a model from the command palette and shows its full provenance', async ({ app, host }) => {
  const shell = new ShellPage(app);
  const models = new ModelsPage(app);
  await app.getByTestId('nav-jobs').click();
  await app.keyboard.press('Control+K');
  await shell.paletteSearch.fill('add model');
  await expect(shell.paletteAction('Add model…')).toBeVisible();
  const chooser = app.waitForEvent('filechooser');
  await app.keyboard.press('Enter');
  await (await chooser).setFiles(join(SUITE, 'test_relu', 'model.onnx'));
  const dialog = app.getByTestId('add-model-dialog');
  await dialog.getByTestId('add-model-name').fill('relu-probe');
  await dialog.getByTestId('add-model-description').fill(description);
  await dialog.getByTestId('add-model-framework').fill('pytorch');
  await dialog.getByTestId('add-model-frameworkVersion').fill('2.5.1+cu124');
  await dialog.getByTestId('add-model-tool').fill('torch.onnx.export (dynamo=True)');
  await dialog.getByTestId('add-model-toolVersion').fill('2.5.1');
  // The modal covers the theme toggle: the dark picture sets the scheme Mantine's styles key on.
  type Root = { document: { documentElement: { setAttribute(name: string, value: string): void } } };
  const scheme = (value: string) =>
    app.evaluate(
      (v) =>
        (globalThis as unknown as Root).document.documentElement.setAttribute('data-mantine-color-scheme', v),
      value,
    );
  await saveScreenshot(app, 'models-add-dialog-light');
  await scheme('dark');
  await saveScreenshot(app, 'models-add-dialog-dark');
  await scheme('light');
  await dialog.getByTestId('add-model-confirm').click();
  await models.detail.waitFor();
  await expect(app).toHaveURL(/#\/models\/relu-probe%401$/);
  await expect(models.name).toHaveText('relu-probe');

  const provenance = app.getByTestId('model-provenance');
  await expect(provenance.getByTestId('provenance-source')).toHaveText('an upload of model.onnx');
  await expect(provenance.getByTestId('provenance-description')).toHaveText(description);
  await expect(provenance.getByTestId('provenance-converted-from')).toHaveText('pytorch 2.5.1+cu124');
  await expect(provenance.getByTestId('provenance-tool')).toHaveText('torch.onnx.export (dynamo=True) 2.5.1');
  await expect(provenance.getByTestId('provenance-producer')).toHaveText('backend-test');

  // A version added from disk (mlw model add) by a service account: a long path and user name.
  const cardPath = join(host.workspace, 'models', 'relu-probe', '1', 'card.json');
  const card = JSON.parse(await readFile(cardPath, 'utf8')) as Record<string, unknown> & {
    provenance: Record<string, unknown>;
  };
  const path =
    '/home/data-science/projects/activation-research/exports/2026-11-20/experiments/relu-probe-with-gelu-comparison-and-quantization-sweep/checkpoints/epoch-0042/final/model.onnx';
  card.provenance = {
    ...card.provenance,
    source: { kind: 'path', fileName: 'model.onnx', path },
    addedBy: 'ml-platform-automation-service-account',
  };
  await writeFile(cardPath, JSON.stringify(card, null, 2));
  await app.reload();
  await models.detail.waitFor();
  await models.showTab('overview');
  await expect(provenance.getByTestId('provenance-source')).toHaveText(path);
  await expect(provenance.getByTestId('provenance-added-by')).toHaveText(
    'ml-platform-automation-service-account',
  );
  await expect(provenance.getByTestId('provenance-file')).toContainText(
    `sha256 ${String((card.file as { sha256: string }).sha256)}`,
  );
  // A path longer than the row is shown whole on two lines, not cut to one with an ellipsis.
  const cell = await provenance.getByTestId('provenance-source').boundingBox();
  expect(cell?.height).toBeGreaterThan(30);
  await provenance.scrollIntoViewIfNeeded();
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `models-provenance-${scheme}`);
  }
});
