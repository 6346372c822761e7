import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ContainersPage } from './pages/ContainersPage.js';
import { DataPage } from './pages/DataPage.js';
import { startBrowserHost } from './support/browserHost.js';
import { ModelsPage } from './pages/ModelsPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { expect, test } from './fixtures.js';
import { makeLocalBase, openContainersOrSkip, removeRepository } from './support/dockerEngine.js';
import { saveScreenshot } from './support/screenshots.js';

const SOFTMAX = '/usr/share/libonnx-testdata/data/node/test_softmax_example/model.onnx';
const CLI = join(import.meta.dirname, '..', 'bin', 'mlw.mjs');

/** `mlw --json` on the test's workspace, as a user at a terminal beside the app would run it. */
async function mlwJson(workspace: string, ...argv: string[]): Promise<unknown> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, '-w', workspace, '--json', ...argv]);
  return JSON.parse(stdout) as unknown;
}

/** Removes a deployment the test may have left behind on the shared engine (a failed step, a timeout). */
async function removeDeployment(workspace: string, name: string): Promise<void> {
  await promisify(execFile)(process.execPath, [CLI, '-w', workspace, 'container', 'rm', name]).catch(
    () => undefined,
  );
}

async function both(shell: ShellPage, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await shell.useColorScheme(scheme);
    await saveScreenshot(shell.page, `${name}-${scheme}`);
  }
}

test('builds a model version on a local base, edits its Dockerfile, runs it, tries it, load tests it and removes it', async ({
  app,
  host,
}) => {
  // Building (with its verification run) and starting a server take a while on a 2-core machine.
  test.setTimeout(300_000);
  const { shell, containers } = await openContainersOrSkip(app);
  const models = new ModelsPage(app);
  await expect(app.getByTestId('containers-empty')).toBeVisible();
  await expect(app.getByTestId('builds-empty')).toBeVisible();
  await both(shell, 'containers-empty');

  // A long, unique name: its default tag cannot meet another run's image on the shared engine.
  const suffix = randomBytes(3).toString('hex');
  const name = `softmax-with-a-long-registered-name-${suffix}`;
  const deploymentName = `softmax-e2e-${suffix}`;
  try {
    await buildRunTry(shell, containers, models, { name, deploymentName, workspace: host.workspace });
  } finally {
    await removeDeployment(host.workspace, deploymentName);
    await removeDeployment(host.workspace, `${deploymentName}-second`);
    await removeRepository(`mlw/${name}`);
  }
});

