import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { DataPage } from './pages/DataPage.js';
import { DriftPage } from './pages/DriftPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { saveScreenshot } from './support/screenshots.js';

const ROWS = 1_500;

/** Income, age and a segment from a fixed sequence: no shift of its own, so only the simulated one shows. */
async function writeLoans(path: string): Promise<void> {
  const lines = ['income,age,segment'];
  for (let i = 0; i < ROWS; i += 1) {
    const income = 50 + 10 * Math.sin(i * 12.9898) * Math.cos(i * 78.233);
    const age = 20 + ((i * 37) % 45);
    lines.push(`${income.toFixed(2)},${age},${['retail', 'wholesale', 'online'][i % 3]}`);
  }
  await writeFile(path, `${lines.join('\n')}\n`);
}

async function chooseOption(page: Page, select: string, option: string): Promise<void> {
  await page.getByTestId(select).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Opens the dialog and asks for income's mean moved by two standard deviations. */
async function fillMeanShift(page: Page): Promise<void> {
  await page.getByTestId('drift-simulate').click();
  const dialog = page.getByRole('dialog', { name: 'Simulate drift' });
  await expect(dialog).toBeVisible();
  await chooseOption(page, 'drift-simulate-source', 'loans_source');
  await expect(page.getByTestId('drift-simulate-name')).toHaveValue('loans_source shifted');
  await chooseOption(page, 'drift-simulate-column', 'income');
  await page.getByTestId('drift-simulate-value').fill('2');
}

test('a simulated mean shift makes a data set whose report flags the shifted column', async ({
  app,
}, testInfo) => {
  test.setTimeout(150_000);
  const shell = new ShellPage(app);
  const data = new DataPage(app);
  const drift = new DriftPage(app);
  const source = testInfo.outputPath('loans_source.csv');
  await writeLoans(source);

  await shell.useColorScheme('light');
  await shell.goTo('data');
  await data.importFile(source);
  await expect(data.detail).toBeVisible({ timeout: 30_000 });
  await shell.goTo('drift');

  // Nothing chosen: each field says what it needs, and nothing is sent.
  await app.getByTestId('drift-simulate').click();
  await app.getByTestId('drift-simulate-submit').click();
  const dialog = app.getByRole('dialog', { name: 'Simulate drift' });
  await expect(dialog.getByText('Pick the data set to shift')).toBeVisible();
  await expect(app.getByTestId('drift-simulate-shifts-error')).toHaveText('Pick the column each shift moves');
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await fillMeanShift(app);
  // A second shift row: categories take weights, checked before anything is sent.
  await app.getByTestId('drift-simulate-add-shift').click();
  const second = app.getByTestId('drift-simulate-shift').nth(1);
  await second.getByTestId('drift-simulate-kind').click();
  await app.getByRole('option', { name: 'Reweigh categories' }).click();
  await second.getByTestId('drift-simulate-column').click();
  await app.getByRole('option', { name: 'segment', exact: true }).click();
  await second.getByTestId('drift-simulate-value').fill('retail=1');
  await app.getByTestId('drift-simulate-submit').click();
  await expect(app.getByTestId('drift-simulate-shifts-error')).toContainText('not category:weight');
  await saveScreenshot(app, 'drift-simulate-light');
  await app.keyboard.press('Escape');

  await shell.useColorScheme('dark');
  await fillMeanShift(app);
  await app.getByTestId('drift-simulate-gradual').click();
  await saveScreenshot(app, 'drift-simulate-dark');
  await app.getByTestId('drift-simulate-gradual').click();
  await app.getByTestId('drift-simulate-submit').click();

  const made = app.getByTestId('drift-simulated');
  await expect(made).toBeVisible({ timeout: 60_000 });
  await expect(app.getByText('Made data set loans_source shifted')).toBeVisible();
  await expect(dialog).toBeHidden();
  await made.getByTestId('drift-simulated-report').click();

  await expect(drift.form).toBeVisible();
  await expect(app.getByTestId('drift-side-baseline-dataset')).toHaveValue('loans_source');
  await expect(app.getByTestId('drift-side-current-dataset')).toHaveValue('loans_source shifted');
  // No model registered: the predictions section offers none, and the label waits for a model.
  await drift.openSettings('predictions');
  await expect(app.getByTestId('drift-label')).toBeDisabled();
  await saveScreenshot(app, 'drift-form-predictions-dark');
  await drift.runButton.click();
  await expect(drift.report).toBeVisible({ timeout: 60_000 });
  await expect(drift.row('income')).toHaveAttribute('data-drift', 'true');
  for (const column of ['age', 'segment'])
    await expect(drift.row(column)).toHaveAttribute('data-drift', 'false');
  await expect(drift.verdictText).toHaveText('1 of 3 columns drifted');
});
