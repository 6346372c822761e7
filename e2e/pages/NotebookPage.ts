import { expect, type Locator, type Page } from '@playwright/test';

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

  /** The cell holding the keyboard in command mode (it has focus itself, not its editor). */
  get commandCell(): Locator {
    return this.page.locator('[data-testid="cell"]:focus');
  }

  get title(): Locator {
    return this.page.getByTestId('notebook-title');
  }

  get nameInput(): Locator {
    return this.page.getByTestId('notebook-name');
  }

  get nameSubmit(): Locator {
    return this.page.getByTestId('notebook-name-submit');
  }

  get helpButton(): Locator {
    return this.page.getByTestId('shortcuts-help');
  }

  get helpPopover(): Locator {
    return this.page.getByTestId('shortcuts-popover');
  }

  get deleteDialog(): Locator {
    return this.page.getByRole('dialog').filter({ hasText: 'to the trash?' });
  }

  listItem(name: string): Locator {
    return this.page.locator(`[data-testid="notebook-item"][data-name="${name}"]`);
  }

  /** Creates a notebook through "New notebook" (the EDA template) and waits for it to open. */
  async create(name: string): Promise<void> {
    await this.page.getByTestId('new-notebook').first().click();
    await this.nameInput.fill(name);
    await this.nameSubmit.click();
    await this.notebook.and(this.page.locator(`[data-notebook="${name}"]`)).waitFor();
  }

  /** Opens an item's menu in the list and picks an action ("Rename…", "Move to trash…"). */
  async listAction(name: string, action: string): Promise<void> {
    await this.page.getByRole('button', { name: `Actions for ${name}` }).click();
    await this.page.getByRole('menuitem', { name: action }).click();
  }

  /** Waits out the notifications (Undo offers close after 8 s) so a screenshot shows what is under them. */
  async waitForNotificationsToClose(): Promise<void> {
    await this.page.mouse.move(1, 1);
    await expect(this.page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 20_000 });
  }

  /** Replaces a code cell's text by typing into its Monaco editor, as a user would. */
  async typeInto(cell: Locator, text: string): Promise<void> {
    await cell.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }
}
