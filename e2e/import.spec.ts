import { writeFile } from 'node:fs/promises';
import { expect, test } from './fixtures.js';
import { DataPage } from './pages/DataPage.js';
import { BROKEN_QUOTING, LONG_COLUMN, writeLargeCsv, writePeopleCsv } from './support/csvFiles.js';

test('imports a CSV through the file chooser and shows its profile', async ({ app }, testInfo) => {
  const data = new DataPage(app);
  const csv = testInfo.outputPath('people.csv');
  await writePeopleCsv(csv);

  await expect(data.emptyDropzone).toContainText('Drop a CSV here or choose a file');
  await data.importFile(csv);

  await expect(data.detail).toBeVisible();
  await expect(app).toHaveURL(/#\/data\/people$/);
  await expect(data.rowCount).toHaveText('1,000');
  await expect(data.columnCount).toHaveText('7');
  await expect(data.datasetItem('people')).toContainText('1,000 rows × 7 cols');

  const types = {
    id: 'BIGINT',
    name: 'VARCHAR',
    age: 'BIGINT',
    height_cm: 'DOUBLE',
    signup_date: 'DATE',
    active: 'BOOLEAN',
    [LONG_COLUMN]: 'DOUBLE',
  };
  for (const [column, type] of Object.entries(types)) {
    await expect(data.columnType(column), column).toHaveText(type);
  }

  // #, column, type, kind, missing (count and share), distinct, min, max, mean, std, q25, median, q75
  const id = await data.columnCells('id');
  expect(id).toEqual([
    '1',
    'id',
    'BIGINT',
    'numeric',
    '0 0%',
    '1,000',
    '1',
    '1,000',
    '500.5',
    expect.stringMatching(/^288\.\d{1,4}$/),
    '250',
    '500',
    '750',
  ]);

  const age = await data.columnCells('age');
  expect(age[4]).toBe('100 10%');

  const signup = await data.columnCells('signup_date');
  expect(signup.slice(6, 9)).toEqual(['2024-02-01', '2024-02-28', '—']);

  const longName = data.columnRow(LONG_COLUMN).getByTitle(LONG_COLUMN);
  await expect(longName).toBeVisible();
  // Truncated on one line with an ellipsis, the full name in its title, rather than wrapped or cut.
  await expect(longName).toHaveCSS('text-overflow', 'ellipsis');
  expect((await longName.boundingBox())?.height).toBeLessThan(24);
});

test('reports an empty and a malformed CSV with what to do, and keeps what was imported', async ({
  app,
}, testInfo) => {
  const data = new DataPage(app);
  const good = testInfo.outputPath('people.csv');
  await writePeopleCsv(good, 50);
  await data.importFile(good);
  await expect(data.rowCount).toHaveText('50');

  const empty = testInfo.outputPath('empty.csv');
  await writeFile(empty, '');
  await data.importFile(empty);
  await expect(data.importError).toContainText('empty.csv');
  await expect(data.importError).toContainText('is empty');
  await expect(data.importErrorHint).not.toBeEmpty();
  await expect(data.datasetItem('people')).toBeVisible();

  const headerOnly = testInfo.outputPath('header-only.csv');
  await writeFile(headerOnly, 'name,score\n');
  await data.importFile(headerOnly);
  await expect(data.importError).toContainText('header-only.csv has a header but no data rows');
  await expect(data.importErrorHint).not.toBeEmpty();

  const broken = testInfo.outputPath('broken.csv');
  await writeFile(broken, BROKEN_QUOTING);
  await data.importFile(broken);
  await expect(data.importError).toContainText('Cannot read broken.csv as CSV');
  await expect(data.importErrorHint).toContainText(/quot/i);

  await expect(data.datasetItems).toHaveCount(1);
  await expect(data.datasetItem('people')).toContainText('50 rows × 2 cols'.replace('2', '7'));
  await data.importError.getByRole('button', { name: 'Dismiss' }).click();
  await expect(data.importError).toBeHidden();
});

test('shows a long import in progress and cancels it without adding anything', async ({ app }, testInfo) => {
  const data = new DataPage(app);
  const big = testInfo.outputPath('big.csv');
  await writeLargeCsv(big);
  await data.importFile(big);

  await expect(data.importProgress).toBeVisible();
  await expect(data.importProgress).toContainText('big.csv');
  await expect(data.chooseFileButton).toBeDisabled();
  await data.importProgress.getByRole('button', { name: 'Cancel' }).click();

  await expect(data.importProgress).toBeHidden();
  await expect(app.getByText('Import of big.csv cancelled.')).toBeVisible();
  await expect(data.importError).toBeHidden();
  await expect(data.emptyDropzone).toBeVisible();
  await expect(data.chooseFileButton).toBeEnabled();
});

test('the command palette starts an import from any section', async ({ app }, testInfo) => {
  const data = new DataPage(app);
  const csv = testInfo.outputPath('from-palette.csv');
  await writePeopleCsv(csv, 20);
  await app.getByTestId('nav-jobs').click();
  await app.keyboard.press('Control+K');
  await app.getByPlaceholder('Type a command or a data set name…').fill('import');
  const chooser = app.waitForEvent('filechooser');
  await app.keyboard.press('Enter');
  await (await chooser).setFiles(csv);
  await expect(data.rowCount).toHaveText('20');
  await expect(app).toHaveURL(/#\/data\/from-palette$/);
});
