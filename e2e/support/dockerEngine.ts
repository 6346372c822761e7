import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { ContainersPage } from '../pages/ContainersPage.js';
import { ShellPage } from '../pages/ShellPage.js';
import { expect, test } from '../fixtures.js';

/** Opens Containers, and skips the test where no Docker engine answers: what it checks needs one. */
export async function openContainersOrSkip(
  app: Page,
): Promise<{ shell: ShellPage; containers: ContainersPage }> {
  const shell = new ShellPage(app);
  const containers = new ContainersPage(app);
  await shell.goTo('containers');
  await expect(containers.engineLine).toHaveAttribute('data-reachable', /true|false/);
  test.skip(
    (await containers.engineLine.getAttribute('data-reachable')) !== 'true',
    'No Docker engine answers (scripts/engines.sh up starts one).',
  );
  return { shell, containers };
}

/** Makes the local base (from this machine's Node) in the open build dialog: the test engine pulls nothing. */
export async function makeLocalBase(containers: ContainersPage): Promise<void> {
  await containers.buildDialog.getByTestId('make-local-base').click();
  await expect(containers.buildDialog.getByTestId('local-base-made')).toBeVisible({ timeout: 60_000 });
}

const run = promisify(execFile);

/** Removes images the test tagged on the shared engine. */
export async function removeImages(references: string[]): Promise<void> {
  if (references.length > 0) await run('docker', ['rmi', '-f', ...references]).catch(() => undefined);
}

/** Removes every tag of a repository the test built: a build keeps its image, and the engine outlives the test. */
export async function removeRepository(repository: string): Promise<void> {
  const listed = await run('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}', repository]).catch(
    () => ({ stdout: '' }),
  );
  await removeImages(listed.stdout.split('\n').filter((reference) => reference.trim() !== ''));
}
