// A whole control plane for tests and the benchmark: store, HTTP API, ADS server, upstream apps that
// answer with their names, and a real Envoy started from the ADS bootstrap the API hands out.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppMeshClient, CreateMeshCommand, CreateRouteCommand, CreateVirtualNodeCommand, CreateVirtualRouterCommand,
  CreateVirtualServiceCommand, UpdateRouteCommand } from '@aws-sdk/client-app-mesh';
import { parse, stringify } from 'yaml';
import { createApp } from '../app';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/types';
import { startXdsServer, type XdsServer } from './ads-server';
import { createXdsRouter } from './router';
import { startEnvoy, type RunningEnvoy } from '../../../../testkit/envoy';

export const MESH = 'shop';
export const SERVICE = 'colors.shop.local';
export const FRONT = 'front';

/** A port nobody listens on right now (the OS hands out a fresh one). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** An HTTP app on 127.0.0.1 that answers every request with its name. */
export async function nameServer(name: string): Promise<{ port: number; close: () => Promise<void> }> {
  const s: Server = createServer((_req, res) => res.end(name));
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  return { port, close: () => new Promise((r) => { s.closeAllConnections(); s.close(() => r()); }) };
}

export interface ControlPlane {
  url: string;
  store: Store;
  client: AppMeshClient;
  xds: XdsServer;
  egressPort: number;
  /** Stops the ADS server only (the HTTP API keeps running). */
  killXds(): Promise<void>;
  /** Starts the ADS server again on the same port. */
  restartXds(): Promise<void>;
  close(): Promise<void>;
}

export async function startControlPlane(): Promise<ControlPlane> {
  const dir = mkdtempSync(join(tmpdir(), 'mw-xds-'));
  const store = openSqliteStore({ dataDir: dir });
  const egressPort = await freePort();
  const ingressPort = await freePort();
  const xdsOptions = {
    store,
    port: 0,
    compileOptions: { ports: { egress: egressPort, ingress: ingressPort, tcpEgressBase: 20000 + (egressPort % 20000) }, listenerAddress: '127.0.0.1' },
  };
  let xds = await startXdsServer(xdsOptions);
  const xdsPort = xds.port;
  const app = createApp({
    store,
    config: { region: 'us-west-2', accountId: '123456789012', xds: { host: '127.0.0.1', port: xdsPort } },
    onChange: (e) => xds.onChange(e),
    extraRoutes: (router) => router.use(createXdsRouter({ get core() { return xds.core; } })),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new AppMeshClient({
    endpoint: url,
    region: 'us-west-2',
    credentials: { accessKeyId: 'AKIDMESHWRIGHTTEST', secretAccessKey: 'not-a-secret' },
    maxAttempts: 1,
  });
  return {
    url,
    store,
    client,
    get xds() {
      return xds;
    },
    egressPort,
    killXds: () => xds.stop(),
    restartXds: async () => {
      xds = await startXdsServer({ ...xdsOptions, port: xdsPort });
    },
    close: async () => {
      client.destroy();
      await xds.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** front -> colors.shop.local (router colors, route split) -> virtual nodes named after the apps. */
export async function createColorMesh(client: AppMeshClient, apps: Record<string, number>, weights: Record<string, number>): Promise<void> {
  await client.send(new CreateMeshCommand({ meshName: MESH }));
  for (const [name, port] of Object.entries(apps)) {
    await client.send(new CreateVirtualNodeCommand({
      meshName: MESH,
      virtualNodeName: name,
      spec: { listeners: [{ portMapping: { port, protocol: 'http' } }], serviceDiscovery: { dns: { hostname: '127.0.0.1' } } },
    }));
  }
  await client.send(new CreateVirtualRouterCommand({
    meshName: MESH, virtualRouterName: 'colors', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] },
  }));
  await client.send(new CreateRouteCommand({ meshName: MESH, virtualRouterName: 'colors', routeName: 'split', spec: splitRoute(weights) }));
  await client.send(new CreateVirtualServiceCommand({
    meshName: MESH, virtualServiceName: SERVICE, spec: { provider: { virtualRouter: { virtualRouterName: 'colors' } } },
  }));
  await client.send(new CreateVirtualNodeCommand({
    meshName: MESH, virtualNodeName: FRONT, spec: { backends: [{ virtualService: { virtualServiceName: SERVICE } }] },
  }));
}

function splitRoute(weights: Record<string, number>) {
  return {
    httpRoute: {
      match: { prefix: '/' },
      action: { weightedTargets: Object.entries(weights).map(([virtualNode, weight]) => ({ virtualNode, weight })) },
    },
  };
}

export async function setWeights(client: AppMeshClient, weights: Record<string, number>): Promise<void> {
  await client.send(new UpdateRouteCommand({ meshName: MESH, virtualRouterName: 'colors', routeName: 'split', spec: splitRoute(weights) }));
}

/** Envoy for `front`, started from the ADS bootstrap the console downloads (admin port moved to a free one). */
export async function startFrontEnvoy(cp: ControlPlane): Promise<RunningEnvoy> {
  const res = await fetch(`${cp.url}/api/meshes/${MESH}/virtualNodes/${FRONT}/envoy-config?mode=ads&format=yaml`);
  if (res.status !== 200) throw new Error(`envoy-config answered ${res.status}: ${await res.text()}`);
  const bootstrap = parse(await res.text()) as { admin: { address: { socket_address: { port_value: number } } } };
  const adminPort = await freePort();
  // Tests share the machine: the default admin port 9901 may be taken.
  bootstrap.admin.address.socket_address.port_value = adminPort;
  return startEnvoy(stringify(bootstrap), adminPort);
}

/** Sends `n` requests for the virtual service through Envoy's egress listener; counts the answers. */
export async function sample(egressPort: number, n: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const body = await get(egressPort);
    counts[body] = (counts[body] ?? 0) + 1;
  }
  return counts;
}

/** One request with Host = the virtual service: the body (the app's name), `HTTP <status>` or `error ...`. */
export function get(egressPort: number): Promise<string> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: egressPort, path: '/', headers: { Host: SERVICE }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve(res.statusCode === 200 ? body : `HTTP ${res.statusCode ?? '?'}`));
    });
    req.on('error', (e) => resolve(`error ${e.message}`));
    req.end();
  });
}

/** Polls `probe` until it returns true; fails with `what` and the last value after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await probe();
  }
  return last;
}

