// Meshes with a virtual gateway at the front, addressed at 127.0.0.1 so a real gateway Envoy can
// run them in front of real upstreams. Gateway listener ports are the ports the gateway Envoy binds.
// This file: the building blocks and the HTTP routing meshes; gateway-protocol-meshes.ts has the
// http2, gRPC, TLS, mixed-listener and connection-pool ones.
import type { GatewayRouteSpec, MeshModel, RouteSpec, VirtualGatewaySpec } from '@meshwright/model';

export type Protocol = 'http' | 'http2' | 'grpc';
type HttpGatewayRoute = NonNullable<GatewayRouteSpec['httpRoute']>;

/** The mesh domain every service name of these meshes ends with. */
export const GATE_DOMAIN = 'gate.local';
export const serviceName = (name: string) => `${name}.${GATE_DOMAIN}`;

/** Upstream ports by node name, and the gateway's listener ports. */
export interface GatePorts {
  upstream: Record<string, number>;
  gateway: number[];
}

interface Parts {
  gateway: VirtualGatewaySpec;
  /** Nodes, one per upstream; each provides the service of its own name unless a router does. */
  nodes: { name: string; protocol?: Protocol }[];
  /** Routers listen on 8080 unless `ports` says otherwise. */
  routers?: { name: string; protocol: Protocol; ports?: number[]; routes: { name: string; spec: RouteSpec }[] }[];
  gatewayRoutes: { name: string; spec: GatewayRouteSpec }[];
}

/** A mesh `gate` with one gateway `edge`, the nodes and routers given, and a service per node and router. */
export function gateMesh(ports: GatePorts, parts: Parts): MeshModel {
  const port = (name: string) => {
    const p = ports.upstream[name];
    if (p === undefined) throw new Error(`no upstream port for node ${name}`);
    return p;
  };
  const routers = parts.routers ?? [];
  return {
    mesh: { meshName: 'gate', spec: { egressFilter: { type: 'DROP_ALL' } } },
    virtualNodes: parts.nodes.map((n) => ({
      virtualNodeName: n.name,
      spec: { serviceDiscovery: { dns: { hostname: '127.0.0.1' } }, listeners: [{ portMapping: { port: port(n.name), protocol: n.protocol ?? 'http' } }] },
    })),
    virtualRouters: routers.map((r) => ({
      virtualRouterName: r.name,
      spec: { listeners: (r.ports ?? [8080]).map((port) => ({ portMapping: { port, protocol: r.protocol } })) },
    })),
    routes: routers.flatMap((r) => r.routes.map((route) => ({ virtualRouterName: r.name, routeName: route.name, spec: route.spec }))),
    virtualServices: [
      ...parts.nodes.map((n) => ({ virtualServiceName: serviceName(n.name), spec: { provider: { virtualNode: { virtualNodeName: n.name } } } })),
      ...routers.map((r) => ({ virtualServiceName: serviceName(r.name), spec: { provider: { virtualRouter: { virtualRouterName: r.name } } } })),
    ],
    virtualGateways: [{ virtualGatewayName: 'edge', spec: parts.gateway }],
    gatewayRoutes: parts.gatewayRoutes.map((g) => ({ virtualGatewayName: 'edge', gatewayRouteName: g.name, spec: g.spec })),
  };
}

export function listenerPort(ports: GatePorts, i = 0): number {
  const p = ports.gateway[i];
  if (p === undefined) throw new Error(`no gateway listener port #${i}`);
  return p;
}

export const listeners = (ports: GatePorts, protocol: Protocol = 'http') => ports.gateway.map((port) => ({ portMapping: { port, protocol } }));

/** An HTTP gateway route to the service `target`, with the match (and rewrite) given; `kind` http2Route for http2 listeners. */
export function httpTo(
  target: string,
  match: HttpGatewayRoute['match'],
  rewrite?: HttpGatewayRoute['action']['rewrite'],
  priority?: number,
  kind: 'httpRoute' | 'http2Route' = 'httpRoute',
): GatewayRouteSpec {
  const action = { target: { virtualService: { virtualServiceName: serviceName(target) } }, ...(rewrite ? { rewrite } : {}) };
  return { [kind]: { match, action }, ...(priority === undefined ? {} : { priority }) };
}

