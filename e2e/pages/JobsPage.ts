import type { Locator, Page } from '@playwright/test';

/** The Jobs section: the table of jobs and a job's log. */
export class JobsPage {
  constructor(readonly page: Page) {}

  get rows(): Locator {
    return this.page.getByTestId('job-row');
  }

  get empty(): Locator {
    return this.page.getByTestId('jobs-empty');
  }

  get drawer(): Locator {
    return this.page.getByRole('dialog');
  }

  get logLines(): Locator {
    return this.page.getByTestId('job-log-line');
  }
}
