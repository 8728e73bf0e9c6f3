// fast-check arbitraries for valid meshes with a virtual gateway `g0` in front: a random mesh from
// mesh-arbitraries, a gateway with 1-3 listeners (http, http2, grpc; TLS, connection pools, health
// checks), and gateway routes that fit their listener and reach a service port of their protocol,
// with every match (prefix, exact, regex, hostname, headers, query, method, gRPC service) and every
// rewrite the match allows.
import fc from 'fast-check';
import type { GatewayRouteSpec, MeshModel, PortProtocol, VirtualGatewayListener, VirtualGatewaySpec } from '@meshwright/model';
import { meshModelArb, type ArbCerts } from './mesh-arbitraries';

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const clean = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

type GatewayProtocol = 'http' | 'http2' | 'grpc';
const KIND = { http: 'httpRoute', http2: 'http2Route', grpc: 'grpcRoute' } as const;

/** Ports a gateway listener may take: not Envoy's admin (9901) nor the gateway's egress (15001). */
const gatewayPort = fc.integer({ min: 1, max: 65535 }).filter((p) => p !== 9901 && p !== 15001);

type Pool = NonNullable<VirtualGatewayListener['connectionPool']>;

function poolFor(protocol: GatewayProtocol): fc.Arbitrary<Pool> {
  const n = fc.integer({ min: 1, max: 10000 });
  if (protocol === 'http') return fc.record({ http: fc.record({ maxConnections: n, maxPendingRequests: opt(n) }).map(clean) }).map((p): Pool => p);
  return protocol === 'http2' ? fc.record({ http2: fc.record({ maxRequests: n }) }) : fc.record({ grpc: fc.record({ maxRequests: n }) });
}

function gatewayListener(certs: ArbCerts): fc.Arbitrary<VirtualGatewayListener> {
  const file = { file: { certificateChain: certs.serverCert, privateKey: certs.serverKey } };
  return fc.record({ port: gatewayPort, protocol: fc.constantFrom<GatewayProtocol>('http', 'http2', 'grpc') }).chain(({ port, protocol }) => fc.record({
    portMapping: fc.constant({ port, protocol }),
    connectionPool: opt(poolFor(protocol)),
    healthCheck: opt(fc.record({
      protocol: fc.constant(protocol),
      healthyThreshold: fc.integer({ min: 2, max: 10 }),
      unhealthyThreshold: fc.integer({ min: 2, max: 10 }),
      intervalMillis: fc.integer({ min: 5000, max: 300000 }),
      timeoutMillis: fc.integer({ min: 2000, max: 60000 }),
      path: protocol === 'grpc' ? fc.constant(undefined) : fc.constantFrom('/health', '/ping'),
    }).map(clean)),
    tls: opt(fc.record({
      mode: fc.constantFrom('STRICT' as const, 'PERMISSIVE' as const, 'DISABLED' as const),
      certificate: fc.constant(file),
      validation: opt(fc.constant({ trust: { file: { certificateChain: certs.caCert } } })),
    }).map(clean)),
  }).map((l) => clean(l) as VirtualGatewayListener));
}

const hostname = opt(fc.oneof(
  fc.record({ exact: fc.constantFrom('api.example.com', 'WWW.example.com', 'shop.local') }),
  fc.record({ suffix: fc.constantFrom('.example.com', 'example.com', '.local') }),
));
const trickyValue = fc.oneof(fc.constantFrom('yes', 'on', '0x1F', '~'), fc.stringMatching(/^[a-zA-Z0-9._-]{1,12}$/));
const headers = opt(fc.uniqueArray(fc.record({
  name: fc.constantFrom('x-user', 'x-env', 'tenant'),
  invert: opt(fc.boolean()),
  match: opt(fc.oneof(fc.record({ exact: trickyValue }), fc.record({ prefix: trickyValue }), fc.record({ regex: fc.constantFrom('^a.*', '[0-9]+') }),
    fc.integer({ min: -100, max: 100 }).map((start) => ({ range: { start, end: start + 10 } })))),
}).map(clean), { minLength: 1, maxLength: 3, selector: (h) => h.name }));

const routeSeed = fc.record({
  listenerPick: fc.nat(),
  targetPick: fc.nat(),
  priority: opt(fc.integer({ min: 0, max: 1000 })),
  path: fc.oneof(
    fc.record({ prefix: fc.constantFrom('/', '/api/', '/chapter', '/v2/items/') }),
    fc.record({ exact: fc.constantFrom('/login', '/v1/items') }),
    fc.record({ regex: fc.constantFrom('/v[0-9]+/.*', '^/shop/(a|b)$') }),
    fc.constant({}),
  ),
  hostname,
  headers,
  method: opt(fc.constantFrom('GET' as const, 'POST' as const, 'DELETE' as const)),
  query: opt(fc.uniqueArray(fc.record({ name: fc.constantFrom('debug', 'v'), match: opt(fc.record({ exact: trickyValue })) }).map(clean), { minLength: 1, maxLength: 2, selector: (q) => q.name })),
  grpcService: opt(fc.constantFrom('shop.Cart', 'pkg.v1.Search')),
  hostRewrite: opt(fc.constantFrom('ENABLED' as const, 'DISABLED' as const)),
  prefixRewrite: opt(fc.oneof(fc.record({ defaultPrefix: fc.constantFrom('ENABLED' as const, 'DISABLED' as const) }), fc.record({ value: fc.constantFrom('/', '/new/', '/v2/') }))),
  pathRewrite: opt(fc.constantFrom('/auth/login', '/')),
});
type RouteSeed = typeof routeSeed extends fc.Arbitrary<infer T> ? T : never;

