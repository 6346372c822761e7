import { join } from 'node:path';
import { expect, test } from './fixtures.js';
import { DataPage } from './pages/DataPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { TablePage } from './pages/TablePage.js';
import { writeLargeCsv } from './support/csvFiles.js';
import { saveScreenshot } from './support/screenshots.js';

const ROWS = 50_000;

for (const scheme of ['light', 'dark'] as const) {
  test(`the table view scrolls, sorts and filters 50,000 rows (${scheme})`, async ({ app }, testInfo) => {
    const shell = new ShellPage(app);
    const data = new DataPage(app);
    const table = new TablePage(app);
    await shell.useColorScheme(scheme);

    // id,group,value,label with id 0..49,999, group g0..g96, value (id * 0.37) % 1000.
    const csv = testInfo.outputPath('orders.csv');
    await writeLargeCsv(csv, ROWS);
    await data.importFile(csv);
    // Newer builds confirm an import in a preview dialog first; accept its detected settings.
    const confirm = app.getByRole('dialog').getByRole('button', { name: 'Import', exact: true });
    await expect(data.detail.or(confirm)).toBeVisible();
    if (await confirm.isVisible()) await confirm.click();
    await expect(data.detail).toBeVisible();
    await table.open();

    await expect(table.row(0).getByRole('gridcell').first()).toHaveText('0');
    await expect(table.status).toContainText('of 50,000');
    expect((await table.rowTexts(0)).slice(0, 5)).toEqual(['1', '0', 'g0', '0', 'row number 0']);
    await saveScreenshot(app, `table-${scheme}`);

    // Keyboard: focus the grid, Ctrl+End jumps to the last row; PageUp moves back a screen.
    await table.grid.focus();
    await app.keyboard.press('Control+End');
    await expect(table.row(ROWS - 1)).toBeVisible();
    // The row number shows at once; the cells when their page arrives.
    await expect(
      table
        .row(ROWS - 1)
        .getByRole('gridcell')
        .first(),
    ).toHaveText('49999');
    await expect(table.row(ROWS - 1).getByRole('rowheader')).toHaveText('50,000');
    await expect(table.cursorCell).toHaveText('row number 49999');
    await app.keyboard.press('PageUp');
    await app.keyboard.press('ArrowUp');
    await expect(table.cursorCell).not.toHaveText('row number 49999');
    await expect(table.status).toContainText(/rows [\d,]+-[\d,]+ of 50,000/);

    // Sort by value descending: click twice (asc, then desc).
    await app.keyboard.press('Control+Home');
    await table.sortBy('value');
    await expect(table.header('value')).toHaveAttribute('aria-sort', 'ascending');
    await table.sortBy('value');
    await expect(table.header('value')).toHaveAttribute('aria-sort', 'descending');
    await expect(table.status).toContainText('sorted by value ↓');
    await expect.poll(async () => Number((await table.rowTexts(0))[3])).toBeGreaterThan(999);
    await saveScreenshot(app, `table-sorted-${scheme}`);

    // Hover a header: the column statistics from the profile.
    await table.header('value').getByTitle('Sort by value').hover();
    await expect(app.getByTestId('column-stats')).toContainText('missing');
    // Taken directly: saveScreenshot parks the pointer, which would close the card.
    await app.screenshot({ path: join(import.meta.dirname, 'screenshots', `table-stats-${scheme}.png`) });
    await app.mouse.move(10, 10);

    // Filter group = g5: 50,000 / 97 rounded up or down.
    await table.filter('group', '=', 'g5');
    await expect(table.status).toContainText('1 filter');
    await expect(table.status).toContainText(/of 51[56]/);
    await expect(table.row(0)).toContainText('g5');
    await saveScreenshot(app, `table-filtered-${scheme}`);

    // A filter that matches nothing says so and offers to clear the filters.
    await table.filter('label', 'contains', 'no such label');
    await expect(table.empty).toContainText('No rows match these filters.');
    await saveScreenshot(app, `table-empty-${scheme}`);
    await table.empty.getByRole('button', { name: 'Clear filters' }).click();
    await expect(table.status).toContainText('of 50,000');
    await expect(table.status).not.toContainText('filter');
  });
}