async function buildRunTry(
  shell: ShellPage,
  containers: ContainersPage,
  models: ModelsPage,
  { name, deploymentName, workspace }: { name: string; deploymentName: string; workspace: string },
): Promise<void> {
  const app = shell.page;
  await shell.goTo('models');
  await models.add(SOFTMAX, name);
  // The theme toggle is behind an open dialog: each dialog picture is taken in light, then in dark.
  await shell.useColorScheme('light');
  await app.getByTestId('model-build-image').click();
  await expect(shell.screen('containers')).toBeVisible();
  const dialog = containers.buildDialog;
  await expect(dialog.getByTestId('build-tag')).toHaveValue(`mlw/${name}:1`);
  await expect(dialog.getByTestId('build-base')).toHaveValue('node:22-bookworm-slim');
  await makeLocalBase(containers);
  await expect(dialog.getByTestId('build-base')).toHaveValue('mlw-local/node:22');
  await saveScreenshot(app, 'containers-build-dialog-light');
  // Escape closes it; the header's button opens it again on the model added last, with the base
  // chosen remembered.
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await shell.useColorScheme('dark');
  await app.getByTestId('containers-build').click();
  await expect(dialog.getByTestId('build-tag')).toHaveValue(`mlw/${name}:1`);
  await expect(dialog.getByTestId('build-base')).toHaveValue('mlw-local/node:22');
  await saveScreenshot(app, 'containers-build-dialog-dark');
  await dialog.getByTestId('build-start').click();

  await expect(containers.buildDetail).toBeVisible();
  await expect(app.getByTestId('build-progress')).toBeVisible();
  await expect(app.getByTestId('build-log-line').first()).toBeVisible();
  await expect(containers.buildDetail).toHaveAttribute('data-status', 'built', { timeout: 180_000 });
  await expect(app.getByTestId('build-log')).toContainText('Step 1/');
  await both(shell, 'containers-build-log');
  await containers.showBuildTab('image');
  await expect(app.getByTestId('image-layer').first()).toBeVisible();
  await expect(app.getByTestId('image-size')).toContainText('MB');
  await expect(app.getByTestId('verification-status')).toHaveText('verified');
  await both(shell, 'containers-build-image');
  await containers.showBuildTab('loadtests');
  await expect(app.getByTestId('build-loadtests-empty')).toContainText('No load tests yet');
  await both(shell, 'containers-build-loadtests-empty');

  // A literal secret in an ENV is an error of the lint: a marker in the editor and a finding below.
  await containers.showBuildTab('dockerfile');
  await expect(containers.findings).toHaveCount(1);
  await containers.editor.locator('.view-lines').click();
  await app.keyboard.press('Control+End');
  await app.keyboard.type('\nENV API_TOKEN=hunter2');
  await expect(app.getByTestId('dockerfile-dirty')).toBeVisible();
  await app.keyboard.press('Control+S');
  await expect(app.getByTestId('dockerfile-dirty')).toBeHidden();
  const secret = containers.findings.and(app.locator('[data-rule="secret-in-env"]'));
  await expect(secret).toHaveAttribute('data-severity', 'error');
  // A finding clicked puts the cursor on its range (selected), where the marker is drawn.
  await containers.findings.first().click();
  await expect(containers.editor.locator('.selected-text').first()).toBeVisible();
  await secret.click();
  await expect(containers.editor.locator('textarea')).toBeFocused();
  await expect(containers.editor.locator('.squiggly-error')).toHaveCount(1);
  await both(shell, 'containers-build-dockerfile');

  // Run it with an API key; the key is shown once.
  await shell.useColorScheme('light');
  await app.getByTestId('build-open-run').click();
  const run = containers.runDialog;
  await run.getByTestId('run-name').fill(deploymentName);
  await run.getByTestId('run-memory').fill('256');
  await run.getByTestId('run-cpus').fill('1');
  await run.getByTestId('run-env-key').fill('LOG_LEVEL');
  await run.getByTestId('run-env-value').fill('debug');
  await run.getByTestId('run-auth').check();
  await saveScreenshot(app, 'containers-run-dialog-light');
  await run.getByTestId('run-start').click();
  await expect(run.getByTestId('run-started')).toBeVisible({ timeout: 60_000 });
  await expect(run.getByTestId('run-url')).toHaveText(/^http:\/\/127\.0\.0\.1:\d+$/);
  await expect(run.getByTestId('run-api-key')).not.toBeEmpty();
  await saveScreenshot(app, 'containers-run-started-light');
  await run.getByTestId('run-open').click();
  await expect(run).toBeHidden();

  const detail = containers.deploymentDetail;
  await expect(detail).toHaveAttribute('data-name', deploymentName);
  await expect(detail).toHaveAttribute('data-state', 'running');
  await expect(app.getByTestId('deployment-memory-limit')).toHaveText('256 MiB');
  // The engine is shared with other runs: this test's deployment is the one named so.
  const mine = containers.deploymentItems.and(app.locator(`[data-name="${deploymentName}"]`));
  await expect(mine).toHaveCount(1);

  // Try: the metadata, then a prediction from the body made from the model's inputs.
  let response = await containers.send('/metadata');
  await expect(response).toHaveAttribute('data-status', '200');
  await expect(response).toContainText(`"name": "${name}"`);
  response = await containers.send('/predict');
  await expect(response).toHaveAttribute('data-status', '200');
  await expect(response).toContainText('"outputs"');
  await expect(app.getByTestId('try-latency')).toHaveText(/ms$/);
  await both(shell, 'containers-try');
  // Ctrl+Enter sends from the editor too: the v2 route answers in the protocol's shape.
  await app.getByTestId('try-path').click();
  await app.getByRole('option', { name: `/v2/models/${name}/infer`, exact: true }).click();
  await app.getByTestId('try-body').locator('.view-lines').click();
  await app.keyboard.press('Control+Enter');
  await expect(
    app.locator(`[data-testid="try-response"][data-path="/v2/models/${name}/infer"]`),
  ).toContainText('"model_name"');
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.getByTestId('try-copy-curl').click();
  const curl = await app.evaluate(() =>
    (
      globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
    ).navigator.clipboard.readText(),
  );
  expect(curl).toContain(`/v2/models/${name}/infer`);
  expect(curl).toContain('Authorization: Bearer $MLW_API_KEY');

  // Load test: 3 s at 4 connections, drawn while it runs, summed up after, saved with the build.
  await containers.showDeploymentTab('loadtest');
  await both(shell, 'containers-loadtest-form');
  // Rows of a data set: none yet, so the tab sends the user to Data to import one, and keeps the
  // form for the way back. Its 3 numeric columns fill the model's x [1, 3].
  await app.getByTestId('loadtest-payload').getByText('Rows of a data set').click();
  const noData = app.getByTestId('run-dataset-empty');
  await expect(noData).toContainText('No data sets in this workspace yet.');
  const csvFolder = await mkdtemp(join(tmpdir(), 'mlw-e2e-rows-'));
  const csv = join(csvFolder, 'scores.csv');
  const rows = Array.from({ length: 20 }, (_, i) => `${i / 10},${1 - i / 20},${i % 3},row ${i + 1}`);
  await writeFile(csv, `a,b,c,label\n${rows.join('\n')}\n`);
  await noData.getByRole('button', { name: 'Import one in Data' }).click();
  const data = new DataPage(app);
  await data.importFile(csv);
  await expect(data.detail).toBeVisible();
  await rm(csvFolder, { recursive: true, force: true });
  await shell.goTo('containers');
  await mine.click();
  await containers.showDeploymentTab('loadtest');
  await app.getByTestId('run-dataset-select').click();
  await app.getByRole('option', { name: 'scores (20 rows)' }).click();
  await expect(app.getByTestId('run-dataset-range')).toHaveText(
    'Rows 1–16 of 20: 16 request bodies of 1 row, sent in turn',
  );
  await expect(app.getByTestId('run-dataset-input')).toContainText('a · DOUBLE');
  await expect(app.getByTestId('loadtest-start')).toBeEnabled();
  // The rows go to v2 infer as binary tensors, the way a Triton client sends them.
  await expect(app.getByTestId('loadtest-encoding')).toHaveAttribute('data-disabled', 'true');
  await app.getByTestId('loadtest-path').click();
  await app.getByRole('option', { name: `/v2/models/${name}/infer` }).click();
  await app.getByTestId('loadtest-encoding').getByText('Binary').click();
  await both(shell, 'containers-loadtest-dataset');
  await app.getByTestId('loadtest-connections').fill('4');
  await app.getByTestId('loadtest-duration').fill('3');
  await shell.useColorScheme('light');
  await app.getByTestId('loadtest-duration').press('Control+Enter');
  await expect(app.getByTestId('loadtest-cancel')).toBeVisible();
  await expect(app.getByTestId('loadtest-progress')).toBeVisible();
  // The first second's sample is drawn while the test still runs.
  await expect(app.getByTestId('loadtest-rps-chart')).toHaveAttribute('data-points', /^[1-9]$/, {
    timeout: 10_000,
  });
  await saveScreenshot(app, 'containers-loadtest-running-light');
  const loadTest = app.getByTestId('loadtest-run');
  await expect(loadTest).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(app.getByTestId('loadtest-rps')).toHaveText(/^[\d,.]+$/);
  await expect(app.getByTestId('loadtest-p99')).toHaveText(/ms$/);
  await expect(app.getByTestId('loadtest-errors')).toHaveText('0');
  await expect(app.getByTestId('loadtest-non2xx')).toHaveText('0');
  await expect(app.getByTestId('loadtest-saved')).toContainText(`/v2/models/${name}/infer`);
  await expect(app.getByTestId('loadtest-saved')).toContainText('binary tensors');
  await expect(app.getByTestId('loadtest-latency-chart')).toHaveAttribute('data-points', /^[3-9]$/);
  await expect(app.getByTestId('loadtest-rps-chart').locator('.recharts-line path')).toBeVisible();
  await both(shell, 'containers-loadtest');
  await app.getByTestId('loadtest-saved').getByRole('link').click();
  await containers.showBuildTab('loadtests');
  await expect(app.getByTestId('build-loadtest-row')).toHaveCount(1);
  await expect(app.getByTestId('build-loadtest-row')).toContainText(
    'scores, rows 1–16 · 16 × 1 row · binary',
  );
  await expect(app.getByTestId('build-loadtests-compare-empty')).toBeVisible();
  await both(shell, 'containers-build-loadtests');
  const buildId = await containers.buildDetail.getAttribute('data-id');

  // Verified again, on rows of that data set (x is [1, 3]: one row per request).
  await containers.showBuildTab('image');
  await app.getByTestId('build-verify').click();
  const verify = app.getByTestId('verify-dialog');
  await verify.getByTestId('verify-batch').fill('1');
  await verify.getByTestId('verify-payload').getByText('Rows of a data set').click();
  await verify.getByTestId('run-dataset-select').click();
  await app.getByRole('option', { name: 'scores (20 rows)' }).click();
  await expect(verify.getByTestId('run-dataset-range')).toHaveText(
    'Rows 1–4 of 20: 4 requests of 1 row per route',
  );
  await saveScreenshot(app, 'containers-verify-dialog-light');
  await verify.getByTestId('verify-start').click();
  await expect(verify).toBeHidden();
  await expect(app.getByTestId('build-verification')).toContainText('4 samples of scores of batch 1', {
    timeout: 90_000,
  });
  await expect(app.getByTestId('verification-status')).toHaveText('verified');
  await both(shell, 'containers-build-verified-rows');

  // A second build of the model, load tested from the terminal: the tab compares the two.
  const second = (await mlwJson(
    workspace,
    'container',
    'build',
    name,
    '--tag',
    `mlw/${name}:second`,
    '--base',
    'mlw-local/node:22',
    '--no-verify',
  )) as { id: string };
  await mlwJson(workspace, 'container', 'run', second.id, '--name', `${deploymentName}-second`);
  await mlwJson(workspace, 'container', 'loadtest', `${deploymentName}-second`, '-c', '4', '-d', '2');
  await removeDeployment(workspace, `${deploymentName}-second`);
  await app.reload();
  await containers.showBuildTab('loadtests');
  await expect(app.getByTestId('build-loadtests-rps')).toHaveAttribute('data-bars', '2');
  await expect(app.getByTestId('build-loadtests-p99')).toHaveAttribute('data-bars', '2');
  await expect(app.getByTestId('build-loadtests-rps')).toContainText('(this build)');
  // The one from the app read a data set as binary tensors, the one from the terminal made JSON
  // bodies: said so.
  await expect(app.getByTestId('build-loadtests-unlike')).toContainText('payload (scores, the signature)');
  await expect(app.getByTestId('build-loadtests-unlike')).toContainText('tensors (binary, json)');
  await both(shell, 'containers-build-loadtests-compare');
  await mine.click();
  await expect(detail).toHaveAttribute('data-name', deploymentName);

  await containers.showDeploymentTab('logs');
  await expect(app.getByTestId('deployment-log-line').first()).toBeVisible();
  await both(shell, 'containers-logs');
  await containers.showDeploymentTab('stats');
  await expect(app.getByTestId('stats-cpu')).toHaveText(/%$/);
  await expect(app.getByTestId('stats-memory')).toHaveText(/B$/);
  // Three readings make a line.
  await expect(app.getByTestId('stats-cpu-chart').locator('.recharts-line path')).toBeVisible({
    timeout: 15_000,
  });
  await app.waitForTimeout(4_000);
  await both(shell, 'containers-stats');
  await containers.showDeploymentTab('exec');
  await app.getByTestId('exec-command').fill('ls /srv');
  await app.getByTestId('exec-run').click();
  await expect(app.getByTestId('exec-exit-code')).toHaveText('exit 0');
  await expect(app.getByTestId('exec-output')).toContainText('server.mjs');
  await both(shell, 'containers-exec');

  await app.getByTestId('deployment-stop').click();
  await expect(detail).toHaveAttribute('data-state', 'exited', { timeout: 30_000 });
  await containers.showDeploymentTab('loadtest');
  await expect(app.getByTestId('loadtest-start')).toBeDisabled();
  await expect(app.getByTestId('loadtest-refusal')).toContainText('needs a running deployment');
  await app.getByTestId('deployment-remove').click();
  await app.getByTestId('remove-deployment-confirm').click();
  await expect(app.getByTestId('remove-deployment-dialog')).toBeHidden();
  await expect(mine).toHaveCount(0);
  await both(shell, 'containers-list');

  // A step that fails: the build says where, and its lines are marked in the log.
  await containers.buildItems.and(app.locator(`[data-id="${buildId}"]`)).click();
  await containers.showBuildTab('dockerfile');
  await containers.editor.locator('.view-lines').click();
  await app.keyboard.press('Control+End');
  await app.keyboard.type('\nRUN exit 3');
  await expect(app.getByTestId('build-run')).toHaveText('Save and rebuild');
  await app.getByTestId('build-run').click();
  await expect(containers.buildDetail).toHaveAttribute('data-status', 'failed', { timeout: 120_000 });
  await expect(app.getByTestId('build-log-failed')).toBeVisible();
  await expect(app.locator('[data-testid="build-log-line"][data-failed]').first()).toContainText(
    'RUN exit 3',
  );
  await expect(app.getByTestId('error-alert').first()).toContainText(/failed at step \d+\/\d+/);
  await both(shell, 'containers-build-failed');
}

test('an engine that does not answer is said on the Containers screen, with what to do', async ({ page }) => {
  const workspace = await mkdtemp(join(tmpdir(), 'mlw-e2e-'));
  // The host reads DOCKER_HOST when it starts: this one is pointed at a socket nobody listens on.
  const saved = process.env.DOCKER_HOST;
  process.env.DOCKER_HOST = `unix://${join(workspace, 'no-docker.sock')}`;
  const host = await startBrowserHost(workspace).finally(() => {
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
  });
  try {
    await page.goto(host.url);
    await expect(page.locator('body')).toHaveAttribute('data-app-state', 'ready');
    const shell = new ShellPage(page);
    const containers = new ContainersPage(page);
    await shell.goTo('containers');
    await expect(containers.engineLine).toHaveAttribute('data-reachable', 'false');
    await expect(page.getByTestId('engine-line-hint')).not.toBeEmpty();
    await expect(page.getByTestId('deployments-unavailable')).toBeVisible();
    await expect(page.getByTestId('containers-empty')).toBeVisible();
    await both(shell, 'containers-engine-unreachable');
  } finally {
    await host.stop();
    await rm(workspace, { recursive: true, force: true });
  }
});
