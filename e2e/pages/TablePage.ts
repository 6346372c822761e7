import type { Locator, Page } from '@playwright/test';

/** A data set's Table tab: the virtualized grid, its headers, filters and status line. */
export class TablePage {
  constructor(readonly page: Page) {}

  get tab(): Locator {
    return this.page.getByTestId('tab-table');
  }

  async open(): Promise<void> {
    await this.tab.click();
  }

  get root(): Locator {
    return this.page.getByTestId('dataset-table');
  }

  get grid(): Locator {
    return this.page.getByTestId('table-grid');
  }

  get status(): Locator {
    return this.page.getByTestId('table-status');
  }

  get empty(): Locator {
    return this.page.getByTestId('table-empty');
  }

  header(column: string): Locator {
    return this.page.getByTestId(`header-${column}`);
  }

  /** The rendered row with this 0-based index, if it is in the window. */
  row(index: number): Locator {
    return this.grid.locator(`[role="row"][data-row="${index}"]`);
  }

  /** The text of each cell of a rendered row, row number first. */
  async rowTexts(index: number): Promise<string[]> {
    return (await this.row(index).locator('[role="rowheader"], [role="gridcell"]').allInnerTexts()).map((t) =>
      t.trim(),
    );
  }

  get cursorCell(): Locator {
    return this.grid.locator('[role="gridcell"][aria-selected="true"]');
  }

  async sortBy(column: string): Promise<void> {
    await this.header(column).getByTitle(`Sort by ${column}`).click();
  }

  /** Opens a column's filter, picks the operation, types the value (if any) and applies it. */
  async filter(column: string, op: string, value?: string): Promise<void> {
    await this.header(column)
      .getByRole('button', { name: `Filter ${column}` })
      .click();
    const form = this.page.getByTestId('filter-form');
    await form.getByLabel('Filter operation').selectOption({ label: op });
    if (value !== undefined) await form.getByLabel('Filter value').fill(value);
    await form.getByRole('button', { name: 'Apply' }).click();
  }

  get clearFiltersButton(): Locator {
    return this.root.getByRole('button', { name: 'Clear filters' }).first();
  }
}
