// fast-check arbitraries for valid meshes: every route fits its router's listener, every target
// exists with a listener of the route's protocol, weights add up to 1-100. Node `n0` calls every
// service, so compiling it exercises the whole mesh.
import fc from 'fast-check';
import type { HealthCheckPolicy, Listener, MeshModel, PortProtocol, RouteSpec, VirtualNodeSpec } from '@meshwright/model';

const protocols = ['http', 'http2', 'grpc', 'tcp'] as const satisfies readonly PortProtocol[];
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Drops undefined members, as the schema's optional fields are absent rather than undefined. */
const clean = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

// Values that YAML 1.1 would read as something other than a string if written bare.
const trickyValue = fc.oneof(fc.constantFrom('yes', 'on', 'off', 'true', '0x1F', '1:30', '~', 'null', '010'), fc.stringMatching(/^[a-zA-Z0-9._-]{1,12}$/));
const regex = fc.constantFrom('^a.*', '[0-9]+', 'v(1|2)', '.*', '/items/[a-z]+');
const duration = fc.record({ unit: fc.constantFrom('s' as const, 'ms' as const), value: fc.integer({ min: 0, max: 3600 }) });
const posDuration = fc.record({ unit: fc.constantFrom('s' as const, 'ms' as const), value: fc.integer({ min: 1, max: 3600 }) });

const headerMatch = fc.oneof(
  fc.record({ exact: trickyValue }),
  fc.record({ prefix: trickyValue }),
  fc.record({ suffix: trickyValue }),
  fc.record({ regex }),
  fc.integer({ min: -1000, max: 1000 }).chain((start) => fc.integer({ min: start + 1, max: start + 1000 }).map((end) => ({ range: { start, end } }))),
);
const header = fc.record({ name: fc.constantFrom('x-user', 'x-env', 'x-canary', 'tenant'), invert: opt(fc.boolean()), match: opt(headerMatch) }).map(clean);
const headers = opt(fc.uniqueArray(header, { minLength: 1, maxLength: 3, selector: (h) => h.name }));

const healthCheck = (port: number): fc.Arbitrary<HealthCheckPolicy> =>
  fc.record({
    protocol: fc.constantFrom(...protocols),
    healthyThreshold: fc.integer({ min: 2, max: 10 }),
    unhealthyThreshold: fc.integer({ min: 2, max: 10 }),
    intervalMillis: fc.integer({ min: 5000, max: 300000 }),
    timeoutMillis: fc.integer({ min: 2000, max: 60000 }),
    samePort: fc.boolean(),
    path: fc.constantFrom('/health', '/ping'),
  }).map(({ samePort, path, ...hc }) => clean({ ...hc, port: samePort ? port : undefined, path: hc.protocol === 'http' || hc.protocol === 'http2' ? path : undefined }));

function poolFor(protocol: PortProtocol): fc.Arbitrary<NonNullable<Listener['connectionPool']>> {
  const n = fc.integer({ min: 1, max: 10000 });
  if (protocol === 'http') return fc.record({ http: fc.record({ maxConnections: n, maxPendingRequests: opt(n) }).map(clean) });
  if (protocol === 'tcp') return fc.record({ tcp: fc.record({ maxConnections: n }) });
  return protocol === 'grpc' ? fc.record({ grpc: fc.record({ maxRequests: n }) }) : fc.record({ http2: fc.record({ maxRequests: n }) });
}

function timeoutFor(protocol: PortProtocol): fc.Arbitrary<NonNullable<Listener['timeout']>> {
  if (protocol === 'tcp') return fc.record({ tcp: fc.record({ idle: opt(duration) }).map(clean) });
  return fc.record({ idle: opt(duration), perRequest: opt(duration) }).map((t) => ({ [protocol]: clean(t) }));
}

