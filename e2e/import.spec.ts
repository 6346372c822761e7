import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ShellPage } from './pages/ShellPage.js';
import { saveScreenshot } from './support/screenshots.js';
import type { Page, Route } from '@playwright/test';
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

test('the options dialog sets the quote, skipped lines and a column type, and the import honours them', async ({
  app,
}, testInfo) => {
  const data = new DataPage(app);
  const csv = testInfo.outputPath('legacy-export.csv');
  const rows = Array.from({ length: 30 }, (_, i) => `${i + 1};'Customer ${i + 1}; Ltd';${10001 + i * 3037}`);
  await writeFile(csv, `Legacy CRM export\nGenerated 2024-05-01\nid;name;zip\n${rows.join('\n')}\n`);
  await data.chooseFile(csv);
  await expect(data.importPreview).toBeVisible();
  await data.openAdvancedOptions();

  // A quote that is also the delimiter cannot work: the dialog says why and keeps the choice.
  await data.importOption('quote').fill(';');
  await expect(data.importPreviewError).toContainText('QUOTE must not appear in the DELIMITER');
  await expect(data.importPreviewError.getByTestId('error-hint')).toContainText('different characters');
  await expect(data.importOptions).toBeVisible();
  await expect(data.importOption('quote')).toHaveValue(';');
  // The last preview that worked stays below the error, so the column types can still be changed.
  await expect(data.importPreview).toBeVisible();
  await saveScreenshot(app, 'data-import-options-quote-error-light');

  await data.importOption('quote').fill("'");
  await data.importOption('skip').fill('2');
  await expect(data.importPreviewError).toBeHidden();
  await expect(data.importPreviewColumns).toHaveText(['id', 'name', 'zip']);
  const firstRow = data.importPreview.locator('tbody tr').first().locator('td');
  await expect(firstRow.nth(2)).toHaveText('Customer 1; Ltd');

  // A ZIP code looks like a number, but it is a label: read it as text.
  await expect(data.columnTypePicker('zip')).toHaveValue('BIGINT');
  await expect(firstRow.nth(3)).toHaveClass(/mlw-num/);
  await data.chooseColumnType('zip', 'VARCHAR');
  await expect(data.columnTypePicker('zip')).toHaveValue('VARCHAR');
  await expect(data.columnTypePicker('zip')).toHaveAttribute('data-overridden', 'true');
  await expect(firstRow.nth(3)).not.toHaveClass(/mlw-num/);
  await expect(firstRow.nth(3)).toHaveText('10001');

  await app.keyboard.press('Enter');
  await expect(data.rowCount).toHaveText('30');
  await expect(data.columnCount).toHaveText('3');
  await expect(data.columnType('zip')).toHaveText('VARCHAR');
  await expect(data.columnType('id')).toHaveText('BIGINT');
  // Profiled as labels (text), not as a numeric column with a mean and quantiles.
  expect((await data.columnCells('zip'))[3]).toBe('categorical');
});

test('previews a big file while it is still uploading; Escape discards every upload, Enter imports when it arrives', async ({
  app,
  host,
}, testInfo) => {
  const data = new DataPage(app);
  const big = testInfo.outputPath('big.csv');
  await writeLargeCsv(big, 1_300_000);
  const uploads = join(host.workspace, '.scratch', 'uploads');
  // Scratch entries live in a folder per owner process (the host's stays while it runs): count what is
  // inside them.
  const uploadsLeft = async (): Promise<string[]> => {
    const owners = await readdir(uploads).catch(() => []);
    const inside = await Promise.all(owners.map((owner) => readdir(join(uploads, owner)).catch(() => [])));
    return inside.flat();
  };

  const held = await holdWholeUploads(app);
  await data.chooseFile(big);
  await expect(data.importPreview.locator('tbody tr')).toHaveCount(20);
  await expect(data.importPreviewColumns).toHaveText(['id', 'group', 'value', 'label']);
  expect(held.heads).toBe(1);
  await expect(data.dialogUploadProgress).toBeVisible();
  const sent = Number(await data.dialogUploadProgress.getAttribute('data-sent'));
  const total = Number(await data.dialogUploadProgress.getAttribute('data-total'));
  expect(total).toBeGreaterThan(40_000_000);
  expect(sent).toBeLessThan(total);
  await expect(app.getByTestId('import-confirm')).toHaveText('Import when uploaded');
  await saveScreenshot(app, 'data-import-options-uploading-light');

  // Escape while uploading: the head and the whole file are both discarded.
  await app.keyboard.press('Escape');
  await expect(data.importOptions).toBeHidden();
  await held.release();
  await expect.poll(uploadsLeft).toEqual([]);

  // Enter while uploading queues the import; it starts once the whole file has arrived.
  const again = await holdWholeUploads(app);
  await data.chooseFile(big);
  await expect(data.importPreview.locator('tbody tr')).toHaveCount(20);
  await app.keyboard.press('Enter');
  await expect(data.importOptions).toBeHidden();
  await expect(data.importProgress).toHaveAttribute('data-phase', 'uploading');
  await expect(data.importProgress).toContainText('the import starts when it has arrived');
  await again.release();
  await expect(data.importProgress).toHaveAttribute('data-phase', 'importing');
  await data.importProgress.getByRole('button', { name: 'Cancel' }).click();
  await expect(data.importProgress).toBeHidden();
  await expect(data.emptyDropzone).toBeVisible();
  await expect.poll(uploadsLeft).toEqual([]);
});

