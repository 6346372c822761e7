import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures.js';
import { ShellPage } from './pages/ShellPage.js';
import { saveScreenshot } from './support/screenshots.js';

/** x spread evenly over 0..99 in the baseline; the captures over the last 20 minutes, x moved by 40. */
async function writeFiles(workspace: string): Promise<string> {
  const baseline = join(workspace, 'baseline.csv');
  const rows = Array.from({ length: 1200 }, (_, i) => `${(i * 37) % 100},${i % 2}`);
  await writeFile(baseline, `x,flag\n${rows.join('\n')}\n`);
  const folder = join(workspace, 'captures', 'scorer');
  await mkdir(folder, { recursive: true });
  const now = Date.now();
  const byDay = new Map<string, string[]>();
  for (let i = 0; i < 300; i++) {
    const ts = new Date(now - (300 - i) * 4_000).toISOString();
    const line = JSON.stringify({
      ts,
      requestId: `r${i}`,
      model: 'm',
      version: 1,
      route: '/predict',
      inputs: { input: [((i * 37) % 100) + 40, i % 2] },
      outputs: { y: [0] },
    });
    byDay.set(ts.slice(0, 10), [...(byDay.get(ts.slice(0, 10)) ?? []), line]);
  }
  for (const [day, lines] of byDay) await writeFile(join(folder, `${day}.jsonl`), `${lines.join('\n')}\n`);
  return baseline;
}

test('a monitor checks on its schedule, notifies when the captures drift, and opens from the notification', async ({
  app,
  host,
}) => {
  test.setTimeout(120_000);
  const baseline = await writeFiles(host.workspace);
  const shell = new ShellPage(app);
  await shell.goTo('drift');
  await app.getByTestId('drift-monitors-open').click();
  await expect(app.getByTestId('monitors-empty')).toBeVisible();

  await app.getByTestId('monitor-deployment').fill('nobody');
  await app.getByTestId('monitor-baseline-kind').getByText('File').click();
  await app.getByTestId('monitor-baseline-path').fill(baseline);
  await app.getByTestId('monitor-add-submit').click();
  await expect(app.getByTestId('monitor-add-error')).toContainText('nobody has nothing to monitor');

  await app.getByTestId('monitor-deployment').fill('scorer');
  // Every 6 s, so the schedule itself runs within the test.
  await app.getByTestId('monitor-every').fill('0.1');
  await app.getByTestId('monitor-lookback').fill('1');
  await app.getByTestId('monitor-add-submit').click();
  const row = app.getByTestId('monitor-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('never');

  await shell.goTo('data');
  const alert = app.getByTestId('drift-alert');
  await expect(alert).toContainText('scorer: the data set drifted (1 of 2 columns); x newly drifted', {
    timeout: 30_000,
  });
  await saveScreenshot(app, 'drift-monitor-alert');
  await expect(alert.getByTestId('drift-alert-report')).toBeVisible();
  await app.getByTestId('drift-alert-open').click();
  await expect(app.getByTestId('drift-monitors')).toBeVisible();
  await expect(row.getByTestId('monitor-verdict')).toContainText('Drift');
  await expect(row.getByTestId('monitor-verdict')).toContainText('x');
  await expect(row).toContainText('300');
  await saveScreenshot(app, 'drift-monitors');
  // It stays drifted: later checks raise no second notification.
  await app.waitForTimeout(8_000);
  await expect(alert).toHaveCount(0);

  // The check that raised the alert kept its report: the column that moved is in it.
  await shell.goTo('drift');
  await expect(app.getByTestId('drift-report-item')).toHaveCount(1);
  await app.getByTestId('drift-report-item').click();
  await expect(app.getByTestId('drift-current')).toContainText('scorer');
  await app.getByTestId('drift-monitors-open').click();

  await row.getByTestId('monitor-check').click();
  await expect(row.getByTestId('monitor-check')).not.toHaveAttribute('data-loading', 'true');
  await row.getByTestId('monitor-remove').click();
  await app.getByTestId('monitor-remove-confirm').click();
  await expect(app.getByTestId('monitors-empty')).toBeVisible();
});
