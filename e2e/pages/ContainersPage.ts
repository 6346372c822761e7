import type { Locator, Page } from '@playwright/test';

type BuildTab = 'dockerfile' | 'log' | 'image' | 'loadtests';
type DeploymentTab = 'try' | 'loadtest' | 'logs' | 'stats' | 'exec';

/** The Containers section: builds and deployments, the build and run dialogs, their detail panes. */
export class ContainersPage {
  constructor(readonly page: Page) {}

  get engineLine(): Locator {
    return this.page.getByTestId('engine-line');
  }

  get buildItems(): Locator {
    return this.page.getByTestId('build-item');
  }

  get deploymentItems(): Locator {
    return this.page.getByTestId('deployment-item');
  }

  get buildDialog(): Locator {
    return this.page.getByTestId('build-dialog');
  }

  get buildDetail(): Locator {
    return this.page.getByTestId('build-detail');
  }

  buildTab(name: BuildTab): Locator {
    return this.page.getByTestId(`build-tab-${name}`);
  }

  async showBuildTab(name: BuildTab): Promise<void> {
    await this.buildTab(name).click();
    await this.page.getByTestId(`build-panel-${name}`).waitFor();
  }

  get editor(): Locator {
    return this.page.getByTestId('dockerfile-editor');
  }

  get findings(): Locator {
    return this.page.getByTestId('dockerfile-finding');
  }

  get runDialog(): Locator {
    return this.page.getByTestId('run-dialog');
  }

  get deploymentDetail(): Locator {
    return this.page.getByTestId('deployment-detail');
  }

  deploymentTab(name: DeploymentTab): Locator {
    return this.page.getByTestId(`deployment-tab-${name}`);
  }

  async showDeploymentTab(name: DeploymentTab): Promise<void> {
    await this.deploymentTab(name).click();
    await this.page.getByTestId(`deployment-panel-${name}`).waitFor();
  }

  /** Sends one request from the Try tab and waits for its answer. */
  async send(path: string): Promise<Locator> {
    await this.page.getByTestId('try-path').click();
    await this.page.getByRole('option', { name: path, exact: true }).click();
    await this.page.getByTestId('try-send').click();
    const response = this.page.getByTestId('try-response');
    await response.and(this.page.locator(`[data-path="${path}"]`)).waitFor();
    return response;
  }
}
