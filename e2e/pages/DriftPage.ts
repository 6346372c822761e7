import type { Locator, Page } from '@playwright/test';

/** The Drift section: the reports list, the new report form and a report. */
export class DriftPage {
  constructor(readonly page: Page) {}

  get form(): Locator {
    return this.page.getByTestId('drift-new-report');
  }

  /** Picks a workspace data set for one side by its name. */
  async chooseDataset(side: 'baseline' | 'current', name: string): Promise<void> {
    await this.page.getByTestId(`drift-side-${side}-dataset`).click();
    // An option shows the data set's rows beside its name.
    await this.page
      .getByRole('option')
      .filter({ has: this.page.getByText(name, { exact: true }) })
      .click();
  }

  /** Opens one of the folded settings sections (columns, tests, verdict, predictions). */
  async openSettings(section: 'columns' | 'tests' | 'verdict' | 'predictions'): Promise<void> {
    const control = this.page.getByTestId(`drift-settings-${section}`);
    if ((await control.getAttribute('aria-expanded')) !== 'true') await control.click();
  }

  async ignoreColumn(name: string): Promise<void> {
    const input = this.page.getByTestId('drift-ignore');
    await input.click();
    await input.fill(name);
    await input.press('Enter');
  }

  get runButton(): Locator {
    return this.page.getByTestId('drift-run');
  }

  get report(): Locator {
    return this.page.getByTestId('drift-report');
  }

  get verdict(): Locator {
    return this.page.getByTestId('drift-verdict');
  }

  get verdictText(): Locator {
    return this.page.getByTestId('drift-verdict-text');
  }

  get rows(): Locator {
    return this.page.getByTestId('drift-row');
  }

  row(column: string): Locator {
    return this.page.locator(`[data-testid="drift-row"][data-column="${column}"]`);
  }

  /** The summary's columns in table order. */
  async columnOrder(): Promise<string[]> {
    const order: string[] = [];
    for (const row of await this.rows.all()) order.push((await row.getAttribute('data-column')) ?? '');
    return order;
  }

  get detail(): Locator {
    return this.page.getByTestId('drift-column-detail');
  }

  tab(name: 'columns' | 'time' | 'prediction' | 'constraints' | 'schema'): Locator {
    return this.page.getByTestId(`drift-tab-${name}`);
  }

  get reportItems(): Locator {
    return this.page.getByTestId('drift-report-item');
  }
}
