import type { Locator, Page } from '@playwright/test';
import { sectionIds, type SectionId } from '../../src/renderer/app/navigation/sectionIds.js';

export { sectionIds, type SectionId };

/** The frame around every screen: sidebar, top bar, command palette and status bar. */
export class ShellPage {
  constructor(readonly page: Page) {}

  navLink(section: SectionId): Locator {
    return this.page.getByTestId(`nav-${section}`);
  }

  screen(section: SectionId): Locator {
    return this.page.getByTestId(`screen-${section}`);
  }

  async goTo(section: SectionId): Promise<void> {
    await this.navLink(section).click();
    await this.screen(section).waitFor();
  }

  /** Ctrl+digit: the digit is the section's place in the sidebar. */
  async pressSectionShortcut(section: SectionId): Promise<void> {
    await this.page.keyboard.press(`Control+${sectionIds.indexOf(section) + 1}`);
  }

  get themeToggle(): Locator {
    return this.page.getByTestId('theme-toggle');
  }

  async colorScheme(): Promise<string | null> {
    return this.page.locator('html').getAttribute('data-mantine-color-scheme');
  }

  async useColorScheme(scheme: 'light' | 'dark'): Promise<void> {
    if ((await this.colorScheme()) !== scheme) await this.themeToggle.click();
    await this.page.locator(`html[data-mantine-color-scheme="${scheme}"]`).waitFor();
  }

  get palette(): Locator {
    return this.page
      .getByRole('dialog')
      .filter({ has: this.page.getByPlaceholder('Type a command or a data set name…') });
  }

  get paletteSearch(): Locator {
    return this.page.getByPlaceholder('Type a command or a data set name…');
  }

  paletteAction(label: string): Locator {
    return this.palette.getByRole('button', { name: label });
  }

  get engineStatus(): Locator {
    return this.page.getByTestId('engine-status');
  }

  get runningJobs(): Locator {
    return this.page.getByTestId('running-jobs');
  }

  get workspacePath(): Locator {
    return this.page.getByTestId('workspace-path');
  }
}
