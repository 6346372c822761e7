import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
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

test('command mode: keys select, insert, delete with undo, move, change kind, run and save', async ({
  app,
}) => {
  const notebooks = new NotebookPage(app);
  const shell = new ShellPage(app);
  await notebooks.open();
  await notebooks.create('Keys');
  // The EDA template: Markdown, Markdown, SQL, Markdown, SQL, JavaScript, Markdown, Markdown.
  await expect(notebooks.cells).toHaveCount(8);
  const count = await notebooks.cells.count();

  // A notebook opens in command mode on its first cell.
  await expect(notebooks.cell(0)).toBeFocused();
  await expect(notebooks.cell(0)).toHaveAttribute('data-mode', 'command');

  // Up/Down and K/J move between cells.
  await app.keyboard.press('j');
  await app.keyboard.press('ArrowDown');
  await expect(notebooks.cell(2)).toBeFocused();
  await app.keyboard.press('k');
  await expect(notebooks.cell(1)).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(notebooks.cell(2)).toHaveAttribute('data-kind', 'sql');

  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await notebooks.cell(2).focus();
    await saveScreenshot(app, `notebook-command-mode-${scheme}`);
  }

  // B inserts below (a SQL cell after a SQL cell), A above; D D deletes the new empty one.
  await app.keyboard.press('b');
  await expect(notebooks.cells).toHaveCount(count + 1);
  await expect(notebooks.cell(3)).toBeFocused();
  await expect(notebooks.cell(3)).toHaveAttribute('data-kind', 'sql');
  await app.keyboard.press('a');
  await expect(notebooks.cells).toHaveCount(count + 2);
  await expect(notebooks.cell(3)).toBeFocused();
  await app.keyboard.press('d');
  await app.keyboard.press('d');
  await expect(notebooks.cells).toHaveCount(count + 1);
  await app.keyboard.press('d');
  await app.keyboard.press('d');
  await expect(notebooks.cells).toHaveCount(count);

  // Deleting a cell with content is undone with Z...
  await app.keyboard.press('k');
  await expect(notebooks.cell(2)).toBeFocused();
  await expect(notebooks.cell(2)).toContainText('my_dataset LIMIT 100');
  await app.keyboard.press('d');
  await app.keyboard.press('d');
  await expect(notebooks.cells).toHaveCount(count - 1);
  await expect(notebooks.cell(2)).not.toContainText('my_dataset LIMIT 100');
  await expect(app.getByText('Cell deleted').last()).toBeVisible();
  await app.keyboard.press('z');
  await expect(notebooks.cells).toHaveCount(count);
  await expect(notebooks.cell(2)).toContainText('my_dataset LIMIT 100');
  await expect(notebooks.cell(2)).toBeFocused();
  // ...and with the notification's Undo button.
  await app.keyboard.press('d');
  await app.keyboard.press('d');
  await expect(notebooks.cells).toHaveCount(count - 1);
  await app.getByTestId('undo-button').last().click();
  await expect(notebooks.cells).toHaveCount(count);
  await expect(notebooks.cell(2)).toContainText('my_dataset LIMIT 100');

  // M, Y, 1, 2 change the kind; Alt+Down moves the cell; Ctrl/Cmd+Z undoes the move.
  await notebooks.cell(2).focus();
  await app.keyboard.press('m');
  await expect(notebooks.cell(2)).toHaveAttribute('data-kind', 'markdown');
  await app.keyboard.press('y');
  await expect(notebooks.cell(2)).toHaveAttribute('data-kind', 'sql');
  await app.keyboard.press('2');
  await expect(notebooks.cell(2)).toHaveAttribute('data-kind', 'javascript');
  await app.keyboard.press('1');
  await expect(notebooks.cell(2)).toHaveAttribute('data-kind', 'sql');
  await app.keyboard.press('Alt+ArrowDown');
  await expect(notebooks.cell(3)).toContainText('my_dataset LIMIT 100');
  await expect(notebooks.cell(3)).toBeFocused();
  await app.keyboard.press('ControlOrMeta+z');
  await expect(notebooks.cell(2)).toContainText('my_dataset LIMIT 100');

  // Enter edits; letters typed in the editor are text, not commands; Esc returns to command mode.
  await app.keyboard.press('Enter');
  await expect(notebooks.cell(2)).toHaveAttribute('data-mode', 'edit');
  await app.keyboard.press('ControlOrMeta+A');
  await app.keyboard.press('Delete');
  await app.keyboard.type('SELECT 6 * 7 AS answer -- dd mby');
  await expect(notebooks.cells).toHaveCount(count);
  await expect(notebooks.cell(2)).toHaveAttribute('data-kind', 'sql');
  await app.keyboard.press('Escape');
  await expect(notebooks.cell(2)).toBeFocused();
  await expect(notebooks.cell(2)).toHaveAttribute('data-mode', 'command');

  // Shift+Enter in command mode runs the cell and selects the next one.
  await app.keyboard.press('Shift+Enter');
  await expect(notebooks.cell(2).getByTestId('table-output')).toContainText('42');
  await expect(notebooks.cell(3)).toBeFocused();

  // I I interrupts a running cell from command mode.
  await notebooks.typeInto(
    notebooks.cell(2),
    'SELECT count(*) FROM range(100000000) a, range(100000) b WHERE a.range + b.range < 0',
  );
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(notebooks.cell(2)).toHaveAttribute('data-status', 'running');
  await app.keyboard.press('Escape');
  // Keys reach command mode only once the editor has handed focus back (slow on a loaded machine).
  await expect(notebooks.cell(2)).toHaveAttribute('data-mode', 'command');
  await app.keyboard.press('i');
  await app.keyboard.press('i');
  await expect(notebooks.cell(2).getByTestId('error-output')).toContainText('interrupted', {
    timeout: 10_000,
  });

  // Ctrl/Cmd+S saves at once, also from inside the editor, and the browser's own Save is kept away.
  await notebooks.typeInto(notebooks.cell(2), 'SELECT 1 AS saved_by_keys');
  // A string: the e2e code is compiled without the DOM's types.
  await app.evaluate(`window.addEventListener('keydown', (e) => {
    if (e.key === 's') document.body.dataset.saveKeyPrevented = String(e.defaultPrevented);
  })`);
  await app.keyboard.press('ControlOrMeta+s');
  await expect(notebooks.saveState).toHaveAttribute('data-state', 'saved', { timeout: 5_000 });
  await expect(app.locator('body')).toHaveAttribute('data-save-key-prevented', 'true');

  // H (or ?) shows every key; so does the keyboard button.
  await app.keyboard.press('Escape');
  await app.keyboard.press('h');
  await expect(notebooks.helpPopover).toBeVisible();
  await expect(notebooks.helpPopover).toContainText('Delete the cell');
  await app.keyboard.press('Escape');
  await expect(notebooks.helpPopover).toBeHidden();
  await expect(notebooks.cell(2)).toBeFocused();
  await notebooks.waitForNotificationsToClose();
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await notebooks.helpButton.click();
    await expect(notebooks.helpPopover).toBeVisible();
    await saveScreenshot(app, `notebook-shortcuts-${scheme}`);
    await app.keyboard.press('Escape');
  }

  // A new cell made Markdown keeps its source showing while it is typed, and renders when run.
  await notebooks.cell(0).focus();
  await app.keyboard.press('End');
  await app.keyboard.press('b');
  // By index: Shift+Enter on the last cell adds another after it.
  const last = notebooks.cell((await notebooks.cells.count()) - 1);
  await expect(last).toBeFocused();
  await app.keyboard.press('m');
  await expect(last).toHaveAttribute('data-kind', 'markdown');
  await app.keyboard.press('Enter');
  await app.keyboard.type('# Notes');
  await expect(last.getByTestId('cell-editor')).toBeVisible();
  await app.keyboard.press('Escape');
  await app.keyboard.press('Shift+Enter');
  await expect(last.getByTestId('markdown-output')).toHaveText('Notes');
  await expect(notebooks.cells.last()).toHaveAttribute('data-mode', 'edit');
});

