// Test support: starts the BFF (createApp) on 127.0.0.1:0 with a real store and a seeded admin key;
// tests talk to it over HTTP like any client, with signed requests.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { AppMeshClient } from '@aws-sdk/client-app-mesh';
import { createApp } from '../apps/bff/src/app';
import { createHttpServer } from '../apps/bff/src/http/http-server';
import type { AppConfig, AppDeps, ChangeEvent, Logger } from '../apps/bff/src/deps';
import type { Store } from '../apps/bff/src/store/types';
import type { Credentials } from './sign';
import type { StoreVariant } from './stores';

/** The admin key every test server is seeded with (AWS-style: 20 upper-case characters). */
export const TEST_ACCESS_KEY_ID = 'MWTESTADMINKEY000001';
export const TEST_SECRET_ACCESS_KEY = 'test-secret/Meshwright+0123456789abcdefg';
export const TEST_CREDENTIALS: Credentials = { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY };

/** For CLI tests: the environment a user of `meshwright` sets so its requests are signed with the admin key. */
export function useTestCredentialsInEnv(): void {
  process.env.AWS_ACCESS_KEY_ID = TEST_ACCESS_KEY_ID;
  process.env.AWS_SECRET_ACCESS_KEY = TEST_SECRET_ACCESS_KEY;
  process.env.AWS_REGION = 'us-west-2';
}

export interface KeyRequest {
  role: 'admin' | 'editor' | 'viewer';
  meshes?: string[];
  name?: string;
}

export interface TestServer {
  url: string;
  store: Store;
  /** The SQLite variant's folder. */
  dataDir?: string;
  /** Every onChange event, in order. */
  changes: ChangeEvent[];
  /** Messages the app logged at error level (a 500 would show up here). */
  errors: string[];
  client: AppMeshClient;
  /** Audit events as the log got them (one JSON line each). */
  auditLines: string[];
  /** Creates keys through the API (POST /api/keys, signed by the admin key). */
  keys: { create: (request: KeyRequest) => Promise<Credentials> };
  close: () => Promise<void>;
}

export const testConfig: AppConfig = {
  region: 'us-west-2',
  accountId: '123456789012',
  xds: { host: '127.0.0.1', port: 18000 },
  auth: { masterKey: randomBytes(32), seedAdmin: TEST_CREDENTIALS },
};

export async function startTestServer(
  variant: StoreVariant,
  overrides: { config?: Partial<AppConfig>; deps?: Partial<AppDeps> } = {},
): Promise<TestServer> {
  const { store, dispose, dataDir } = await variant.open();
  const changes: ChangeEvent[] = [];
  const errors: string[] = [];
  const auditLines: string[] = [];
  const logger: Logger = { info: () => undefined, warn: () => undefined, error: (m, f) => errors.push(`${m} ${JSON.stringify(f ?? {})}`) };
  const app = createApp({
    store,
    config: { ...testConfig, ...overrides.config },
    logger,
    onChange: (e) => changes.push(e),
    auditLog: (line) => auditLines.push(line),
    ...overrides.deps,
  });
  const server: Server = await new Promise((resolve) => {
    const s = createHttpServer(app).listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const client = appMeshClient(url);
  return {
    url,
    store,
    ...(dataDir === undefined ? {} : { dataDir }),
    changes,
    errors,
    client,
    auditLines,
    keys: { create: (request) => createKey(url, request) },
    close: async () => {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dispose();
    },
  };
}

/** The official SDK pointed at a local server, signing with the given key (the seeded admin's by default). */
export function appMeshClient(url: string, credentials: Credentials = TEST_CREDENTIALS): AppMeshClient {
  return new AppMeshClient({ endpoint: url, region: 'us-west-2', credentials, maxAttempts: 1 });
}

async function createKey(url: string, request: KeyRequest): Promise<Credentials> {
  const { apiJson } = await import('./http');
  const res = await apiJson({ url }, 'POST', '/api/keys', { name: request.name ?? `${request.role} key`, role: request.role, meshes: request.meshes ?? [] });
  const body = (await res.json()) as { key?: { accessKeyId: string }; secretAccessKey?: string; message?: string };
  if (res.status !== 201 || !body.key || body.secretAccessKey === undefined) throw new Error(`creating a ${request.role} key failed: ${res.status} ${body.message ?? ''}`);
  return { accessKeyId: body.key.accessKeyId, secretAccessKey: body.secretAccessKey };
}