export const weighted = (targets: [string, number][]) => ({ weightedTargets: targets.map(([virtualNode, weight]) => ({ virtualNode, weight })) });

/**
 * `/` through the gateway to `catalog`, a router with an 80/20 split of catalog-v1/catalog-v2 and
 * a header route (x-beta: yes) to catalog-beta, a 300 ms timeout (`/slow`) and a retry policy (`/flaky`)
 * of its own; `/own-host` the same, keeping the Host.
 */
export function splitGatewayMesh(ports: GatePorts): MeshModel {
  return gateMesh(ports, {
    gateway: { listeners: listeners(ports) },
    nodes: ['catalog-v1', 'catalog-v2', 'catalog-beta', 'catalog-slow', 'catalog-flaky'].map((name) => ({ name })),
    routers: [
      {
        name: 'catalog',
        protocol: 'http',
        routes: [
          { name: 'beta', spec: { priority: 1, httpRoute: { match: { prefix: '/', headers: [{ name: 'x-beta', match: { exact: 'yes' } }] }, action: weighted([['catalog-beta', 1]]) } } },
          {
            name: 'slow',
            spec: { priority: 2, httpRoute: { match: { prefix: '/slow' }, action: weighted([['catalog-slow', 1]]), timeout: { perRequest: { unit: 'ms', value: 300 } } } },
          },
          {
            name: 'flaky',
            spec: {
              priority: 3,
              httpRoute: {
                match: { prefix: '/flaky' },
                action: weighted([['catalog-flaky', 1]]),
                retryPolicy: { maxRetries: 2, perRetryTimeout: { unit: 'ms', value: 2000 }, httpRetryEvents: ['server-error'] },
              },
            },
          },
          { name: 'split', spec: { priority: 10, httpRoute: { match: { prefix: '/' }, action: weighted([['catalog-v1', 80], ['catalog-v2', 20]]) } } },
        ],
      },
    ],
    gatewayRoutes: [
      { name: 'catalog', spec: httpTo('catalog', { prefix: '/' }) },
      // The client's Host kept: the router's own routes must still apply.
      { name: 'catalog-own-host', spec: httpTo('catalog', { prefix: '/own-host' }, { hostname: { defaultTargetHostname: 'DISABLED' } }) },
    ],
  });
}

/** One echo node `book`, reached by prefix and exact routes with each kind of rewrite; a JSON access log at `logPath`. */
export function rewriteGatewayMesh(ports: GatePorts, logPath = '/dev/stdout'): MeshModel {
  // As Envoy's default format: the client's path is in x-envoy-original-path once a rewrite changed :path.
  const format = {
    json: [
      { key: 'path', value: '%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%' },
      { key: 'upstreamPath', value: '%REQ(:PATH)%' },
      { key: 'code', value: '%RESPONSE_CODE%' },
    ],
  };
  return gateMesh(ports, {
    gateway: { listeners: listeners(ports), logging: { accessLog: { file: { path: logPath, format } } } },
    nodes: [{ name: 'book' }],
    gatewayRoutes: [
      { name: 'chapter', spec: httpTo('book', { prefix: '/chapter' }) },
      { name: 'section', spec: httpTo('book', { prefix: '/section/' }) },
      { name: 'keep', spec: httpTo('book', { prefix: '/keep' }, { hostname: { defaultTargetHostname: 'DISABLED' }, prefix: { defaultPrefix: 'DISABLED' } }) },
      { name: 'old', spec: httpTo('book', { prefix: '/old/' }, { prefix: { value: '/new/' } }) },
      { name: 'legacy', spec: httpTo('book', { path: { exact: '/legacy' } }, { path: { exact: '/modern' } }) },
      { name: 'status', spec: httpTo('book', { path: { exact: '/status' } }) },
      { name: 'docs', spec: httpTo('book', { path: { regex: '/v[0-9]+/docs' } }, { path: { exact: '/docs' } }) },
    ],
  });
}

