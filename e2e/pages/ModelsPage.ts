import type { Locator, Page } from '@playwright/test';

type ModelTab = 'overview' | 'graph' | 'check' | 'run' | 'benchmark' | 'compare';

/** The Models section: open a model by path, its Overview, Graph and Check tabs. */
export class ModelsPage {
  constructor(readonly page: Page) {}

  /** Opens a workspace-relative model path through the path field, as a user types it. */
  async open(path: string): Promise<void> {
    await this.page.getByTestId('model-path').fill(path);
    await this.page.getByTestId('model-path').press('Enter');
    await this.detail.waitFor();
  }

  get detail(): Locator {
    return this.page.getByTestId('model-detail');
  }

  get name(): Locator {
    return this.page.getByTestId('model-name');
  }

  /** Registered models in the sidebar. */
  get listItems(): Locator {
    return this.page.getByTestId('model-list-item');
  }

  /** Files opened by path, in the sidebar. */
  get fileItems(): Locator {
    return this.page.getByTestId('model-file-item');
  }

  /** Adds a file to the registry through the Add button's native file chooser and the dialog. */
  async add(file: string, name?: string, description?: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByTestId('model-add').click();
    await (await chooser).setFiles(file);
    const dialog = this.page.getByTestId('add-model-dialog');
    if (name !== undefined) await dialog.getByTestId('add-model-name').fill(name);
    if (description !== undefined) await dialog.getByTestId('add-model-description').fill(description);
    await dialog.getByTestId('add-model-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    await this.detail.waitFor();
  }

  /** Deletes the open registered model: this version, or all of them. */
  async delete(scope: 'version' | 'all'): Promise<void> {
    await this.page.getByTestId('model-delete').click();
    const dialog = this.page.getByTestId('delete-model-dialog');
    const choice = dialog.getByTestId(scope === 'all' ? 'delete-model-all' : 'delete-model-version');
    if (await choice.count()) await choice.check();
    await dialog.getByTestId('delete-model-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
  }

  tab(name: ModelTab): Locator {
    return this.page.getByTestId(`model-tab-${name}`);
  }

  async showTab(name: ModelTab): Promise<void> {
    await this.tab(name).click();
    await this.page.getByTestId(`model-tab-panel-${name}`).waitFor();
  }

  get signatureRows(): Locator {
    return this.page.getByTestId('signature-row');
  }

  fact(name: 'producer' | 'ir' | 'opsets' | 'parameters' | 'weights' | 'flops' | 'nodes'): Locator {
    return this.page.getByTestId(`model-${name}`);
  }

  get graph(): Locator {
    return this.page.getByTestId('graph-view');
  }

  get canvas(): Locator {
    return this.page.getByTestId('graph-canvas');
  }

  /** Waits until the layout is done and the canvas has painted once. */
  async waitForGraph(timeout = 30_000): Promise<void> {
    await this.page.locator('[data-testid="graph-view"][data-first-paint-ms]').waitFor({ timeout });
  }

  get search(): Locator {
    return this.page.getByTestId('graph-search');
  }

  get searchCount(): Locator {
    return this.page.getByTestId('graph-search-count');
  }

  get details(): Locator {
    return this.page.getByTestId('node-details');
  }

  /** Clicks the middle of the canvas, where a search match or a focused node is centred. */
  async clickCanvasCenter(): Promise<void> {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('The graph canvas is not on screen.');
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }

  get findings(): Locator {
    return this.page.getByTestId('check-finding');
  }
}