/** Certificate files the generated TLS settings point at (Envoy loads them when it validates). */
export interface ArbCerts {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

const san = opt(fc.record({ match: fc.record({ exact: fc.subarray(['a.mesh.local', 'spiffe://mesh/b', 'c'], { minLength: 1 }) }) }));

function listenerTls(certs: ArbCerts) {
  const file = { file: { certificateChain: certs.serverCert, privateKey: certs.serverKey } };
  return fc.record({
    mode: fc.constantFrom('STRICT' as const, 'PERMISSIVE' as const, 'DISABLED' as const),
    certificate: fc.constant(file),
    validation: opt(fc.record({ trust: fc.constant({ file: { certificateChain: certs.caCert } }), subjectAlternativeNames: san }).map(clean)),
  }).map(clean);
}

function clientPolicy(certs: ArbCerts) {
  return fc.record({
    tls: fc.record({
      enforce: opt(fc.boolean()),
      ports: opt(fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 2 })),
      certificate: opt(fc.constant({ file: { certificateChain: certs.serverCert, privateKey: certs.serverKey } })),
      validation: fc.record({ trust: fc.constant({ file: { certificateChain: certs.caCert } }), subjectAlternativeNames: san }).map(clean),
    }).map(clean),
  });
}

const listener = (certs: ArbCerts) => fc.record({ port: fc.integer({ min: 1, max: 65535 }), protocol: fc.constantFrom(...protocols) }).chain(({ port, protocol }) =>
  fc.record({
    portMapping: fc.constant({ port, protocol }),
    healthCheck: opt(healthCheck(port)),
    outlierDetection: opt(fc.record({ baseEjectionDuration: posDuration, interval: posDuration, maxEjectionPercent: fc.integer({ min: 0, max: 100 }), maxServerErrors: fc.integer({ min: 1, max: 100 }) })),
    connectionPool: opt(poolFor(protocol)),
    timeout: opt(timeoutFor(protocol)),
    tls: opt(listenerTls(certs)),
  }).map((l) => clean(l) as Listener),
);

const ipPreference = fc.constantFrom('IPv6_PREFERRED' as const, 'IPv4_PREFERRED' as const, 'IPv4_ONLY' as const, 'IPv6_ONLY' as const);
const logFormat = fc.oneof(
  fc.record({ text: fc.constantFrom('[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%" %RESPONSE_CODE%', 'plain line', '%PROTOCOL% %DURATION%') }),
  fc.record({ json: fc.uniqueArray(fc.record({ key: fc.constantFrom('code', 'path', 'when', 'yes'), value: fc.constantFrom('%RESPONSE_CODE%', '%REQ(:PATH)%', '%START_TIME%', 'on') }), { minLength: 1, maxLength: 4, selector: (e) => e.key }) }),
);

const nodeShape = (certs: ArbCerts) => fc.record({
  listeners: fc.uniqueArray(listener(certs), { maxLength: 2, selector: (l) => l.portMapping.port }),
  clientPolicy: opt(clientPolicy(certs)),
  hostname: fc.constantFrom('127.0.0.1', 'localhost', 'svc.mesh.local'),
  responseType: opt(fc.constantFrom('LOADBALANCER' as const, 'ENDPOINTS' as const)),
  ipPreference: opt(ipPreference),
  cloudMap: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
  logging: opt(opt(logFormat)),
});

const routerShape = fc.uniqueArray(fc.record({ port: fc.integer({ min: 1, max: 65535 }), protocol: fc.constantFrom(...protocols) }), {
  minLength: 1, maxLength: 2, selector: (l) => l.port,
});

