// Test support: a whole control plane for tests and the benchmark: store, HTTP API, ADS server, and a
// real Envoy started from the ADS bootstrap the API hands out. xDS runs over TLS with client
// certificates (issued with each downloaded bootstrap), as server.ts runs it; `insecure` is XDS_INSECURE=1.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppMeshClient } from '@aws-sdk/client-app-mesh';
import type { Router } from 'express';
import { parse, stringify } from 'yaml';
import { createApp } from '../../apps/bff/src/app';
import { openSqliteStore } from '../../apps/bff/src/store/sqlite-store';
import type { Store } from '../../apps/bff/src/store/types';
import { startXdsServer, type XdsServer, type XdsServerOptions } from '../../apps/bff/src/xds/ads-server';
import { adsCompileNode } from '../../apps/bff/src/xds/compile-node';
import { createXdsRouter } from '../../apps/bff/src/xds/router';
import type { CompileNode } from '../../apps/bff/src/xds/snapshot-cache';
import { appMeshClient, testConfig } from '../bff';
import { startEnvoy, type RunningEnvoy } from '../envoy';
import { apiRequest } from '../http';
import { freePort } from '../ports';
import { FRONT, MESH } from './color-mesh';
import { testXdsTls, type TestXdsTls } from './tls';

export interface ControlPlane {
  url: string;
  store: Store;
  client: AppMeshClient;
  xds: XdsServer;
  /** Undefined when started insecure. */
  tls: TestXdsTls | undefined;
  egressPort: number;
  /** Stops the ADS server only (the HTTP API keeps running). */
  killXds(): Promise<void>;
  /** Starts the ADS server again on the same port. */
  restartXds(): Promise<void>;
  close(): Promise<void>;
}

export interface ControlPlaneOptions {
  /**
   * Wraps the real compile (bound to this control plane's ports), e.g. to add a resource Envoy
   * rejects; the ADS server takes it as its `compileNode`, like any other compile.
   */
  compile?: (standard: CompileNode) => CompileNode;
  /** More gRPC services on the ADS port and more /api routes (the traffic collectors). */
  registerServices?: XdsServerOptions['registerServices'];
  extraRoutes?: (router: Router) => void;
  /** Plaintext xDS without proxy identity, as XDS_INSECURE=1 runs it. */
  insecure?: boolean;
}

export async function startControlPlane(opts: ControlPlaneOptions = {}): Promise<ControlPlane> {
  const dir = mkdtempSync(join(tmpdir(), 'mw-xds-'));
  const store = openSqliteStore({ dataDir: dir });
  const egressPort = await freePort();
  const ingressPort = await freePort();
  const compileOptions = { ports: { egress: egressPort, ingress: ingressPort, tcpEgressBase: 20000 + (egressPort % 20000) }, listenerAddress: '127.0.0.1' };
  const tls = opts.insecure ? undefined : await testXdsTls(store.proxyCertificates);
  const xdsOptions: XdsServerOptions = {
    store,
    port: 0,
    compileOptions,
    security: tls ? tls.security : { insecure: true },
    ...(opts.registerServices ? { registerServices: opts.registerServices } : {}),
  };
  if (opts.compile) xdsOptions.compileNode = opts.compile(adsCompileNode(compileOptions));
  let xds = await startXdsServer(xdsOptions);
  const xdsPort = xds.port;
  const app = createApp({
    store,
    config: { ...testConfig, xds: { host: '127.0.0.1', port: xdsPort }, proxy: compileOptions },
    auditLog: () => undefined,
    onChange: (e) => xds.onChange(e),
    ...(tls ? { xdsCredentials: tls.credentials } : {}),
    extraRoutes: (router) => {
      router.use(createXdsRouter({ get core() { return xds.core; } }));
      opts.extraRoutes?.(router);
    },
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = appMeshClient(url);
  return {
    url,
    store,
    client,
    get xds() {
      return xds;
    },
    tls,
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

/** Envoy for `front`, started from the ADS bootstrap the console downloads (admin port moved to a free one). */
export async function startFrontEnvoy(cp: Pick<ControlPlane, 'url'>): Promise<RunningEnvoy> {
  const res = await apiRequest(cp, `/api/meshes/${MESH}/virtualNodes/${FRONT}/envoy-config?mode=ads&format=yaml`);
  if (res.status !== 200) throw new Error(`envoy-config answered ${res.status}: ${await res.text()}`);
  const bootstrap = parse(await res.text()) as { admin: { address: { socket_address: { port_value: number } } } };
  const adminPort = await freePort();
  // Tests share the machine: the default admin port 9901 may be taken.
  bootstrap.admin.address.socket_address.port_value = adminPort;
  return startEnvoy(stringify(bootstrap), adminPort);
}
