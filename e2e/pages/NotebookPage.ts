import type { Locator, Page } from '@playwright/test';

/** The Notebooks section: the list, the open notebook, its cells and outputs. */
export class NotebookPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.page.url().replace(/#.*$/, '')}#/notebooks`);
  }

  get sampleButton(): Locator {
    return this.page.getByTestId('sample-data').first();
  }

  /** Imports a bundled sample from the "Try the sample data" menu; its notebook opens. */
  async importSample(id: string): Promise<void> {
    await this.sampleButton.click();
    await this.page.locator(`[data-testid="sample-item"][data-sample="${id}"]`).click();
  }

  get notebook(): Locator {
    return this.page.getByTestId('notebook');
  }

  get cells(): Locator {
    return this.page.getByTestId('cell');
  }

  cell(index: number): Locator {
    return this.cells.nth(index);
  }

  get runAll(): Locator {
    return this.page.getByTestId('run-all');
  }

  get interrupt(): Locator {
    return this.page.getByTestId('interrupt');
  }

  get saveState(): Locator {
    return this.page.getByTestId('save-state');
  }

  get tables(): Locator {
    return this.page.getByTestId('table-output');
  }

  get charts(): Locator {
    return this.page.getByTestId('chart-output');
  }

  /** Replaces a code cell's text by typing into its Monaco editor, as a user would. */
  async typeInto(cell: Locator, text: string): Promise<void> {
    await cell.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }
}