test('a notebook is renamed from its title and moved to the trash only after asking', async ({ app }) => {
  const notebooks = new NotebookPage(app);
  const shell = new ShellPage(app);
  const dialogs: string[] = [];
  app.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });
  await notebooks.open();
  await notebooks.create('First');
  await notebooks.create('Second');

  // An edit made just before renaming goes with the notebook.
  await notebooks.typeInto(notebooks.cell(2), 'SELECT 2 AS edited_before_rename');
  await notebooks.title.click();
  await expect(notebooks.nameInput).toHaveValue('Second');
  await notebooks.nameInput.fill('first');
  await expect(app.getByText('A notebook named “First” already exists.')).toBeVisible();
  await expect(notebooks.nameSubmit).toBeDisabled();
  await notebooks.nameInput.fill('a/b');
  await expect(app.getByText(/“\/” cannot be in a name/)).toBeVisible();
  await notebooks.nameInput.fill('Renamed notes.ipynb');
  await expect(app.getByTestId('notebook-name-path')).toHaveText(
    'Saved as notebooks/Renamed notes.ipynb in the workspace.',
  );
  await notebooks.nameSubmit.click();
  await expect(notebooks.title).toHaveText('Renamed notes');
  await expect(notebooks.notebook).toHaveAttribute('data-notebook', 'Renamed notes');
  await expect(notebooks.listItem('Renamed notes')).toBeVisible();
  await expect(notebooks.listItem('Second')).toHaveCount(0);
  await expect(notebooks.cell(2)).toContainText('edited_before_rename');

  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await notebooks.title.click();
    await notebooks.nameInput.fill('First');
    await expect(notebooks.nameSubmit).toBeDisabled();
    await saveScreenshot(app, `notebook-rename-${scheme}`);
    await app.keyboard.press('Escape');
  }

  // Moving to the trash asks first, naming the file; Cancel keeps it.
  await notebooks.listAction('First', 'Move to trash…');
  await expect(notebooks.deleteDialog).toContainText('Move “First” to the trash?');
  await expect(app.getByTestId('delete-notebook-paths')).toHaveText(
    'notebooks/First.ipynb\n→ notebooks/.trash/',
  );
  await notebooks.deleteDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(notebooks.listItem('First')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await notebooks.listAction('First', 'Move to trash…');
    await expect(notebooks.deleteDialog).toBeVisible();
    await saveScreenshot(app, `notebook-delete-${scheme}`);
    await app.keyboard.press('Escape');
    await expect(notebooks.deleteDialog).toBeHidden();
  }
  await expect(notebooks.listItem('First')).toBeVisible();
  await notebooks.listAction('First', 'Move to trash…');
  await app.getByTestId('delete-notebook-confirm').click();
  await expect(notebooks.listItem('First')).toHaveCount(0);
  await expect(app.getByText(/notebooks\/\.trash\/First\./)).toBeVisible();
  expect(dialogs).toEqual([]);
});

