import { writeFile } from 'node:fs/promises';
import { expect, test } from './fixtures.js';
import { DataPage } from './pages/DataPage.js';
import { JobsPage } from './pages/JobsPage.js';
import { ShellPage, sectionIds } from './pages/ShellPage.js';
import { BROKEN_QUOTING, writeLargeCsv, writePeopleCsv } from './support/csvFiles.js';
import { saveScreenshot } from './support/screenshots.js';

for (const scheme of ['light', 'dark'] as const) {
  test(`every screen in the ${scheme} theme`, async ({ app }, testInfo) => {
    // Two of these run side by side, each uploading 70 MB through the browser: minutes on a busy CI box.
    test.setTimeout(180_000);
    const shell = new ShellPage(app);
    const data = new DataPage(app);
    const jobs = new JobsPage(app);
    await shell.useColorScheme(scheme);

    await expect(data.emptyDropzone).toBeVisible();
    await saveScreenshot(app, `data-empty-${scheme}`);
    await shell.goTo('jobs');
    await expect(jobs.empty).toBeVisible();
    await saveScreenshot(app, `jobs-empty-${scheme}`);

    await shell.goTo('data');
    const csv = testInfo.outputPath('customers-2024-q3.csv');
    await writePeopleCsv(csv);
    await data.importFile(csv);
    await expect(data.detail).toBeVisible();
    await saveScreenshot(app, `data-profile-${scheme}`);
    await data.toggleListButton.click();
    await expect(data.datasetItems).toHaveCount(0);
    await saveScreenshot(app, `data-profile-wide-${scheme}`);
    await data.toggleListButton.click();

    const broken = testInfo.outputPath('broken.csv');
    await writeFile(broken, BROKEN_QUOTING);
    await data.importFile(broken);
    await expect(data.importError).toBeVisible();
    await saveScreenshot(app, `data-import-error-${scheme}`);

    const big = testInfo.outputPath('big.csv');
    await writeLargeCsv(big);
    await data.importFile(big);
    // The 70 MB upload comes first; on a loaded machine it alone can take tens of seconds.
    await expect(data.importProgress.getByTestId('job-progress')).toBeVisible({ timeout: 120_000 });
    await saveScreenshot(app, `data-import-progress-${scheme}`);
    // This test is after the screens; cancelling is import.spec's to prove. An import that finishes
    // before the click leaves nothing to cancel, and the jobs list below has three rows either way.
    await data.importProgress
      .getByRole('button', { name: 'Cancel' })
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    await expect(data.importProgress).toBeHidden({ timeout: 30_000 });

    await shell.goTo('jobs');
    await expect(jobs.rows).toHaveCount(3);
    await saveScreenshot(app, `jobs-${scheme}`);
    await jobs.rows.first().click();
    await expect(jobs.logLines.first()).toBeVisible();
    await saveScreenshot(app, `jobs-log-${scheme}`);
    await app.keyboard.press('Escape');

    for (const section of sectionIds.filter((id) => id !== 'data' && id !== 'jobs')) {
      await shell.goTo(section);
      await saveScreenshot(app, `${section}-${scheme}`);
    }

    await app.keyboard.press('Control+K');
    await expect(shell.paletteSearch).toBeVisible();
    await saveScreenshot(app, `command-palette-${scheme}`);
  });
}
