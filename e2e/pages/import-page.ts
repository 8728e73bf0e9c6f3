import { expect, type Locator, type Page } from '@playwright/test';

export interface UploadFile {
  name: string;
  text: string;
}

/** The console's Import page, found by role and label as a screen reader finds it. */
export class ImportPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    await expect(this.page.getByRole('heading', { name: 'Import', level: 1 })).toBeVisible();
  }

  async upload(files: UploadFile[]): Promise<void> {
    await this.page.getByLabel('Or upload files').setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'application/yaml', buffer: Buffer.from(f.text) })));
    await expect(this.page.getByText(files.map((f) => f.name).join(', '))).toBeVisible();
  }

  async paste(text: string): Promise<void> {
    await this.page.getByLabel('Paste a document').fill(text);
  }

  async read(): Promise<void> {
    await this.page.getByRole('button', { name: 'Read input' }).click();
  }

  get resources(): Locator {
    return this.page.getByRole('list', { name: 'Resources found' });
  }

  get report(): Locator {
    return this.page.getByRole('table', { name: 'Import report' });
  }

  /** The diff table, whose caption names the mesh on the server. */
  get diff(): Locator {
    return this.page.getByRole('table', { name: /Against mesh/ });
  }

  async create(): Promise<void> {
    await this.page.getByRole('button', { name: 'Create mesh' }).click();
  }
}
