import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from './fixtures.js';
import { DataPage } from './pages/DataPage.js';
import { DriftPage } from './pages/DriftPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { LONG_COLUMN } from './support/csvFiles.js';
import { saveScreenshot } from './support/screenshots.js';

const ROWS = 2_000;
const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 2, 1);

/** A seeded generator (mulberry32), so every run draws the same rows. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function normal(next: () => number, mean: number, std: number): number {
  const u = Math.max(next(), Number.MIN_VALUE);
  return mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}

function category(next: () => number, weights: [string, number][]): string {
  let draw = next();
  for (const [name, weight] of weights) {
    if (draw < weight) return name;
    draw -= weight;
  }
  return weights[weights.length - 1]![0];
}

const BASE_MIX: [string, number][] = [
  ['retail', 0.5],
  ['wholesale', 0.3],
  ['online', 0.2],
];
const SHIFTED_MIX: [string, number][] = [
  ['retail', 0.2],
  ['wholesale', 0.3],
  ['online', 0.5],
];

/**
 * 2,000 loans. The current copy spans four days: the first like the baseline, the next three with
 * income one standard deviation (10) higher and the segment mix turned around; age and the long
 * column never change; customer_id differs on every row (it must be ignored).
 */
async function writeLoans(path: string, shifted: boolean): Promise<void> {
  const next = random(shifted ? 7 : 3);
  const header = ['customer_id', 'income', 'segment', 'age', LONG_COLUMN, ...(shifted ? ['ts'] : [])];
  const lines = [header.join(',')];
  for (let i = 0; i < ROWS; i += 1) {
    const day = Math.floor((i * 4) / ROWS);
    const moved = shifted && day > 0;
    const row = [
      shifted ? 100_000 + i : i,
      normal(next, moved ? 60 : 50, 10).toFixed(2),
      category(next, moved ? SHIFTED_MIX : BASE_MIX),
      Math.round(normal(next, 40, 12)),
      normal(next, 1_000, 250).toFixed(2),
    ];
    if (shifted)
      row.push(
        new Date(START + day * DAY_MS + (i % 500) * 60_000).toISOString().slice(0, 19).replace('T', ' '),
      );
    lines.push(row.join(','));
  }
  await writeFile(path, `${lines.join('\n')}\n`);
}

