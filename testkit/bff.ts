// Test support: starts the BFF (createApp) on 127.0.0.1:0 with a real store; tests talk to it over HTTP like any client.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { AppMeshClient } from '@aws-sdk/client-app-mesh';
import { createApp } from '../apps/bff/src/app';
import { createHttpServer } from '../apps/bff/src/http/http-server';
import type { AppConfig, AppDeps, ChangeEvent, Logger } from '../apps/bff/src/deps';
import type { Store } from '../apps/bff/src/store/types';
import type { StoreVariant } from './stores';

export interface TestServer {
  url: string;
  store: Store;
  /** Every onChange event, in order. */
  changes: ChangeEvent[];
  /** Messages the app logged at error level (a 500 would show up here). */
  errors: string[];
  client: AppMeshClient;
  close: () => Promise<void>;
}

export const testConfig: AppConfig = {
  region: 'us-west-2',
  accountId: '123456789012',
  xds: { host: '127.0.0.1', port: 18000 },
};

export async function startTestServer(
  variant: StoreVariant,
  overrides: { config?: Partial<AppConfig>; deps?: Partial<AppDeps> } = {},
): Promise<TestServer> {
  const { store, dispose } = await variant.open();
  const changes: ChangeEvent[] = [];
  const errors: string[] = [];
  const logger: Logger = { info: () => undefined, warn: () => undefined, error: (m, f) => errors.push(`${m} ${JSON.stringify(f ?? {})}`) };
  const app = createApp({
    store,
    config: { ...testConfig, ...overrides.config },
    logger,
    onChange: (e) => changes.push(e),
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
    changes,
    errors,
    client,
    close: async () => {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dispose();
    },
  };
}

/** The official SDK pointed at a local server; any credentials do, since signatures are not checked. */
export function appMeshClient(url: string): AppMeshClient {
  return new AppMeshClient({
    endpoint: url,
    region: 'us-west-2',
    credentials: { accessKeyId: 'AKIDMESHWRIGHTTEST', secretAccessKey: 'not-a-secret' },
    maxAttempts: 1,
  });
}
