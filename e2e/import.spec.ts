import { writeFile } from 'node:fs/promises';
import { ShellPage } from './pages/ShellPage.js';
import { saveScreenshot } from './support/screenshots.js';
import { expect, test } from './fixtures.js';
import { DataPage } from './pages/DataPage.js';
import { BROKEN_QUOTING, LONG_COLUMN, writeLargeCsv, writePeopleCsv } from './support/csvFiles.js';

test('imports a CSV through the file chooser and shows its profile', async ({ app }, testInfo) => {
  const data = new DataPage(app);
  const csv = testInfo.outputPath('people.csv');
  await writePeopleCsv(csv);

  await expect(data.emptyDropzone).toContainText('Drop a data file here or choose one');
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
    '250.75',
    '500.5',
    '750.25',
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
  await data.confirmImport();
  await expect(data.rowCount).toHaveText('20');
  await expect(app).toHaveURL(/#\/data\/from-palette$/);
});

test('imports a Parquet and an NDJSON file through the file chooser', async ({ app }, testInfo) => {
  const data = new DataPage(app);
  const parquet = testInfo.outputPath('scores.parquet');
  await writeParquet(parquet);
  await data.chooseFile(parquet);
  await expect(data.importOptions).toBeVisible();
  await expect(app.getByTestId('import-option-format')).toHaveValue('Parquet');
  await expect(data.importPreviewColumns).toHaveText(['id', 'score', 'team']);
  await app.keyboard.press('Enter');
  await expect(data.rowCount).toHaveText('300');
  await expect(data.columnCount).toHaveText('3');
  await expect(app).toHaveURL(/#\/data\/scores$/);

  const ndjson = testInfo.outputPath('events.ndjson');
  await writeFile(ndjson, '{"kind":"click","ms":12}\n{"kind":"view","ms":40}\n{"kind":"click","ms":7}\n');
  await data.chooseFile(ndjson);
  await expect(app.getByTestId('import-option-format')).toHaveValue('NDJSON (one object per line)');
  await data.confirmImport();
  await expect(data.rowCount).toHaveText('3');
  await expect(data.datasetItem('events')).toContainText('3 rows × 2 cols');
});

test('the options dialog re-reads the preview when the delimiter changes, and Escape cancels', async ({
  app,
}, testInfo) => {
  const data = new DataPage(app);
  const shell = new ShellPage(app);
  const csv = testInfo.outputPath('semicolons.csv');
  const rows = Array.from(
    { length: 40 },
    (_, i) =>
      `${i + 1};Customer ${i + 1};${(i * 7.25).toFixed(2)};2024-03-${String((i % 28) + 1).padStart(2, '0')}`,
  );
  await writeFile(csv, `id;name;amount;ordered_on\n${rows.join('\n')}\n`);

  // Both themes, from a fresh pick each: the theme toggle sits behind the dialog's overlay.
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await data.chooseFile(csv);
    await expect(data.importOptions).toBeVisible();
    await expect(app.getByTestId('import-option-delimiter')).toHaveValue('Semicolon  ;');
    await expect(data.importPreviewColumns).toHaveText(['id', 'name', 'amount', 'ordered_on']);
    await expect(data.importPreview.locator('tbody tr')).toHaveCount(20);
    await saveScreenshot(app, `data-import-options-${scheme}`);
    if (scheme === 'light') {
      await app.keyboard.press('Escape');
      await expect(data.importOptions).toBeHidden();
    }
  }

  await data.chooseOption('delimiter', 'Comma  ,');
  await expect(data.importPreviewColumns).toHaveText(['id;name;amount;ordered_on']);
  await expect(app.getByRole('button', { name: 'Use detected settings' })).toBeVisible();
  await data.chooseOption('delimiter', 'Semicolon  ;');
  await expect(data.importPreviewColumns).toHaveCount(4);

  await app.keyboard.press('Escape');
  await expect(data.importOptions).toBeHidden();
  await expect(data.emptyDropzone).toBeVisible();
  await expect(data.chooseFileButton).toBeEnabled();
});

/** A real Parquet file, written by DuckDB in the test process. */
async function writeParquet(path: string): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(
    `COPY (SELECT range AS id, (range % 50) / 2.0 AS score, ['red', 'green', 'blue'][range % 3 + 1] AS team FROM range(300)) TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`,
  );
  connection.closeSync();
  instance.closeSync();
}

test('a preview that cannot read the file says why, and choosing the encoding fixes it', async ({
  app,
}, testInfo) => {
  const data = new DataPage(app);
  const mixed = testInfo.outputPath('latin1-export.csv');
  await writeFile(
    mixed,
    Buffer.concat([
      Buffer.from('name,city\nAnn,K\u00f6ln\nBob,M'),
      Buffer.from([0xfc]),
      Buffer.from('nchen\n'),
    ]),
  );
  await data.chooseFile(mixed);
  const error = app.getByTestId('import-preview-error');
  await expect(error).toContainText('line 3 is not valid UTF-8 (byte 0xfc at offset 25)');
  await expect(error).toContainText('latin-1');
  await saveScreenshot(app, 'data-import-options-error-light');
  await data.chooseOption('encoding', 'Latin-1 (ISO-8859-1)');
  await expect(error).toBeHidden();
  await expect(data.importPreviewColumns).toHaveText(['name', 'city']);
  await expect(data.importPreview.locator('tbody tr')).toHaveCount(2);
  await data.confirmImport();
  await expect(data.rowCount).toHaveText('2');
});