test('the options dialog stays dense and aligned with many columns and a long name, in both themes', async ({
  app,
}, testInfo) => {
  const data = new DataPage(app);
  const shell = new ShellPage(app);
  const csv = testInfo.outputPath('wide-export.csv');
  const names = [
    'id',
    'region',
    LONG_COLUMN,
    'signup_date',
    'active',
    'score',
    'plan',
    'seats',
    'mrr_eur',
    'churn_risk',
    'last_login',
    'country',
    'industry',
    'notes',
  ];
  const rows = Array.from({ length: 40 }, (_, i) =>
    [
      i + 1,
      ['north', 'south', 'east', 'west'][i % 4],
      (i * 12.25).toFixed(2),
      `2024-02-${String((i % 28) + 1).padStart(2, '0')}`,
      i % 3 === 0,
      (i % 7) / 7,
      ['free', 'team', 'enterprise'][i % 3],
      (i % 9) + 1,
      (i * 41.5).toFixed(1),
      ((i * 37) % 100) / 100,
      `2024-05-${String((i % 28) + 1).padStart(2, '0')} 08:${String(i % 60).padStart(2, '0')}:00`,
      ['DE', 'FR', 'US', 'JP'][i % 4],
      ['retail', 'health', 'software'][i % 3],
      `"customer ${i + 1}, renewed"`,
    ].join(','),
  );
  await writeFile(csv, `${names.join(',')}\n${rows.join('\n')}\n`);

  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await data.chooseFile(csv);
    await expect(data.importPreviewColumns).toHaveCount(names.length);
    await data.openAdvancedOptions();
    await data.importOption('sample').fill('10000');
    await data.chooseColumnType('id', 'VARCHAR');
    await expect(data.columnTypePicker('id')).toHaveValue('VARCHAR');
    await expect(data.importPreview.getByTitle(LONG_COLUMN)).toBeVisible();
    // One line per header name, cut with an ellipsis: the long name does not push the row taller.
    const longName = data.importPreview.getByTitle(LONG_COLUMN).getByTestId('import-preview-column');
    await expect(longName).toHaveCSS('text-overflow', 'ellipsis');
    expect((await longName.boundingBox())?.height).toBeLessThan(24);
    await saveScreenshot(app, `data-import-options-wide-${scheme}`);
    await app.keyboard.press('Escape');
    await expect(data.importOptions).toBeHidden();
  }
});

/**
 * Holds every whole-file upload at the browser until `release`, letting heads through, so a test can
 * look at the dialog while an upload is certainly unfinished instead of racing it.
 */
async function holdWholeUploads(page: Page): Promise<{ heads: number; release: () => Promise<void> }> {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const state = { heads: 0 };
  const handler = async (route: Route): Promise<void> => {
    if (new URL(route.request().url()).searchParams.get('part') === 'head') {
      state.heads += 1;
      await route.continue();
      return;
    }
    await opened;
    // A request the page aborted meanwhile (a cancelled dialog) cannot be continued.
    await route.continue().catch(() => undefined);
  };
  await page.route('**/api/upload?*', handler);
  return {
    get heads() {
      return state.heads;
    },
    release: async () => {
      open();
      await page.unroute('**/api/upload?*', handler);
    },
  };
}
