import type { JSHandle, Locator, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

/** The page's DOM classes this module uses; e2e code is type-checked without the DOM library. */
interface PageGlobals {
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: Uint8Array[], name: string, options: { type: string }) => unknown;
  DragEvent: new (type: string, init: { dataTransfer: unknown; bubbles: boolean }) => unknown;
  document: { dispatchEvent(event: unknown): boolean };
  atob: (text: string) => string;
}

/** A DataTransfer in the page holding the file's bytes, as the OS hands one to a drop. */
export async function fileTransfer(page: Page, path: string, name = basename(path)): Promise<JSHandle> {
  const base64 = (await readFile(path)).toString('base64');
  return page.evaluateHandle(
    ({ base64, name }) => {
      const { DataTransfer, File, atob } = globalThis as unknown as PageGlobals;
      const transfer = new DataTransfer();
      const bytes = Uint8Array.from(atob(base64), (c: string) => c.charCodeAt(0));
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

/** A file dragged over the window from outside, as far as `dragenter` on the document: what opens full-screen drop overlays. */
export async function dragOverWindow(page: Page, dataTransfer: JSHandle): Promise<void> {
  await page.evaluate((transfer) => {
    const { DragEvent, document } = globalThis as unknown as PageGlobals;
    document.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true }));
  }, dataTransfer);
}
