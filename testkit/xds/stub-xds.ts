// Test support: hand-made resources and an ADS server over them, for protocol tests that must
// control exactly what changes between pushes (the server's `compileNode` returns them).
import type * as grpc from '@grpc/grpc-js';
import type { MeshModel } from '@meshwright/model';
import { startXdsServer, type XdsServer } from '../../apps/bff/src/xds/ads-server';
import { TYPE_URL, type ResourceSet } from '../../apps/bff/src/xds/snapshot';
import { proxyFromNodeId, proxyPath } from '../../apps/bff/src/xds/tls/proxy-identity';
import { testXdsTls, type TestXdsTls } from './tls';

export const cluster = (name: string, timeout = '1s') => ({ '@type': TYPE_URL.clusters, name, type: 'STATIC', connect_timeout: timeout });
export const listener = (name: string, port: number) => ({
  '@type': TYPE_URL.listeners,
  name,
  address: { socket_address: { address: '127.0.0.1', port_value: port } },
});
export const routeConfig = (name: string, clusterName: string) => ({
  '@type': TYPE_URL.routes,
  name,
  virtual_hosts: [{ name: 'vh', domains: ['*'], routes: [{ match: { prefix: '/' }, route: { cluster: clusterName } }] }],
});

export interface StubXds {
  xds: XdsServer;
  tls: TestXdsTls;
  /**
   * TLS credentials of the proxy a node id names (its ARN included), issued at start for every node
   * of the initial output and `extraProxies`; any other id (one that names no proxy) gets web's.
   */
  credentialsFor(nodeId: string): grpc.ChannelCredentials;
  /** The current output of node `web`. */
  web(): ResourceSet;
  /** Replaces the per-node output (the keys are the mesh's nodes) and recomputes mesh `shop`. */
  change(next: Record<string, ResourceSet>): Promise<void>;
}

/** An ADS server (TLS, as by default) for mesh `shop` whose nodes compile to exactly the given resources. */
export async function startStubXds(initial: Record<string, ResourceSet>, opts: { extraProxies?: string[] } = {}): Promise<StubXds> {
  let output = initial;
  const tls = await testXdsTls();
  const issued = new Map<string, grpc.ChannelCredentials>();
  for (const id of [...Object.keys(initial).map((n) => `mesh/shop/virtualNode/${n}`), ...(opts.extraProxies ?? [])]) {
    issued.set(id, await tls.channelFor(id));
  }
  const model = (): MeshModel => ({
    mesh: { meshName: 'shop', spec: {} },
    virtualNodes: Object.keys(output).map((virtualNodeName) => ({ virtualNodeName, spec: {} })),
    virtualRouters: [],
    routes: [],
    virtualGateways: [],
    gatewayRoutes: [],
    virtualServices: [],
  });
  const xds = await startXdsServer({
    store: { loadMeshModel: async (m) => (m === 'shop' ? model() : undefined) },
    compileNode: (_m, node) => {
      const set = output[node];
      if (!set) throw new Error(`no output for ${node}`);
      return { resources: set };
    },
    port: 0,
    security: tls.security,
  });
  return {
    xds,
    tls,
    credentialsFor: (nodeId) => {
      const proxy = proxyFromNodeId(nodeId);
      const creds = issued.get(proxy ? proxyPath(proxy) : 'mesh/shop/virtualNode/web');
      if (!creds) throw new Error(`no certificate was issued for ${nodeId}: pass it in extraProxies`);
      return creds;
    },
    web: () => {
      const set = output.web;
      if (!set) throw new Error('no output for web');
      return set;
    },
    change: async (next) => {
      output = next;
      await xds.core.onChange({ meshName: 'shop' });
    },
  };
}

/** Lets the server handle what the client sent (gRPC delivers in order, a few turns of the loop later). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
}
