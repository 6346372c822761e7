import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Entry } from '@napi-rs/keyring';
import type { Page } from '@playwright/test';
import { KEYCHAIN_SERVICE } from '../src/main/services/containers/push/keychain.js';
import { startLocalRegistry, type LocalRegistry } from '../test/fixtures/localRegistry.js';
import type { ContainersPage } from './pages/ContainersPage.js';
import { ModelsPage } from './pages/ModelsPage.js';
import type { ShellPage } from './pages/ShellPage.js';
import { expect, test } from './fixtures.js';
import { makeLocalBase, openContainersOrSkip, removeImages } from './support/dockerEngine.js';
import { saveScreenshot } from './support/screenshots.js';

const SOFTMAX = '/usr/share/libonnx-testdata/data/node/test_softmax_example/model.onnx';
const hasRegistry = ['/usr/bin/docker-registry', '/usr/local/bin/docker-registry'].some(existsSync);
const login = { username: 'shipper', password: `s3cret-${randomBytes(4).toString('hex')}` };

let dir: string;
let savedDockerConfig: string | undefined;

// The host reads the Docker config when it looks for a saved login: this one is the test's, empty,
// so no login of the developer's own is found or used.
test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-e2e-ship-'));
  savedDockerConfig = process.env.DOCKER_CONFIG;
  process.env.DOCKER_CONFIG = join(dir, 'docker-config');
});

test.afterAll(async () => {
  if (savedDockerConfig === undefined) delete process.env.DOCKER_CONFIG;
  else process.env.DOCKER_CONFIG = savedDockerConfig;
  await rm(dir, { recursive: true, force: true });
});

/** Removes what "Remember" kept in this machine's keychain, where it has a backend. */
function forget(registry: string): void {
  try {
    new Entry(KEYCHAIN_SERVICE, registry).deletePassword();
  } catch {
    // Nothing was kept.
  }
}

async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() =>
    (
      globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
    ).navigator.clipboard.readText(),
  );
}

/** Every file under a folder as text, to look for a secret in. */
async function allText(folder: string): Promise<string> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return (await Promise.all(files.map((file) => readFile(file, 'latin1')))).join('\n');
}

test('pushes a build to a registry with a login (a wrong password refused first) and exports it for Kubernetes and KServe', async ({
  app,
  host,
}) => {
  // A build with its verification, then pushes, on a 2-core machine.
  test.setTimeout(300_000);
  const { shell, containers } = await openContainersOrSkip(app);
  test.skip(!hasRegistry, 'docker-registry is not installed (bash scripts/engines.sh install)');

  const registry = await startLocalRegistry(join(dir, 'registry'), login);
  const name = `softmax-shipped-with-a-long-registered-name-${randomBytes(3).toString('hex')}`;
  const target = `${registry.address}/mlw/${name}:1`;
  try {
    await buildPushExport(shell, containers, host.workspace, name, target, registry);
  } finally {
    forget(registry.address);
    await registry.stop();
    await removeImages([target, `mlw/${name}:1`]);
  }
  // The password went to the engine only: not into the workspace, nor the host's output.
  expect(await allText(host.workspace)).not.toContain(login.password);
  expect(host.output()).not.toContain(login.password);
});