test('a drift report between a baseline and a shifted copy flags the shifted columns first', async ({
  app,
}, testInfo) => {
  test.setTimeout(180_000);
  const shell = new ShellPage(app);
  const data = new DataPage(app);
  const drift = new DriftPage(app);
  const baseline = testInfo.outputPath('loans_baseline.csv');
  const current = testInfo.outputPath('loans_current.csv');
  await writeLoans(baseline, false);
  await writeLoans(current, true);

  await shell.useColorScheme('light');
  await shell.goTo('drift');
  await expect(app.getByTestId('drift-reports-empty')).toBeVisible();
  await expect(app.getByTestId('drift-side-baseline-no-datasets')).toBeVisible();
  await saveScreenshot(app, 'drift-empty-light');

  await shell.goTo('data');
  for (const file of [baseline, current]) {
    await data.importFile(file);
    await expect(data.detail).toBeVisible({ timeout: 30_000 });
  }

  // The palette's action opens the form.
  await app.keyboard.press('Control+K');
  await shell.paletteSearch.fill('new drift');
  await shell.paletteAction('New drift report').click();
  await expect(drift.form).toBeVisible();

  await drift.chooseDataset('baseline', 'loans_baseline');
  await drift.chooseDataset('current', 'loans_current');
  await drift.openSettings('columns');
  await drift.ignoreColumn('customer_id');
  await drift.openSettings('verdict');
  await app.getByTestId('drift-share').fill('40');
  await app.getByTestId('drift-window').getByText('Day', { exact: true }).click();
  await app.getByTestId('drift-time-column').fill('ts');
  await app.getByTestId('drift-time-column').press('Escape');
  await app.getByTestId('drift-check-constraints').check();
  // A per-column test: the choices are those for the column's kind (segment is categorical).
  await drift.openSettings('tests');
  await app.getByRole('button', { name: 'Choose a column’s test' }).click();
  const override = app.getByTestId('drift-column-test');
  await override.getByTestId('drift-override-column').fill('segment');
  await override.getByTestId('drift-override-column').press('Escape');
  await override.getByTestId('drift-test-choice').click();
  await expect(app.getByRole('option', { name: /Kolmogorov/ })).toHaveCount(0);
  await app.getByRole('option', { name: 'PSI (distance)' }).click();
  await saveScreenshot(app, 'drift-form-light');

  // A side that cannot be read fails the run with what to do, and the form stays as it was.
  await app.getByTestId('drift-side-current-kind').getByText('File', { exact: true }).click();
  await app.getByTestId('drift-side-current-path').fill('no-such-file.csv');
  await drift.runButton.click();
  const failure = app.getByTestId('drift-run-status').getByTestId('error-alert');
  await expect(failure).toBeVisible({ timeout: 30_000 });
  await expect(failure.getByTestId('error-hint')).not.toBeEmpty();
  await saveScreenshot(app, 'drift-run-error-light');
  await app.getByTestId('drift-side-current-kind').getByText('Data set', { exact: true }).click();

  await drift.runButton.click();
  await expect(drift.report).toBeVisible({ timeout: 60_000 });
  await expect(failure).toBeHidden();
  await expect(drift.reportItems).toHaveCount(1);

  await expect(drift.verdict).toHaveAttribute('data-drift', 'true');
  await expect(drift.verdictText).toHaveText('2 of 4 columns drifted');
  await expect(app.getByTestId('drift-share-text')).toHaveText('50% ≥ threshold 40%');
  await expect(app.getByTestId('drift-report-path')).toHaveAttribute(
    'data-path',
    /^drift\/.+\/report\.html$/,
  );
  // The self-contained page comes through the host, so it downloads from browser mode too.
  const download = app.waitForEvent('download');
  await app.getByTestId('drift-report-download-html').click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^drift-.+\.html$/);
  const html = await readFile(await saved.path(), 'utf8');
  expect(html).toMatch(/^<!doctype html>/i);
  expect(html).toContain('2 of 4 compared columns drifted');

  const order = await drift.columnOrder();
  expect(order.slice(0, 2).sort()).toEqual(['income', 'segment']);
  expect(order.slice(2).sort()).toEqual(['age', LONG_COLUMN].sort());
  await expect(drift.row('segment')).toContainText('PSI');
  for (const column of ['income', 'segment'])
    await expect(drift.row(column)).toHaveAttribute('data-drift', 'true');
  for (const column of ['age', LONG_COLUMN])
    await expect(drift.row(column)).toHaveAttribute('data-drift', 'false');
  await expect(drift.rows.first().getByTestId('mini-histogram')).toBeVisible();
  // A long name is cut to the column's width with the whole name in its title.
  await expect(drift.row(LONG_COLUMN).locator('td').first().locator('[title]')).toHaveAttribute(
    'title',
    LONG_COLUMN,
  );
  await saveScreenshot(app, 'drift-report-light');

  // A click opens a column's detail; the arrow keys move it down the summary.
  await drift.row('income').click();
  await expect(drift.detail).toHaveAttribute('data-column', 'income');
  await expect(drift.detail.getByTestId('drift-distribution')).toHaveAttribute('data-kind', 'bins');
  await expect(drift.detail.getByTestId('drift-side-stats').locator('[data-stat="Rows"] td')).toHaveText([
    'Rows',
    '2,000',
    '2,000',
  ]);
  await saveScreenshot(app, 'drift-detail-numeric-light');
  await app.keyboard.press('ArrowDown');
  await expect(drift.detail).toHaveAttribute('data-column', order[1]!);
  // A click on the open row closes it, so the categorical column is clicked only when not open.
  if (order[1] !== 'segment') await drift.row('segment').click();
  await expect(drift.detail.getByTestId('drift-distribution')).toHaveAttribute('data-kind', 'categories');
  await saveScreenshot(app, 'drift-detail-categorical-light');
  await app.keyboard.press('Escape');
  await expect(drift.detail).toBeHidden();

  await drift.tab('time').click();
  const chart = app.getByTestId('drift-over-time-chart');
  await expect(chart).toHaveAttribute('data-windows', '4');
  await expect(chart).toHaveAttribute('data-first-crossing', new Date(START + DAY_MS).toISOString());
  await expect(app.getByTestId('drift-first-crossing')).toContainText('first reached 40%');
  await expect(chart.getByTestId('drift-crossing-dot')).toHaveCount(1);
  await app.getByTestId('drift-over-time-column').click();
  await app.getByRole('option', { name: 'income', exact: true }).click();
  await saveScreenshot(app, 'drift-over-time-light');

  // Constraints suggested from the baseline: shifted incomes fall outside the baseline's range.
  await drift.tab('constraints').click();
  await expect(
    app.locator('[data-testid="drift-constraint-violations"] tr[data-check="out-of-range"]').first(),
  ).toContainText('income');
  await saveScreenshot(app, 'drift-constraints-light');

  await drift.tab('schema').click();
  await expect(app.locator('[data-testid="drift-schema-issue"][data-problem="ignored"]')).toContainText(
    'customer_id',
  );

  await shell.useColorScheme('dark');
  await drift.tab('columns').click();
  await drift.row('segment').click();
  await saveScreenshot(app, 'drift-detail-categorical-dark');
  await drift.tab('time').click();
  await saveScreenshot(app, 'drift-over-time-dark');
  await app.getByTestId('drift-new').click();
  await saveScreenshot(app, 'drift-form-dark');

  // Moving the report to the trash asks first, then the list teaches the next step again.
  await drift.reportItems.first().hover();
  await app.getByTestId('drift-report-remove').click();
  await expect(app.getByTestId('drift-remove-paths')).toContainText('drift/');
  await app.getByTestId('drift-remove-confirm').click();
  await expect(app.getByTestId('drift-reports-empty')).toBeVisible();
});
