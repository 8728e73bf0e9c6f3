import { expect, type Locator, type Page } from '@playwright/test';

export interface NodeInput {
  name: string;
  hostname: string;
  port: string;
  protocol?: string;
  healthCheck?: { path: string; interval?: string; timeout?: string };
  backends?: string[];
  logPath?: string;
}

/** The "Get started" wizard, found the way a person (or a screen reader) finds it. */
export class WizardPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.getByRole('main').getByRole('link', { name: 'Get started' }).first().click();
    await expect(this.page.getByRole('heading', { name: 'Get started', level: 1 })).toBeVisible();
  }

  stepHeading(name: string): Locator {
    return this.page.getByRole('heading', { name, level: 2 });
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: 'Next' }).click();
  }

  async fillMesh(meshName: string, serviceName: string): Promise<void> {
    await this.page.getByLabel('Mesh name').fill(meshName);
    await this.page.getByLabel('Virtual service name').fill(serviceName);
  }

  node(index: number): Locator {
    return this.page.getByRole('group', { name: `Virtual node ${index + 1}` });
  }

  async fillNode(index: number, input: NodeInput): Promise<void> {
    const group = this.node(index);
    await group.getByLabel('Virtual node name').fill(input.name);
    await group.getByLabel('Service discovery method').selectOption('dns');
    await group.getByLabel('DNS hostname').fill(input.hostname);
    await group.getByLabel('Listener port').fill(input.port);
    if (input.protocol) await group.getByLabel('Listener protocol').selectOption(input.protocol);
    if (input.healthCheck) {
      await group.getByLabel('Health check enabled').check();
      await group.getByLabel('Health check protocol').selectOption('http');
      await group.getByLabel('Path', { exact: true }).fill(input.healthCheck.path);
      if (input.healthCheck.interval) await group.getByLabel('Interval (ms)').fill(input.healthCheck.interval);
      if (input.healthCheck.timeout) await group.getByLabel('Timeout (ms)').fill(input.healthCheck.timeout);
    }
    for (const [i, backend] of (input.backends ?? []).entries()) {
      await group.getByRole('button', { name: 'Add backend' }).click();
      await group.getByLabel('Backend virtual service name').nth(i).fill(backend);
    }
    if (input.logPath) await group.getByLabel('Log path').fill(input.logPath);
  }

  async addNode(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add another virtual node' }).click();
  }

  target(index: number): Locator {
    return this.page.getByRole('group', { name: `Target ${index + 1}` });
  }

  async setTarget(index: number, node: string, weight: string): Promise<void> {
    await this.target(index).getByLabel('Target virtual node').selectOption(node);
    await this.target(index).getByLabel('Weight').fill(weight);
  }

  /** The error shown for a labelled input (its accessible description). */
  async expectFieldError(field: Locator, message: string | RegExp): Promise<void> {
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(message);
  }
}