test('a cut-off result says so: SQL outputs show N of M rows, mlw.sql warns and pages', async ({ app }) => {
  const notebooks = new NotebookPage(app);
  const shell = new ShellPage(app);
  await notebooks.open();
  await notebooks.create('Big');
  const before = await notebooks.cells.count();

  await app.getByTestId('add-sql').click();
  const sql = notebooks.cell(before);
  await notebooks.typeInto(sql, 'SELECT range AS i FROM range(25000)');
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(sql.getByTestId('table-footer')).toHaveText(/^Showing 1,000 of 25,000 rows/);

  await app.getByTestId('add-js').click();
  const js = notebooks.cell(before + 1);
  await notebooks.typeInto(
    js,
    [
      "const r = await mlw.sql('SELECT range AS i FROM range(25000)');",
      'mlw.print(r.rows.length, r.totalRows, r.truncated);',
      'let n = 0, pages = 0;',
      "for await (const page of mlw.sqlPages('SELECT range AS i FROM range(25000) ORDER BY i', { pageSize: 10000 })) { n += page.rows.length; pages++; }",
      "mlw.print('paged', n, pages);",
      "const all = await mlw.sql('SELECT range AS i FROM range(25000)', { limit: 30000 });",
      "mlw.print('limit', all.rows.length, all.truncated);",
      'mlw.table(r);',
    ].join('\n'),
  );
  await app.keyboard.press('ControlOrMeta+Enter');
  const texts = js.getByTestId('text-output');
  await expect(texts.first()).toContainText(
    'mlw.sql: the result has 25,000 rows; this holds the first 10,000.',
  );
  await expect(js.getByTestId('cell-outputs')).toContainText('10000 25000 true');
  await expect(js.getByTestId('cell-outputs')).toContainText('paged 25000 3');
  await expect(js.getByTestId('cell-outputs')).toContainText('limit 25000 false');
  await expect(js.getByTestId('table-footer')).toHaveText(/^Showing 10,000 of 25,000 rows/);
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await js.getByTestId('table-output').scrollIntoViewIfNeeded();
    await saveScreenshot(app, `notebook-truncated-${scheme}`);
  }

  // Asking for more than one call may carry is an error that says what to do, not a silent cap.
  await notebooks.typeInto(js, "await mlw.sql('SELECT 1', { limit: 200000 });");
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(js.getByTestId('error-output')).toContainText(
    'limit must be a whole number from 1 to 100,000',
  );
  await expect(js.getByTestId('error-output')).toContainText('mlw.sqlPages');
});

