import type { Locator, Page } from '@playwright/test';

export type ProfileTab = 'overview' | 'columns' | 'table' | 'correlations' | 'missing' | 'alerts';

/** A data set's profile: its tabs, the column detail, the charts and the alerts. */
export class ProfilePage {
  constructor(readonly page: Page) {}

  get detail(): Locator {
    return this.page.getByTestId('dataset-detail');
  }

  tab(name: ProfileTab): Locator {
    return this.page.getByTestId(`tab-${name}`);
  }

  panel(name: ProfileTab): Locator {
    return this.page.getByTestId(`tab-panel-${name}`);
  }

  async openTab(name: ProfileTab): Promise<void> {
    await this.tab(name).click();
    await this.panel(name).waitFor();
  }

  overviewFact(testId: string): Locator {
    return this.panel('overview').getByTestId(testId);
  }

  kindCount(kind: string): Locator {
    return this.page.locator(`[data-testid="kind-count"][data-kind="${kind}"]`);
  }

  alert(type: string, column?: string): Locator {
    const alerts = this.page.locator(`[data-testid="alert"][data-type="${type}"]`);
    return column === undefined
      ? alerts
      : alerts.filter({ has: this.page.getByTitle(`${column}: open its detail`) });
  }

  columnRow(name: string): Locator {
    return this.page.locator(`[data-testid="column-row"][data-column="${name}"]`);
  }

  get columnDetail(): Locator {
    return this.page.getByTestId('column-detail');
  }

  get histogram(): Locator {
    return this.columnDetail.getByTestId('histogram');
  }

  /** The bars Recharts drew (one per bin, empty bins included). */
  get histogramBars(): Locator {
    return this.histogram.locator('.recharts-bar-rectangle');
  }

  barsOf(testId: string): Locator {
    return this.page.getByTestId(testId).locator('.recharts-bar-rectangle');
  }

  statValue(label: string): Locator {
    return this.columnDetail.locator(`tr[data-stat="${label}"] [data-testid="stat-value"]`);
  }

  get heatmap(): Locator {
    return this.page.getByTestId('heatmap');
  }

  heatmapCell(row: string, col: string): Locator {
    return this.heatmap.locator(`[data-testid="heatmap-cell"][data-row="${row}"][data-col="${col}"]`);
  }

  async chooseCorrelation(label: 'Pearson' | 'Spearman' | 'Cramér’s V'): Promise<void> {
    await this.page.getByTestId('correlation-method').getByText(label, { exact: false }).click();
  }

  get lintExamples(): Locator {
    return this.page.getByTestId('lint-example');
  }
}
