import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type BrowserContextOptions, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { signedHeaders } from '../../testkit/sign';
import type { Credentials } from './bff-process';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through playwright.config.ts (global setup starts the BFF)`);
  return value;
};

/** The seeded admin key global setup started the server with. */
export const adminCredentials = (): Credentials => ({ accessKeyId: env('MESHWRIGHT_E2E_ACCESS_KEY_ID'), secretAccessKey: env('MESHWRIGHT_E2E_SECRET_ACCESS_KEY') });

/**
 * Calls the App Mesh and console APIs of the BFF under test, as a script or the AWS CLI would: every
 * request signed with SigV4 by an access key (the seeded admin unless `as` gave another).
 */
export class Api {
  constructor(
    readonly baseURL: string,
    readonly credentials: Credentials = adminCredentials(),
    readonly region: string = process.env.MESHWRIGHT_E2E_REGION ?? 'us-west-2',
  ) {}

  /** The same API, signed by another key. */
  as(credentials: Credentials): Api {
    return new Api(this.baseURL, credentials, this.region);
  }

  /** A signed fetch (path or absolute URL on this server). */
  async fetch(url: string | URL, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
    const target = new URL(url, this.baseURL);
    const method = init.method ?? 'GET';
    const { host: _host, ...headers } = await signedHeaders(this.credentials, { method, url: target, headers: init.headers ?? {}, region: this.region, ...(init.body === undefined ? {} : { body: init.body }) });
    return fetch(target, { method, headers, ...(init.body === undefined ? {} : { body: init.body }) });
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; type: string | null; json: Record<string, unknown> }> {
    const res = await this.fetch(path, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('x-amzn-errortype'), json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  /** A new key (POST /api/keys, as the admin) and its credentials. */
  async createKey(name: string, role: 'admin' | 'editor' | 'viewer', meshes?: string[]): Promise<Credentials> {
    const res = await this.request('POST', '/api/keys', { name, role, ...(meshes ? { meshes } : {}) });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const { key, secretAccessKey } = res.json as { key: { accessKeyId: string }; secretAccessKey: string };
    return { accessKeyId: key.accessKeyId, secretAccessKey };
  }

  /** Signs in as the console does (POST /api/session) and answers the session cookie's value. */
  async sessionCookie(credentials: Credentials = this.credentials): Promise<string> {
    const res = await fetch(new URL('/api/session', this.baseURL), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
    expect(res.status, await res.clone().text()).toBe(200);
    const cookie = /(?:^|[;,]\s*)meshwright_session=([^;]+)/.exec(res.headers.getSetCookie().join(', '));
    if (!cookie?.[1]) throw new Error('POST /api/session set no meshwright_session cookie');
    return cookie[1];
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

/** A browser state holding a console session cookie of this key, as signing in on the login page leaves. */
export async function signedInState(api: Api, credentials?: Credentials): Promise<Exclude<BrowserContextOptions['storageState'], string | undefined>> {
  const value = await api.sessionCookie(credentials);
  return { cookies: [{ name: 'meshwright_session', value, domain: new URL(api.baseURL).hostname, path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Strict' }], origins: [] };
}

export const test = base.extend<{ api: Api; xdsPort: number; signedIn: boolean }>({
  /** Every test's browser starts signed in as the admin (its own session, so one spec's sign-out is no other's); `test.use({ signedIn: false })` starts at the login page. */
  signedIn: [true, { option: true }],
  storageState: async ({ signedIn, api }, use) => {
    await use(signedIn ? await signedInState(api) : undefined);
  },
  baseURL: async ({}, use) => {
    await use(env('MESHWRIGHT_E2E_URL'));
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
export type { Credentials };