const routeSeed = fc.record({
  listenerPick: fc.nat(),
  priority: opt(fc.integer({ min: 0, max: 1000 })),
  targets: fc.array(fc.record({ pick: fc.nat(), weight: fc.integer({ min: 0, max: 100 }) }), { minLength: 1, maxLength: 4 }),
  prefix: fc.constantFrom('/', '/api', '/v2/items'),
  pathKind: fc.constantFrom('prefix', 'exact', 'regex'),
  regex,
  headers,
  method: opt(fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE')),
  scheme: opt(fc.constantFrom('http' as const, 'https' as const)),
  query: opt(fc.uniqueArray(fc.record({ name: fc.constantFrom('debug', 'v', 'q'), match: opt(fc.record({ exact: trickyValue })) }).map(clean), { minLength: 1, maxLength: 2, selector: (q) => q.name })),
  grpcService: opt(fc.constantFrom('shop.Cart', 'pkg.v1.Search')),
  grpcMethod: opt(fc.constantFrom('Get', 'List')),
  retry: opt(fc.record({
    maxRetries: fc.integer({ min: 0, max: 5 }),
    perRetryTimeout: posDuration,
    http: opt(fc.subarray(['server-error', 'gateway-error', 'client-error', 'stream-error'], { minLength: 1 })),
    tcp: fc.boolean(),
    grpc: opt(fc.subarray(['cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable'] as const, { minLength: 1 })),
  })),
  timeout: opt(fc.record({ idle: opt(duration), perRequest: opt(duration) }).map(clean)),
});
type RouteSeed = typeof routeSeed extends fc.Arbitrary<infer T> ? T : never;

interface NodeRef { node: string; port: number; protocol: PortProtocol; several: boolean }

function routeFrom(seed: RouteSeed, ports: { port: number; protocol: PortProtocol }[], nodes: NodeRef[]): RouteSpec | undefined {
  const listenerAt = ports[seed.listenerPick % ports.length];
  if (!listenerAt) return undefined;
  const fitting = nodes.filter((n) => n.protocol === listenerAt.protocol);
  if (fitting.length === 0) return undefined;
  const seen = new Set<string>();
  const targets = seed.targets.flatMap((t) => {
    const n = fitting[t.pick % fitting.length];
    if (!n || seen.has(`${n.node}:${n.port}`)) return [];
    seen.add(`${n.node}:${n.port}`);
    return [clean({ virtualNode: n.node, port: n.several ? n.port : undefined, weight: t.weight })];
  });
  const total = targets.reduce((s, t) => s + t.weight, 0);
  if (total > 100) for (const t of targets) t.weight = Math.floor((t.weight * 100) / total);
  const first = targets[0];
  if (first && targets.every((t) => t.weight === 0)) first.weight = 1;
  const port = ports.length > 1 ? listenerAt.port : undefined;
  const action = { weightedTargets: targets };
  const retry = seed.retry;
  const base = { priority: seed.priority };
  if (listenerAt.protocol === 'tcp') {
    return clean({ ...base, tcpRoute: clean({ action, match: port === undefined ? undefined : { port }, timeout: seed.timeout?.idle ? { idle: seed.timeout.idle } : undefined }) });
  }
  if (listenerAt.protocol === 'grpc') {
    const match = clean({ port, serviceName: seed.grpcService, methodName: seed.grpcService ? seed.grpcMethod : undefined, metadata: seed.headers });
    const retryPolicy = retry && clean({ maxRetries: retry.maxRetries, perRetryTimeout: retry.perRetryTimeout, grpcRetryEvents: retry.grpc ?? ['unavailable' as const], httpRetryEvents: retry.http, tcpRetryEvents: retry.tcp ? ['connection-error' as const] : undefined });
    return clean({ ...base, grpcRoute: clean({ action, match, retryPolicy, timeout: seed.timeout }) });
  }
  const path = seed.pathKind === 'exact' ? { path: { exact: seed.prefix } } : seed.pathKind === 'regex' ? { path: { regex: seed.regex } } : { prefix: seed.prefix };
  const match = clean({ ...path, port, headers: seed.headers, method: seed.method, scheme: seed.scheme, queryParameters: seed.query });
  const retryPolicy = retry && clean({ maxRetries: retry.maxRetries, perRetryTimeout: retry.perRetryTimeout, httpRetryEvents: retry.http ?? ['server-error'], tcpRetryEvents: retry.tcp ? ['connection-error' as const] : undefined });
  const body = clean({ action, match, retryPolicy, timeout: seed.timeout });
  return clean({ ...base, [listenerAt.protocol === 'http2' ? 'http2Route' : 'httpRoute']: body });
}

/** A valid mesh of 1-6 nodes and 0-3 routers with up to 4 routes each, TLS from `certs`. */
export const meshModelArb = (certs: ArbCerts): fc.Arbitrary<MeshModel> => fc
  .record({
    nodes: fc.array(nodeShape(certs), { minLength: 1, maxLength: 6 }),
    routers: fc.array(routerShape, { maxLength: 3 }),
    egress: fc.constantFrom('ALLOW_ALL' as const, 'DROP_ALL' as const),
    meshIp: opt(ipPreference),
  })
  .chain((shape) =>
    fc.array(fc.array(routeSeed, { maxLength: 4 }), { minLength: shape.routers.length, maxLength: shape.routers.length }).map((routeSeeds) => {
      const virtualNodes: MeshModel['virtualNodes'] = shape.nodes.map((n, i) => {
        const spec: VirtualNodeSpec = {};
        if (n.listeners.length > 0) {
          spec.listeners = n.listeners;
          spec.serviceDiscovery = n.cloudMap
            ? { awsCloudMap: { namespaceName: 'ns.local', serviceName: `n${i}` } }
            : { dns: clean({ hostname: n.hostname, responseType: n.responseType, ipPreference: n.ipPreference }) };
        }
        if (n.clientPolicy) spec.backendDefaults = { clientPolicy: n.clientPolicy };
        if (n.logging !== undefined) spec.logging = { accessLog: { file: clean({ path: '/tmp/mw-property-access.log', format: n.logging }) } };
        return { virtualNodeName: `n${i}`, spec };
      });
      const refs: NodeRef[] = virtualNodes.flatMap((n) =>
        (n.spec.listeners ?? []).map((l) => ({ node: n.virtualNodeName, port: l.portMapping.port, protocol: l.portMapping.protocol, several: (n.spec.listeners ?? []).length > 1 })),
      );
      const virtualRouters = shape.routers.map((ports, i) => ({ virtualRouterName: `r${i}`, spec: { listeners: ports.map((p) => ({ portMapping: p })) } }));
      const routes: MeshModel['routes'] = routeSeeds.flatMap((seeds, i) =>
        seeds.flatMap((seed, j) => {
          const spec = routeFrom(seed, shape.routers[i] ?? [], refs);
          return spec ? [{ virtualRouterName: `r${i}`, routeName: `route-${j}`, spec }] : [];
        }),
      );
      const virtualServices: MeshModel['virtualServices'] = [
        ...virtualRouters.map((r) => ({ virtualServiceName: `${r.virtualRouterName}.svc.local`, spec: { provider: { virtualRouter: { virtualRouterName: r.virtualRouterName } } } })),
        ...virtualNodes.filter((n) => (n.spec.listeners ?? []).length > 0).map((n) => ({ virtualServiceName: `${n.virtualNodeName}.svc.local`, spec: { provider: { virtualNode: { virtualNodeName: n.virtualNodeName } } } })),
      ];
      const first = virtualNodes[0];
      if (first) first.spec.backends = virtualServices.map((s) => ({ virtualService: { virtualServiceName: s.virtualServiceName } }));
      return {
        mesh: { meshName: 'prop', spec: clean({ egressFilter: { type: shape.egress }, serviceDiscovery: shape.meshIp ? { ipPreference: shape.meshIp } : undefined }) },
        virtualNodes,
        virtualRouters,
        routes,
        virtualGateways: [],
        gatewayRoutes: [],
        virtualServices,
      };
    }),
  );
