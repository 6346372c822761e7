import { expect, test } from './fixtures.js';
import { ShellPage, sectionIds } from './pages/ShellPage.js';
import { saveScreenshot } from './support/screenshots.js';

test('every section opens from the sidebar', async ({ app }) => {
  const shell = new ShellPage(app);
  for (const section of sectionIds) {
    await shell.navLink(section).click();
    await expect(shell.screen(section)).toBeVisible();
    await expect(shell.navLink(section)).toHaveAttribute('aria-current', 'page');
  }
  await expect(shell.screen('jobs')).toContainText('No jobs yet');
  await shell.goTo('conversion');
  await expect(app.getByTestId('upcoming-section')).toContainText('Not built yet');
  await shell.goTo('models');
  await expect(app.getByTestId('models-start')).toBeVisible();
});

test('every section opens with Ctrl+digit, also from a search box, and back/forward follow', async ({
  app,
}) => {
  const shell = new ShellPage(app);
  for (const section of [...sectionIds].reverse()) {
    await shell.pressSectionShortcut(section);
    await expect(shell.screen(section)).toBeVisible();
  }
  await app.getByTestId('dataset-search').focus();
  await shell.pressSectionShortcut('jobs');
  await expect(shell.screen('jobs')).toBeVisible();
  await app.goBack();
  await expect(shell.screen('data')).toBeVisible();
});

test('the sidebar is reachable by keyboard with a visible focus ring', async ({ app }) => {
  const shell = new ShellPage(app);
  await shell.navLink('drift').focus();
  await app.keyboard.press('Tab');
  await expect(shell.navLink('containers')).toBeFocused();
  await expect(shell.navLink('containers')).not.toHaveCSS('outline-style', 'none');
  await app.keyboard.press('Enter');
  await expect(shell.screen('containers')).toBeVisible();
});

test('the theme toggles, and the choice survives a reload', async ({ app }) => {
  const shell = new ShellPage(app);
  const initial = await shell.colorScheme();
  const other = initial === 'dark' ? 'light' : 'dark';
  await shell.themeToggle.click();
  await expect(app.locator('html')).toHaveAttribute('data-mantine-color-scheme', other);
  await app.reload();
  await expect(app.locator('body')).toHaveAttribute('data-app-state', 'ready');
  await expect(app.locator('html')).toHaveAttribute('data-mantine-color-scheme', other);
});

test('the command palette opens with Ctrl+K and runs navigation and theme commands', async ({ app }) => {
  const shell = new ShellPage(app);
  await app.keyboard.press('Control+K');
  await expect(shell.paletteSearch).toBeFocused();
  for (const section of ['Data', 'Notebooks', 'Models', 'Conversion', 'Drift', 'Containers', 'Jobs']) {
    await expect(shell.paletteAction(`Go to ${section}`)).toBeVisible();
  }
  await expect(shell.paletteAction('Import data set…')).toBeVisible();
  await shell.paletteSearch.fill('drift');
  await app.keyboard.press('Enter');
  await expect(shell.screen('drift')).toBeVisible();
  await expect(shell.paletteSearch).toBeHidden();

  const before = await shell.colorScheme();
  await app.getByTestId('open-command-palette').click();
  await shell.paletteSearch.fill('toggle theme');
  await app.keyboard.press('Enter');
  await expect(app.locator('html')).not.toHaveAttribute('data-mantine-color-scheme', before ?? '');
});

test('the status bar shows the Docker engine, the workspace and the running jobs', async ({ app, host }) => {
  const shell = new ShellPage(app);
  await expect(shell.engineStatus).toHaveText(/^Docker (\d+\.\d+\S*|not reachable)$/);
  const reachable = await shell.engineStatus.getAttribute('data-reachable');
  await shell.engineStatus.hover();
  await expect(app.getByRole('tooltip')).toContainText(
    reachable === 'true' ? 'Engine at' : /Start Docker|Docker socket|DOCKER_HOST/,
  );
  await expect(shell.workspacePath).toContainText(host.workspace.split('/').at(-1) ?? '');
  await expect(shell.runningJobs).toHaveText('No jobs running');
  await shell.runningJobs.click();
  await expect(shell.screen('jobs')).toBeVisible();
});

test.describe('when the host goes away', () => {
  test.use({ expectedConsoleErrors: [/WebSocket connection to .* failed/] });

  test('the status bar says the window is reconnecting', async ({ app, host }) => {
    await host.stop();
    await expect(app.getByTestId('connection-state')).toHaveText('Reconnecting…');
  });
});

test('a host that does not answer at start gets a screen that says what to do', async ({ page, host }) => {
  await page.routeWebSocket(/\/api\/rpc$/, (socket) => socket.close());
  await page.goto(host.url);
  await expect(page.locator('body')).toHaveAttribute('data-app-state', 'error', { timeout: 30_000 });
  const screen = page.getByTestId('host-unreachable');
  await expect(screen).toContainText('The workbench is not answering');
  await expect(screen).toContainText(/reconnects|link it printed/);
  await expect(screen.getByRole('button', { name: 'Try again' })).toBeVisible();
  await saveScreenshot(page, 'host-unreachable');
});
