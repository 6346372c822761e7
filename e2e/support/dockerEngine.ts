import type { ContainersPage } from '../pages/ContainersPage.js';
import type { ShellPage } from '../pages/ShellPage.js';
import { expect, test } from '../fixtures.js';

/** Opens Containers, and skips the test where no Docker engine answers: what it checks needs one. */
export async function openContainersOrSkip(shell: ShellPage, containers: ContainersPage): Promise<void> {
  await shell.goTo('containers');
  await expect(containers.engineLine).toHaveAttribute('data-reachable', /true|false/);
  test.skip(
    (await containers.engineLine.getAttribute('data-reachable')) !== 'true',
    'No Docker engine answers (scripts/engines.sh up starts one).',
  );
}

/** Makes the local base from the open build dialog: a build on it needs no registry. */
export async function makeLocalBase(containers: ContainersPage): Promise<void> {
  await containers.buildDialog.getByTestId('make-local-base').click();
  await expect(containers.buildDialog.getByTestId('local-base-made')).toBeVisible({ timeout: 60_000 });
}
