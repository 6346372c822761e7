import { expect, test } from './fixtures.js';
import { NotebookPage } from './pages/NotebookPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { saveScreenshot } from './support/screenshots.js';

test.describe.configure({ timeout: 120_000 });

test('a sample notebook runs, is edited with Shift+Enter, interrupts and keeps its edits', async ({
  app,
}) => {
  const notebooks = new NotebookPage(app);
  const shell = new ShellPage(app);
  await notebooks.open();

  // Import a sample: its data set arrives and its example notebook opens.
  await notebooks.importSample('heights');
  await expect(notebooks.notebook).toHaveAttribute('data-notebook', 'Heights EDA', { timeout: 30_000 });
  await expect(notebooks.cells).toHaveCount(8);

  // Run all: SQL tables and JavaScript charts appear.
  await notebooks.runAll.click();
  await expect(notebooks.charts).toHaveCount(2, { timeout: 30_000 });
  await expect(notebooks.tables).toHaveCount(2);
  await expect(notebooks.tables.first().getByTestId('table-footer')).toContainText('100 rows');
  await expect(notebooks.page.locator('[data-testid="cell"][data-status="error"]')).toHaveCount(0);
  await expect(notebooks.cell(4).getByTestId('table-output')).toContainText('67.9');

  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await notebooks.cell(4).scrollIntoViewIfNeeded();
    await saveScreenshot(app, `notebook-run-${scheme}`);
    await notebooks.charts.nth(1).scrollIntoViewIfNeeded();
    await saveScreenshot(app, `notebook-charts-${scheme}`);
  }

  // Edit a SQL cell and run it with Shift+Enter: the result replaces the old one, focus moves on.
  const query = notebooks.cell(2);
  await notebooks.typeInto(query, 'SELECT count(*) AS tall FROM heights WHERE height_in > 70');
  await app.keyboard.press('Shift+Enter');
  await expect(query.getByTestId('table-output')).toContainText('tall');
  await expect(query.getByTestId('table-footer')).toHaveText(/^1 row/);

  // An error points at its line.
  await notebooks.typeInto(query, 'SELECT height_in,\n  wieght FROM heights');
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(query.getByTestId('error-position')).toHaveText('at line 2, column 3');
  await saveScreenshot(app, 'notebook-error-dark');

  // A long query can be interrupted.
  await notebooks.typeInto(
    query,
    'SELECT count(*) FROM range(100000000) a, range(100000) b WHERE a.range + b.range < 0',
  );
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(query).toHaveAttribute('data-status', 'running');
  await notebooks.interrupt.click();
  await expect(query.getByTestId('error-output')).toContainText('interrupted', { timeout: 10_000 });

  // The edit is saved, and survives a reload.
  await notebooks.typeInto(query, 'SELECT 42 AS answer');
  await expect(notebooks.saveState).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
  await app.reload();
  await expect(app.locator('body')).toHaveAttribute('data-app-state', 'ready', { timeout: 30_000 });
  await expect(notebooks.notebook).toHaveAttribute('data-notebook', 'Heights EDA', { timeout: 30_000 });
  await expect(notebooks.cell(2)).toContainText('SELECT 42 AS answer');
});

test('JavaScript cells print, point at their failing line, and an endless loop is interrupted', async ({
  app,
}) => {
  const notebooks = new NotebookPage(app);
  const shell = new ShellPage(app);
  await notebooks.open();
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `notebooks-empty-${scheme}`);
  }
  await app.getByTestId('new-notebook').first().click();
  await app.getByTestId('notebook-name').fill('Scratch');
  await app.getByTestId('notebook-name-submit').click();
  await expect(notebooks.notebook).toHaveAttribute('data-notebook', 'Scratch');
  // A new notebook starts from the Ingest → EDA → Conclusion template; add cells after it.
  const before = await notebooks.cells.count();
  await app.getByTestId('add-js').click();
  const cell = notebooks.cell(before);

  await notebooks.typeInto(cell, "console.log('hello', { n: 1 });\nmlw.markdown('**done**');");
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(cell.getByTestId('text-output')).toContainText('hello {');
  await expect(cell.getByTestId('markdown-output')).toHaveText('done');

  await notebooks.typeInto(cell, 'const a = 1;\nnotDefined(a);');
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(cell.getByTestId('error-output')).toContainText('notDefined is not defined');
  await expect(cell.getByTestId('error-position')).toContainText('at line 2');

  // A chart from a result in a few clicks: Chart, pick the columns, Add chart.
  await app.getByTestId('add-sql').click();
  const sql = notebooks.cell(before + 1);
  await notebooks.typeInto(sql, 'SELECT range % 7 AS v FROM range(500)');
  await app.keyboard.press('ControlOrMeta+Enter');
  await sql.getByTestId('chart-builder-open').click();
  await sql.getByTestId('chart-builder-add').click();
  await expect(sql.getByTestId('chart-output')).toHaveAttribute('data-chart-type', 'histogram');

  await notebooks.typeInto(cell, 'while (true) {}');
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(cell).toHaveAttribute('data-status', 'running');
  await notebooks.interrupt.click();
  await expect(cell.getByTestId('error-output')).toContainText('interrupted');
  await expect(cell).toHaveAttribute('data-status', 'error');
});
