import { test as base, expect, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserHost, type BrowserHost } from './support/browserHost.js';

interface Options {
  /** Console errors a test provokes on purpose (e.g. failed reconnects); any other fails it. */
  expectedConsoleErrors: RegExp[];
}

interface Fixtures {
  /** A browser host of its own, on a fresh temporary workspace, stopped after the test. */
  host: BrowserHost;
  /** The page, signed in through the host's token URL and past `data-app-state="ready"`. */
  app: Page;
}

export const test = base.extend<Fixtures & Options>({
  expectedConsoleErrors: [[], { option: true }],
  // Playwright reads a fixture's dependencies from its first parameter; this one has none.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use, testInfo) => {
    const workspace = await mkdtemp(join(tmpdir(), 'mlw-e2e-'));
    const host = await startBrowserHost(workspace);
    try {
      await use(host);
    } finally {
      await host.stop();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('browser-host.log', { body: host.output(), contentType: 'text/plain' });
      }
      await rm(workspace, { recursive: true, force: true });
    }
  },
  app: async ({ page, host, expectedConsoleErrors }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error' || expectedConsoleErrors.some((pattern) => pattern.test(message.text())))
        return;
      problems.push(`console error: ${message.text()} (${message.location().url})`);
    });
    const response = await page.goto(host.url);
    if (!response?.ok()) {
      throw new Error(
        `The browser host answered HTTP ${response?.status()} for the app page at ${response?.url()}: ` +
          'it is not serving the built renderer (out/renderer).',
      );
    }
    await expect(page.locator('body')).toHaveAttribute('data-app-state', 'ready');
    await use(page);
    // A CSP violation or an uncaught error is a failure even when every assertion passed.
    expect(problems, 'errors in the page').toEqual([]);
  },
});

export { expect };