/**
 * A service on two ports: router `pages` listens on 8080 (to node `pages-a`) and 9090 (to
 * `pages-b`); gateway routes `/on-8080` and `/on-9090` name the port in `action.target.port`.
 */
export function targetPortGatewayMesh(ports: GatePorts): MeshModel {
  const onPort = (port: number, node: string): { name: string; spec: RouteSpec } => ({
    name: `on-${port}`,
    spec: { httpRoute: { match: { prefix: '/', port }, action: weighted([[node, 1]]) } },
  });
  const toPort = (port: number): GatewayRouteSpec => ({
    httpRoute: { match: { prefix: `/on-${port}` }, action: { target: { virtualService: { virtualServiceName: serviceName('pages') }, port } } },
  });
  return gateMesh(ports, {
    gateway: { listeners: listeners(ports) },
    nodes: [{ name: 'pages-a' }, { name: 'pages-b' }],
    routers: [{ name: 'pages', protocol: 'http', ports: [8080, 9090], routes: [onPort(8080, 'pages-a'), onPort(9090, 'pages-b')] }],
    gatewayRoutes: [{ name: 'to-8080', spec: toPort(8080) }, { name: 'to-9090', spec: toPort(9090) }],
  });
}

/**
 * Echo nodes named after what reaches them: hostname exact and suffix routes; header, query and
 * method routes; longest prefix (created shortest first) and priority 0 first, each on a hostname of
 * its own. There is no catch-all, so a request no route takes is answered 404 by the gateway.
 */
export function matchGatewayMesh(ports: GatePorts): MeshModel {
  const nodes = ['shop', 'org', 'gold', 'beta', 'post', 'root', 'chapter'].map((name) => ({ name }));
  return gateMesh(ports, {
    gateway: { listeners: listeners(ports) },
    nodes,
    gatewayRoutes: [
      { name: 'shop-exact', spec: httpTo('shop', { prefix: '/', hostname: { exact: 'shop.example.com' } }) },
      { name: 'org-suffix', spec: httpTo('org', { prefix: '/', hostname: { suffix: '.example.org' } }) },
      // A suffix without a leading dot also takes the name itself (Envoy's `*` needs a character).
      { name: 'net-suffix', spec: httpTo('org', { prefix: '/', hostname: { suffix: 'example.net' } }) },
      { name: 'gold-header', spec: httpTo('gold', { prefix: '/', headers: [{ name: 'x-tier', match: { exact: 'gold' } }] }, undefined, 1) },
      { name: 'beta-query', spec: httpTo('beta', { prefix: '/', queryParameters: [{ name: 'beta', match: { exact: 'yes' } }] }, undefined, 2) },
      { name: 'post-method', spec: httpTo('post', { prefix: '/', method: 'POST' }, undefined, 3) },
      // Longest prefix wins whatever the order of creation: `/` is created before `/chapter`.
      { name: 'longest-root', spec: httpTo('root', { prefix: '/', hostname: { exact: 'longest.test' } }) },
      { name: 'longest-chapter', spec: httpTo('chapter', { prefix: '/chapter', hostname: { exact: 'longest.test' } }) },
      // Priority before prefix length: priority 0 on `/` beats priority 5 on `/chapter`.
      { name: 'priority-chapter', spec: httpTo('chapter', { prefix: '/chapter', hostname: { exact: 'priority.test' } }, undefined, 5) },
      { name: 'priority-root', spec: httpTo('root', { prefix: '/', hostname: { exact: 'priority.test' } }, undefined, 0) },
    ],
  });
}

/**
 * Two listeners: on the first, `/a` reaches node `a`; on the second, a route whose match has only
 * the port (as App Mesh's howto-multiple-listeners writes it) sends every path to node `b`.
 */
export function multiListenerGatewayMesh(ports: GatePorts): MeshModel {
  return gateMesh(ports, {
    gateway: { listeners: listeners(ports) },
    nodes: [{ name: 'a' }, { name: 'b' }],
    gatewayRoutes: [
      { name: 'a-on-first', spec: httpTo('a', { prefix: '/a', port: listenerPort(ports, 0) }) },
      { name: 'b-on-second', spec: httpTo('b', { port: listenerPort(ports, 1) }) },
    ],
  });
}