test('a JavaScript cell loads an ONNX model from the workspace and runs it in the model worker', async ({
  app,
  host,
}) => {
  await mkdir(join(host.workspace, 'models'), { recursive: true });
  await copyFile(
    '/usr/share/libonnx-testdata/data/node/test_add/model.onnx',
    join(host.workspace, 'models', 'add.onnx'),
  );
  const notebooks = new NotebookPage(app);
  await notebooks.open();
  await app.getByTestId('new-notebook').first().click();
  await app.getByTestId('notebook-name').fill('Model run');
  await app.getByTestId('notebook-name-submit').click();
  await expect(notebooks.notebook).toHaveAttribute('data-notebook', 'Model run');
  const before = await notebooks.cells.count();
  await app.getByTestId('add-js').click();
  const cell = notebooks.cell(before);

  await notebooks.typeInto(
    cell,
    [
      "const add = await mlw.model('models/add.onnx');",
      "mlw.print(add.inputs.map((i) => `${i.name} ${i.type} [${i.shape}]`).join('; '));",
      'const ones = Array.from({ length: 60 }, (_, i) => i);',
      "const out = await add.run({ x: mlw.tensor('float32', [3, 4, 5], ones), y: mlw.tensor('float32', [3, 4, 5], ones) });",
      'mlw.print(`sum ${JSON.stringify(out.sum.dims)} ${JSON.stringify(Array.from(out.sum.data.slice(0, 4)))}`);',
      "await add.run({ x: mlw.tensor('float64', [3, 4, 5], ones), y: mlw.tensor('float32', [3, 4, 5], ones) });",
    ].join('\n'),
  );
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(cell.getByTestId('text-output').first()).toContainText('x float32 [3,4,5]; y float32 [3,4,5]');
  await expect(cell.getByTestId('text-output').nth(1)).toContainText('sum [3,4,5] [0,2,4,6]');
  await expect(cell.getByTestId('error-output')).toContainText(
    'input x: expected float32 [3, 4, 5], got float64 [3, 4, 5]',
  );
  await expect(cell.getByTestId('error-position')).toContainText('at line 6');
  await cell.getByTestId('error-output').scrollIntoViewIfNeeded();
  for (const scheme of ['light', 'dark'] as const) {
    await new ShellPage(app).useColorScheme(scheme);
    await saveScreenshot(app, `notebook-model-run-${scheme}`);
  }
});
