import type { JSHandle, Locator, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

/** A DataTransfer in the page holding the file's bytes, as the OS hands one to a drop. */
export async function fileTransfer(
  page: Page,
  path: string,
  name = basename(path),
): Promise<JSHandle<DataTransfer>> {
  const base64 = (await readFile(path)).toString('base64');
  return page.evaluateHandle(
    ({ base64, name }) => {
      const transfer = new DataTransfer();
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], name, { type: '' }));
      return transfer;
    },
    { base64, name },
  );
}

/** Drags the file in from outside the window and drops it on `target`. */
export async function dropFile(target: Locator, path: string, name?: string): Promise<void> {
  const dataTransfer = await fileTransfer(target.page(), path, name);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}
