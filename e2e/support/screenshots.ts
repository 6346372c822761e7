import type { Page } from '@playwright/test';
import { join } from 'node:path';

const FOLDER = join(import.meta.dirname, '..', 'screenshots');

/** Saves a full-window picture to e2e/screenshots/<name>.png for people to look at (not compared). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  // Park the pointer on the status bar's empty middle so no tooltip or hover shows, and let
  // transitions (drawer, progress bars) settle so the picture shows the resting state.
  const size = page.viewportSize();
  if (size) await page.mouse.move(size.width / 2, size.height - 8);
  await page.waitForTimeout(350);
  await page.screenshot({ path: join(FOLDER, `${name}.png`), animations: 'disabled', caret: 'hide' });
}