async function buildPushExport(
  shell: ShellPage,
  containers: ContainersPage,
  workspace: string,
  name: string,
  target: string,
  registry: LocalRegistry,
): Promise<void> {
  const app = shell.page;
  await shell.goTo('models');
  await new ModelsPage(app).add(SOFTMAX, name);
  await app.getByTestId('model-build-image').click();
  await makeLocalBase(containers);
  await containers.buildDialog.getByTestId('build-start').click();
  await expect(containers.buildDetail).toHaveAttribute('data-status', 'built', { timeout: 180_000 });

  // A wrong password: the registry's refusal, and what to do about it. Each dialog picture is taken
  // in one theme, then the dialog is opened again in the other (the theme toggle is behind it).
  const push = app.getByTestId('push-dialog');
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await app.getByTestId('build-open-push').click();
    await expect(push.getByTestId('push-target')).toHaveValue(`mlw/${name}:1`);
    await push.getByTestId('push-target').fill(target);
    await expect(push.getByTestId('push-login-saved')).toHaveAttribute('data-source', 'none');
    await expect(push).toContainText(`No login is saved for ${registry.address}`);
    await push.getByTestId('push-login-enter').check();
    await push.getByTestId('push-username').fill(login.username);
    await push.getByTestId('push-password').fill('not-the-password');
    await saveScreenshot(app, `containers-push-dialog-${scheme}`);
    await push.getByTestId('push-start').click();
    const refusal = push.getByTestId('error-alert');
    await expect(refusal).toContainText('The registry refused the login', { timeout: 60_000 });
    await expect(refusal).toContainText(`The registry ${registry.address} refused`);
    await expect(refusal.getByTestId('error-hint')).toContainText('Check the username and the password');
    // The refused password is gone from the field, which has the focus for the next one.
    await expect(push.getByTestId('push-password')).toHaveValue('');
    await expect(push.getByTestId('push-password')).toBeFocused();
    await saveScreenshot(app, `containers-push-refused-${scheme}`);
    if (scheme === 'light') {
      await app.keyboard.press('Escape');
      await expect(push).toBeHidden();
    }
  }

  // The right one, remembered where the OS keychain has a backend; where not, the dialog says so.
  await push.getByTestId('push-password').fill(login.password);
  await push.getByTestId('push-remember').check();
  await push.getByTestId('push-start').click();
  await expect(push.getByTestId('push-done')).toBeVisible({ timeout: 60_000 });
  const digest = (await push.getByTestId('push-digest').textContent()) ?? '';
  expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  await expect(push.getByTestId('push-reference')).toHaveText(target);
  await expect(push.getByTestId('push-log')).toContainText(`Pushed ${target}`);
  await expect(
    push.getByTestId('push-remember-problem').or(push.getByTestId('push-remembered')),
  ).toBeVisible();
  const remembered = await push.getByTestId('push-remembered').isVisible();
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await push.getByTestId('push-digest-copy').click();
  expect(await readClipboard(app)).toBe(digest);
  await saveScreenshot(app, 'containers-push-done-dark');
  await push.getByTestId('push-close').click();
  await expect(push).toBeHidden();

  // Again from the palette, in light: it starts where the build went last; the layers are there.
  await shell.useColorScheme('light');
  await app.keyboard.press('Control+K');
  await shell.paletteSearch.fill('push image');
  await expect(shell.paletteAction('Push image…')).toBeVisible();
  await app.keyboard.press('Enter');
  await expect(push.getByTestId('push-build')).toBeVisible();
  await expect(push.getByTestId('push-target')).toHaveValue(target);
  if (remembered) {
    // Kept in the keychain: the saved login is found there, and named.
    await expect(push.getByTestId('push-login-saved')).toHaveAttribute('data-source', 'keychain');
    await expect(push).toContainText(`${login.username}, from the OS keychain`);
  } else {
    await push.getByTestId('push-login-enter').check();
    await push.getByTestId('push-username').fill(login.username);
    await push.getByTestId('push-password').fill(login.password);
  }
  await push.getByTestId('push-start').click();
  await expect(push.getByTestId('push-done')).toBeVisible({ timeout: 60_000 });
  await expect(push.getByTestId('push-digest')).toHaveText(digest);
  await saveScreenshot(app, 'containers-push-done-light');
  await push.getByTestId('push-close').click();

  // The build lists its pushes under Image.
  await containers.showBuildTab('image');
  await expect(app.getByTestId('build-push')).toHaveCount(2);
  await expect(app.getByTestId('build-push-digest').first()).toHaveText(digest.slice(7, 19));
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(app, `containers-build-pushes-${scheme}`);
  }

  // Kubernetes: the last push pinned by its digest; a setting the contract refuses is said by it.
  const exportDialog = app.getByTestId('export-dialog');
  const yaml = exportDialog.getByTestId('export-yaml').locator('.view-lines');
  const openExport = async (kind: 'kubernetes' | 'kserve'): Promise<void> => {
    await app.getByTestId('build-open-export').click();
    await app.getByTestId(`export-menu-${kind}`).click();
    await expect(exportDialog.getByTestId('export-panel')).toHaveAttribute('data-kind', kind);
  };
  await shell.useColorScheme('light');
  await openExport('kubernetes');
  await expect(yaml).toContainText(/kind:\s+Deployment/);
  await exportDialog.getByTestId('export-replicas').fill('3');
  await expect(yaml).toContainText(/replicas:\s+3/);
  await exportDialog.getByTestId('export-cpu').fill('lots');
  await expect(exportDialog).toContainText('Must be a Kubernetes quantity');
  await expect(exportDialog.getByTestId('export-write')).toBeDisabled();
  await exportDialog.getByTestId('export-cpu').fill('250m');
  await expect(exportDialog).not.toContainText('Must be a Kubernetes quantity');
  await expect(exportDialog.getByTestId('export-path')).toHaveText(
    /^builds\/[^/]+\/export\/kubernetes\.yaml$/,
  );
  await saveScreenshot(app, 'containers-export-kubernetes-light');
  await exportDialog.getByTestId('export-write').click();
  await expect(exportDialog.getByTestId('export-status')).toContainText('Written to builds/');
  const path = (await exportDialog.getByTestId('export-path').textContent()) ?? '';
  const written = await readFile(join(workspace, path), 'utf8');
  expect(written).toContain('replicas: 3');
  expect(written).toContain('cpu: 250m');
  expect(written).toContain(`@${digest}`);
  await exportDialog.getByTestId('export-copy').click();
  expect(await readClipboard(app)).toBe(written);

  // KServe, in dark; a refusal of the exporter's own (no replica at all) is put by its field.
  await exportDialog.getByTestId('export-close').click();
  await shell.useColorScheme('dark');
  await openExport('kserve');
  await expect(yaml).toContainText(/kind:\s+InferenceService/);
  await exportDialog.getByTestId('export-replicas').fill('0');
  await expect(exportDialog).toContainText('runs at least one replica');
  await exportDialog.getByTestId('export-replicas').fill('2');
  await exportDialog.getByTestId('export-autoscale').check();
  await saveScreenshot(app, 'containers-export-kserve-dark');
  await exportDialog.getByTestId('export-write').click();
  await expect(exportDialog.getByTestId('export-status')).toContainText('Written to builds/');
  const kserve = await readFile(
    join(workspace, (await exportDialog.getByTestId('export-path').textContent()) ?? ''),
    'utf8',
  );
  expect(kserve).toContain('kind: InferenceService');
  expect(kserve).toContain('maxReplicas: 5');
  await exportDialog.getByTestId('export-kind').getByText('Kubernetes manifests').click();
  await expect(yaml).toContainText(/kind:\s+Deployment/);
  await saveScreenshot(app, 'containers-export-kubernetes-dark');
  await exportDialog.getByTestId('export-kind').getByText('GitHub Actions workflow').click();
  await expect(yaml).toContainText(/jobs:/);
  await saveScreenshot(app, 'containers-export-workflow-dark');
  await exportDialog.getByTestId('export-close').click();
  await shell.useColorScheme('light');
  await openExport('kserve');
  await expect(yaml).toContainText(/kind:\s+InferenceService/);
  await saveScreenshot(app, 'containers-export-kserve-light');
}
