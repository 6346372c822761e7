import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the browser host (`out/main/browser.js`, built by `npm run build`) in the
 * system Chromium: Playwright's own browser downloads are unreachable on our machines.
 */
export default defineConfig({
  testDir: 'e2e',
  // Each test starts its own host on a fresh workspace; two at once is what a 2-core box carries.
  workers: 2,
  fullyParallel: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e-artifacts',
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.MLW_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
