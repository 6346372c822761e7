import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures.js';
import { openContainersOrSkip, removeRepository } from './support/dockerEngine.js';

const SOFTMAX = '/usr/share/libonnx-testdata/data/node/test_softmax_example/model.onnx';
const CLI = join(import.meta.dirname, '..', 'bin', 'mlw.mjs');
/** Well under the list's 15 s fallback poll: only Docker's event stream can be this quick. */
const BY_EVENT_MS = 6_000;

test('a container started, stopped and removed outside the app shows up at once, from Docker events', async ({
  app,
  host,
}) => {
  test.setTimeout(180_000);
  const mlw = async (...argv: string[]): Promise<string> =>
    (await promisify(execFile)(process.execPath, [CLI, '-w', host.workspace, ...argv])).stdout;
  const { containers } = await openContainersOrSkip(app);

  const suffix = randomBytes(3).toString('hex');
  const model = `softmax-events-${suffix}`;
  const name = `events-${suffix}`;
  await mlw('model', 'add', SOFTMAX, '--name', model);
  await mlw('container', 'base');
  const build = JSON.parse(
    await mlw('--json', 'container', 'build', `${model}@1`, '--base', 'mlw-local/node:22', '--no-verify'),
  ) as { id: string };
  try {
    // The build job ran in another process: the list learns of it when its image appears.
    await expect(containers.buildItems).toHaveCount(1, { timeout: BY_EVENT_MS });
    await expect(app.getByTestId('deployments-empty')).toBeVisible();

    // The engine's own count covers every container on it, another test's too: this one adds one.
    const running = Number((await containers.engineLine.textContent())?.match(/(\d+) running/)?.[1] ?? 0);
    await mlw('container', 'run', build.id, '--name', name);
    const item = containers.deploymentItems.and(app.locator(`[data-name="${name}"]`));
    await expect(item).toHaveAttribute('data-state', 'running', { timeout: BY_EVENT_MS });
    await expect(containers.engineLine).toContainText(`${running + 1} running`, { timeout: BY_EVENT_MS });

    await mlw('container', 'stop', name);
    await expect(item).toHaveAttribute('data-state', 'exited', { timeout: BY_EVENT_MS });
    await expect(containers.engineLine).toContainText(`${running} running`, { timeout: BY_EVENT_MS });

    await mlw('container', 'rm', name);
    await expect(containers.deploymentItems).toHaveCount(0, { timeout: BY_EVENT_MS });
  } finally {
    await mlw('container', 'rm', name).catch(() => undefined);
    await removeRepository(`mlw/${model}`);
  }
});