/** Every virtual service with the ports (and protocols) its provider serves on. */
function servicePorts(model: MeshModel): { service: string; ports: { port: number; protocol: PortProtocol }[] }[] {
  return model.virtualServices.map((s) => {
    const router = s.spec.provider?.virtualRouter && model.virtualRouters.find((r) => r.virtualRouterName === s.spec.provider?.virtualRouter?.virtualRouterName);
    const node = s.spec.provider?.virtualNode && model.virtualNodes.find((n) => n.virtualNodeName === s.spec.provider?.virtualNode?.virtualNodeName);
    const listeners = router ? router.spec.listeners ?? [] : node ? node.spec.listeners ?? [] : [];
    return { service: s.virtualServiceName, ports: listeners.map((l) => l.portMapping) };
  });
}

function routeFrom(seed: RouteSeed, listeners: VirtualGatewayListener[], services: ReturnType<typeof servicePorts>): GatewayRouteSpec | undefined {
  const listener = listeners[seed.listenerPick % listeners.length];
  if (!listener) return undefined;
  const { protocol } = listener.portMapping;
  const fitting = services.flatMap((s) => s.ports.filter((p) => p.protocol === protocol).map((p) => ({ ...p, service: s.service, several: new Set(s.ports.map((q) => q.port)).size > 1 })));
  const target = fitting[seed.targetPick % fitting.length];
  if (!target) return undefined;
  const action = { target: clean({ virtualService: { virtualServiceName: target.service }, port: target.several ? target.port : undefined }) };
  const port = listeners.length > 1 ? listener.portMapping.port : undefined;
  const hostRewrite = seed.hostRewrite && { hostname: { defaultTargetHostname: seed.hostRewrite } };
  const base = clean({ priority: seed.priority });
  if (protocol === 'grpc') {
    // A gRPC match needs something to match on; the listener's port is enough.
    const match = clean({ port: port ?? listener.portMapping.port, serviceName: seed.grpcService, hostname: seed.hostname, metadata: seed.headers });
    return { ...base, grpcRoute: { match, action: clean({ ...action, rewrite: hostRewrite }) } };
  }
  const p = seed.path;
  const pathMatch = 'prefix' in p ? { prefix: p.prefix } : 'exact' in p ? { path: { exact: p.exact } } : 'regex' in p ? { path: { regex: p.regex } } : {};
  // A match with no path takes every path of its port (App Mesh's howto-multiple-listeners).
  const match = clean({ ...pathMatch, port: 'prefix' in p || 'exact' in p || 'regex' in p ? port : listener.portMapping.port, hostname: seed.hostname, headers: seed.headers, method: seed.method, queryParameters: seed.query });
  const prefixOk = 'prefix' in p && (!seed.prefixRewrite || !('value' in seed.prefixRewrite) || p.prefix.endsWith('/'));
  const rewrite = clean({
    ...hostRewrite,
    prefix: prefixOk ? seed.prefixRewrite : undefined,
    path: ('exact' in p || 'regex' in p) && seed.pathRewrite ? { exact: seed.pathRewrite } : undefined,
  });
  const body = { match, action: clean({ ...action, rewrite: Object.keys(rewrite).length > 0 ? rewrite : undefined }) };
  return { ...base, [KIND[protocol]]: body };
}

/** A valid mesh (from meshModelArb) with gateway `g0` and up to 8 gateway routes. */
export const gatewayMeshArb = (certs: ArbCerts): fc.Arbitrary<MeshModel> => fc
  .record({
    mesh: meshModelArb(certs),
    listeners: fc.uniqueArray(gatewayListener(certs), { minLength: 1, maxLength: 3, selector: (l) => l.portMapping.port }),
    routes: fc.array(routeSeed, { maxLength: 8 }),
    backendTls: fc.boolean(),
    logging: fc.boolean(),
  })
  .map(({ mesh, listeners, routes, backendTls, logging }) => {
    const services = servicePorts(mesh);
    const spec: VirtualGatewaySpec = { listeners };
    if (backendTls) spec.backendDefaults = { clientPolicy: { tls: { validation: { trust: { file: { certificateChain: certs.caCert } } } } } };
    if (logging) spec.logging = { accessLog: { file: { path: '/tmp/mw-gateway-property-access.log' } } };
    const gatewayRoutes = routes.flatMap((seed, i) => {
      const routeSpec = routeFrom(seed, listeners, services);
      return routeSpec ? [{ virtualGatewayName: 'g0', gatewayRouteName: `gr-${i}`, spec: routeSpec }] : [];
    });
    return { ...mesh, virtualGateways: [{ virtualGatewayName: 'g0', spec }], gatewayRoutes };
  });
