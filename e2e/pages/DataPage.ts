import type { Locator, Page } from '@playwright/test';

/** The Data section: import, the list of data sets and a data set's profile. */
export class DataPage {
  constructor(readonly page: Page) {}

  get chooseFileButton(): Locator {
    return this.page.getByTestId('choose-file');
  }

  get emptyDropzone(): Locator {
    return this.page.getByTestId('import-dropzone');
  }

  /** Picks a file through the native file chooser and imports it with the detected settings. */
  async importFile(path: string): Promise<void> {
    await this.chooseFile(path);
    await this.confirmImport();
  }

  /** Picks a file through the native file chooser, as a user would; the options dialog opens. */
  async chooseFile(path: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.chooseFileButton.click();
    await (await chooser).setFiles(path);
  }

  /** The options dialog shown after a file is chosen: detected settings and a preview. */
  get importOptions(): Locator {
    return this.page.getByTestId('import-options');
  }

  get importPreview(): Locator {
    return this.page.getByTestId('import-preview');
  }

  get importPreviewColumns(): Locator {
    return this.importPreview.getByTestId('import-preview-column');
  }

  /** Confirms the options dialog with its Import button. */
  async confirmImport(): Promise<void> {
    await this.page.getByTestId('import-confirm').click();
    await this.page.getByTestId('import-confirm').waitFor({ state: 'hidden' });
  }

  /** Picks a value in one of the dialog's selects (format, delimiter, encoding). */
  async chooseOption(name: 'format' | 'delimiter' | 'encoding', label: string): Promise<void> {
    await this.page.getByTestId(`import-option-${name}`).click();
    await this.page.getByRole('option', { name: label, exact: true }).click();
  }

  /** One of the dialog's typed settings: quote, escape, skip (lines) or sample (rows). */
  importOption(name: 'quote' | 'escape' | 'skip' | 'sample'): Locator {
    return this.page.getByTestId(`import-option-${name}`);
  }

  /** Shows the quote, escape, skip and sample settings. */
  async openAdvancedOptions(): Promise<void> {
    const toggle = this.page.getByTestId('import-advanced-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await this.page.getByTestId('import-advanced').waitFor();
  }

  /** The type picker in a preview column's header. */
  columnTypePicker(column: string): Locator {
    return this.importPreview.locator(`[data-testid="import-column-type"][data-column="${column}"]`);
  }

  async chooseColumnType(column: string, type: string): Promise<void> {
    await this.columnTypePicker(column).click();
    await this.page.getByRole('option', { name: type, exact: true }).click();
  }

  get importPreviewError(): Locator {
    return this.page.getByTestId('import-preview-error');
  }

  /** The whole file's upload, shown in the dialog while the preview already reads its head. */
  get dialogUploadProgress(): Locator {
    return this.page.getByTestId('import-upload-progress');
  }

  /** Hides or shows the list of data sets beside an open one. */
  get toggleListButton(): Locator {
    return this.page.getByTestId('toggle-dataset-list');
  }

  get importProgress(): Locator {
    return this.page.getByTestId('import-progress');
  }

  get importError(): Locator {
    return this.page.getByTestId('import-error');
  }

  get importErrorHint(): Locator {
    return this.importError.getByTestId('error-hint');
  }

  get search(): Locator {
    return this.page.getByTestId('dataset-search');
  }

  get datasetItems(): Locator {
    return this.page.getByTestId('dataset-item');
  }

  datasetItem(slug: string): Locator {
    return this.page.locator(`[data-testid="dataset-item"][data-slug="${slug}"]`);
  }

  get detail(): Locator {
    return this.page.getByTestId('dataset-detail');
  }

  get rowCount(): Locator {
    return this.detail.getByTestId('dataset-rows');
  }

  get columnCount(): Locator {
    return this.detail.getByTestId('dataset-columns');
  }

  columnRow(name: string): Locator {
    return this.detail.locator(`[data-testid="column-row"][data-column="${name}"]`);
  }

  /** The cells of a column's summary row, in table order (#, column, type, kind, missing, distinct, ...). */
  async columnCells(name: string): Promise<string[]> {
    return (await this.columnRow(name).locator('td').allInnerTexts()).map((text) => text.trim());
  }

  columnType(name: string): Locator {
    return this.columnRow(name).getByTestId('column-type');
  }
}
