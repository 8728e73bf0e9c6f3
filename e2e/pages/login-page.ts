import { expect, type Locator, type Page } from '@playwright/test';
import type { Credentials } from '../support/bff-process';

/** The console's login page, found by label and role as a screen reader finds it. */
export class LoginPage {
  readonly heading: Locator;
  readonly signedIn: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Sign in to meshwright' });
    this.signedIn = page.getByRole('group', { name: 'Signed in' });
  }

  async signIn(credentials: Credentials): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.page.getByLabel('Access key ID').fill(credentials.accessKeyId);
    await this.page.getByLabel('Secret access key').fill(credentials.secretAccessKey);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  async signOut(): Promise<void> {
    await this.signedIn.getByRole('button', { name: 'Sign out' }).click();
    await expect(this.heading).toBeVisible();
  }
}
