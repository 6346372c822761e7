import type { Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { contract } from '../src/shared/contract/index.js';
import { expect, test } from './fixtures.js';
import { DataPage } from './pages/DataPage.js';
import { ProfilePage, type ProfileTab } from './pages/ProfilePage.js';
import { ShellPage } from './pages/ShellPage.js';
import { saveScreenshot } from './support/screenshots.js';

const LONG_SEGMENT = 'enterprise customers on the annual plan with negotiated volume discounts';

/**
 * 400 rows with one column of each kind the profile tells apart, plus the cases its alerts and lint
 * exist for: an ID column, a missing-heavy column, a correlated pair, a skewed amount and a text field
 * holding line breaks, and two ragged rows. Every value follows from the row number, so the figures
 * below are known.
 */
async function writeMixedCsv(path: string, rows = 400): Promise<void> {
  const lines = ['customer_id,rating,amount,height_cm,weight_kg,segment,signup_date,active,referrer,comment'];
  for (let i = 0; i < rows; i += 1) {
    const height = 150 + ((i * 37) % 50) + 0.5;
    const segment = i % 17 === 0 ? LONG_SEGMENT : ['retail', 'wholesale', 'online'][i % 3];
    const day = new Date(Date.UTC(2023, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
    lines.push(
      [
        1000 + i,
        1 + (i % 5),
        Math.round(Math.exp(((i * 7919) % 400) / 60) * 100) / 100,
        height.toFixed(1),
        (height * 0.9 - 80 + (i % 7) * 0.3).toFixed(2),
        segment,
        day,
        i % 4 === 0 ? 'false' : 'true',
        i % 10 === 0 ? 'partner' : '',
        i % 50 === 0 ? '"first line\nsecond line"' : 'ok',
      ].join(','),
    );
  }
  // Two ragged rows (too few and too many fields): left out of the data set, listed by the lint.
  lines.splice(151, 0, 'only,three,fields');
  lines.splice(301, 0, 'one,two,three,four,five,six,seven,eight,nine,ten,eleven');
  await writeFile(path, `${lines.join('\n')}\n`);
}

const SENSOR = (i: number): string =>
  `sensor_array_${String(i).padStart(2, '0')}_temperature_calibrated_in_degrees_celsius_after_smoothing`;

/** 45 numeric columns with very long names and some gaps: the layout must survive both. */
async function writeWideCsv(path: string, rows = 120): Promise<void> {
  const columns = Array.from({ length: 45 }, (_, i) => SENSOR(i));
  const lines = [columns.join(',')];
  for (let r = 0; r < rows; r += 1) {
    lines.push(
      columns
        .map((_, c) => ((r + c) % 13 === 0 && c % 4 === 1 ? '' : ((r * (c + 3)) % 97) + (c % 5) * r * 0.1))
        .join(','),
    );
  }
  await writeFile(path, `${lines.join('\n')}\n`);
}

/**
 * Picks a file and, when the import asks to confirm its settings first (the preview dialog), accepts
 * the detected ones; then waits for that data set to open.
 */
async function importAndOpen(app: Page, path: string, slugPrefix: string): Promise<void> {
  const data = new DataPage(app);
  await data.importFile(path);
  const confirm = app.getByRole('dialog').getByRole('button', { name: 'Import', exact: true });
  const opened = app.locator(`[data-testid="dataset-detail"][data-slug^="${slugPrefix}"]`);
  await expect(confirm.or(opened)).toBeVisible({ timeout: 20_000 });
  if (await confirm.isVisible()) await confirm.click();
  await expect(opened).toBeVisible({ timeout: 20_000 });
}

async function importMixed(app: Page, outputPath: (name: string) => string) {
  const csv = outputPath('customers.csv');
  await writeMixedCsv(csv);
  await importAndOpen(app, csv, 'customers');
  return new ProfilePage(app);
}

test('the overview shows the figures and alerts, and an alert opens its column', async ({
  app,
}, testInfo) => {
  const profile = await importMixed(app, (name) => testInfo.outputPath(name));
  await profile.openTab('overview');
  await expect(profile.overviewFact('overview-rows')).toHaveText('400');
  await expect(profile.overviewFact('overview-columns')).toHaveText('10');
  await expect(profile.kindCount('boolean')).toContainText('1');
  await expect(profile.kindCount('datetime')).toContainText('1');

  // The ID-like column is flagged as unique, and its link opens that column's detail.
  const unique = profile.alert('unique', 'customer_id');
  await expect(unique).toHaveCount(1);
  await unique.getByTestId('alert-column').click();
  await expect(profile.panel('columns')).toBeVisible();
  await expect(profile.columnDetail).toHaveAttribute('data-column', 'customer_id');
  await expect(profile.columnRow('customer_id')).toHaveAttribute('aria-selected', 'true');

  // 90% of referrer is missing.
  await profile.openTab('overview');
  await expect(profile.alert('missing', 'referrer')).toHaveCount(1);
});

test('the column detail draws each kind, and the keyboard moves through columns', async ({
  app,
}, testInfo) => {
  const profile = await importMixed(app, (name) => testInfo.outputPath(name));
  await profile.openTab('columns');

  // rating takes five values, so five bins, each drawn.
  await profile.columnRow('rating').click();
  await expect(profile.histogram).toHaveAttribute('data-bins', '5');
  await expect(profile.histogramBars).toHaveCount(5);
  await expect(profile.statValue('Median')).toHaveText('3');
  await expect(profile.statValue('Minimum')).toHaveText('1');
  await profile.histogramBars.nth(2).hover();
  await expect(app.getByTestId('chart-tooltip-title')).toContainText('[');

  // Down moves to the next column; up comes back; Escape closes.
  await app.keyboard.press('ArrowDown');
  await expect(profile.columnDetail).toHaveAttribute('data-column', 'amount');
  await app.keyboard.press('ArrowUp');
  await expect(profile.columnDetail).toHaveAttribute('data-column', 'rating');
  await app.keyboard.press('Escape');
  await expect(profile.columnDetail).toBeHidden();

  await profile.columnRow('segment').click();
  await expect(profile.columnDetail).toHaveAttribute('data-kind', 'categorical');
  await expect(profile.barsOf('top-values')).toHaveCount(4);
  await expect(app.getByTestId('top-values').getByTestId('bar-label').filter({ hasText: '…' })).toHaveCount(
    1,
  );

  await profile.columnRow('signup_date').click();
  await expect(profile.columnDetail).toHaveAttribute('data-kind', 'datetime');
  await expect(profile.histogramBars.first()).toBeVisible();

  await profile.columnRow('active').click();
  await expect(profile.barsOf('boolean-counts')).toHaveCount(2);
  await expect(app.getByTestId('boolean-counts')).toContainText('300 · 75%');
});

test('correlations, missing values and lint show what the data holds', async ({ app }, testInfo) => {
  const profile = await importMixed(app, (name) => testInfo.outputPath(name));

  await profile.openTab('correlations');
  const pair = profile.heatmapCell('height_cm', 'weight_kg');
  await expect(pair).toBeVisible();
  expect(Number(await pair.getAttribute('data-value'))).toBeGreaterThan(0.9);
  await pair.hover();
  await expect(app.getByTestId('heatmap-tooltip')).toContainText('height_cm × weight_kg');
  await profile.chooseCorrelation('Spearman');
  await expect(profile.heatmapCell('height_cm', 'weight_kg')).toBeVisible();

  await profile.openTab('missing');
  await expect(app.getByTestId('missing-bars').getByTestId('bar-label').first()).toContainText('referrer');
  await expect(app.getByTestId('missing-pattern').first()).toBeVisible();

  await profile.openTab('alerts');
  const newlines = app.locator('[data-testid="lint-finding"][data-type="embedded_newlines"]');
  await expect(newlines).toHaveCount(1);
  await expect(newlines.getByTestId('lint-example').first()).toContainText('first lineLFsecond line');
  const ragged = app.locator('[data-testid="lint-finding"][data-type="ragged_rows"]');
  await expect(ragged).toContainText('2 rows have more or fewer fields than the header and were left out');
  await expect(ragged.getByTestId('lint-example')).toHaveText([
    'line 152: only,three,fields',
    'line 302: one,two,three,four,five,six,seven,eight,nine,ten,eleven',
  ]);
});

test('tabs say plainly when there is nothing to show', async ({ app }, testInfo) => {
  const profile = new ProfilePage(app);
  const csv = testInfo.outputPath('words.csv');
  await writeFile(csv, 'word,colour\nalpha,red\nbeta,blue\ngamma,red\ndelta,green\n');
  await importAndOpen(app, csv, 'words');
  await profile.openTab('correlations');
  await expect(app.getByTestId('correlations-empty')).toContainText('No numeric pairs to correlate');
  await profile.openTab('missing');
  await expect(app.getByTestId('missing-empty')).toContainText('No missing values');
  // The Table tab belongs to the table view; here only its place among the tabs is checked.
  await expect(profile.tab('table')).toBeVisible();
});

test('exports the profile as an HTML report and says where it went', async ({ app }, testInfo) => {
  test.skip(!('datasets.exportReport' in contract), 'the contract has no datasets.exportReport yet');
  const profile = await importMixed(app, (name) => testInfo.outputPath(name));
  await profile.detail.getByTestId('export-report').click();
  await expect(app.getByTestId('export-report-path')).toContainText(/\.html$/, { timeout: 20_000 });
  await saveScreenshot(app, 'profile-export-light');
});

const TABS: ProfileTab[] = ['overview', 'columns', 'correlations', 'missing', 'alerts'];

for (const scheme of ['light', 'dark'] as const) {
  test(`every profile tab in the ${scheme} theme`, async ({ app }, testInfo) => {
    test.setTimeout(120_000);
    const shell = new ShellPage(app);
    await shell.useColorScheme(scheme);
    const profile = await importMixed(app, (name) => testInfo.outputPath(name));
    for (const tab of TABS) {
      await profile.openTab(tab);
      await saveScreenshot(app, `profile-${tab}-${scheme}`);
    }
    // The Table tab hosts the table feature's grid (features/datasets/table/DatasetTable.tsx).
    await profile.openTab('table');
    await expect(app.getByTestId('dataset-table')).toBeVisible();
    await saveScreenshot(app, `profile-table-${scheme}`);
    for (const column of ['amount', 'segment', 'signup_date', 'active']) {
      await profile.openTab('columns');
      await profile.columnRow(column).click();
      await expect(profile.columnDetail).toHaveAttribute('data-column', column);
      await saveScreenshot(app, `profile-column-${column}-${scheme}`);
    }

    const wide = testInfo.outputPath('sensor-readings-with-a-rather-long-file-name-2024.csv');
    await writeWideCsv(wide);
    await importAndOpen(app, wide, 'sensor');
    for (const tab of TABS) {
      await profile.openTab(tab);
      await saveScreenshot(app, `profile-wide-${tab}-${scheme}`);
    }
    // The heatmap keeps the distinguishing part of long names and the full name in the title.
    await profile.openTab('correlations');
    await expect(profile.heatmap.getByTitle(SENSOR(7)).first()).toContainText('sensor_array_07');
    // Dozens of alerts of one type fold behind a link rather than burying the rest.
    await profile.openTab('overview');
    const before = await profile.alert('unique').count();
    await app.getByTestId('alerts-show-more').filter({ hasText: 'Unique' }).click();
    await expect.poll(() => profile.alert('unique').count()).toBeGreaterThan(before);
    await profile.openTab('columns');
    await profile.columnRow(SENSOR(7)).click();
    await saveScreenshot(app, `profile-wide-column-${scheme}`);
  });
}
