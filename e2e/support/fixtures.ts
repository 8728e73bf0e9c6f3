import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Calls the App Mesh and console APIs of the BFF under test, as a script or the AWS CLI would. */
export class Api {
  constructor(readonly baseURL: string) {}

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; type: string | null; json: Record<string, unknown> }> {
    const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await fetch(this.baseURL + path, init);
    const text = await res.text();
    return { status: res.status, type: res.headers.get('x-amzn-errortype'), json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  get(path: string) {
    return this.request('GET', `/v20190125${path}`);
  }

  /** A mesh with two nodes behind a router whose route splits 90/10, created in one call. */
  async createDemoMesh(meshName: string) {
    const node = (name: string) => ({
      meshName,
      virtualNodeName: name,
      spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }], serviceDiscovery: { dns: { hostname: `${name}.local` } } },
    });
    const res = await this.request('POST', '/api/bundles', {
      mesh: { meshName },
      virtualNodes: [node('web-v1'), node('web-v2')],
      virtualRouters: [{ meshName, virtualRouterName: 'web-router', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] } }],
      routes: [
        {
          meshName,
          virtualRouterName: 'web-router',
          routeName: 'web-route',
          spec: { httpRoute: { match: { prefix: '/' }, action: { weightedTargets: [{ virtualNode: 'web-v1', weight: 90 }, { virtualNode: 'web-v2', weight: 10 }] } } },
        },
      ],
      virtualServices: [{ meshName, virtualServiceName: 'web.local', spec: { provider: { virtualRouter: { virtualRouterName: 'web-router' } } } }],
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
  }
}

const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** Keeps a screenshot of the page in e2e/artifacts/ (gitignored) for people to look at. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
}

/** Fails on serious or critical accessibility violations, listing them. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), `axe on ${what}`).toEqual([]);
}

/** A mesh name no other spec (or earlier run) uses. */
export const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

export const test = base.extend<{ api: Api; xdsPort: number }>({
  baseURL: async ({}, use) => {
    const url = process.env.MESHWRIGHT_E2E_URL;
    if (!url) throw new Error('MESHWRIGHT_E2E_URL is not set: run through playwright.config.ts (global setup starts the BFF)');
    await use(url);
  },
  api: async ({ baseURL }, use) => {
    await use(new Api(baseURL ?? ''));
  },
  /** The port of the BFF's ADS server, which the ADS bootstraps it hands out point at. */
  xdsPort: async ({}, use) => {
    const port = Number(process.env.MESHWRIGHT_E2E_XDS_PORT);
    if (!Number.isInteger(port) || port <= 0) throw new Error('MESHWRIGHT_E2E_XDS_PORT is not set: run through playwright.config.ts (global setup starts the BFF)');
    await use(port);
  },
});

export { expect };
