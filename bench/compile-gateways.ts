// Gateway compile throughput: a mesh of 100 virtual gateways with 50 gateway routes each, every
// gateway compiled (compileAllGateways), in both modes. The routes mix prefixes, exact and regex
// paths, hostnames and header matches over 50 services (routers with a 3-way split, and nodes).
// Run: npx tsx bench/compile-gateways.ts [gateways] [routes per gateway]
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { compileAllGateways, compileGateway, type GatewayRouteSpec, type MeshModel } from '@meshwright/model';

const GATEWAYS = Number(process.argv[2] ?? 100);
const ROUTES = Number(process.argv[3] ?? 50);
const SERVICES = 50;
const RUNS = 7;

function routeSpec(g: number, j: number): GatewayRouteSpec {
  const service = `svc-${(g + j) % SERVICES}.bench.local`;
  const target = { virtualService: { virtualServiceName: service } };
  const shape = j % 5;
  const match =
    shape === 0 ? { prefix: `/r${j}` }
      : shape === 1 ? { prefix: `/r${j}/`, hostname: { exact: `api${j % 3}.example.com` } }
        : shape === 2 ? { path: { exact: `/r${j}/login` } }
          : shape === 3 ? { path: { regex: `/r${j}/v[0-9]+/.*` }, headers: [{ name: 'x-tier', match: { exact: 'gold' } }] }
            : { prefix: `/r${j}/`, hostname: { suffix: '.example.org' }, method: 'GET' as const };
  const rewrite = shape === 2 ? { path: { exact: '/login' } } : shape === 4 ? { prefix: { value: '/v2/' } } : undefined;
  return { ...(j % 7 === 0 ? { priority: j } : {}), httpRoute: { match, action: { target, ...(rewrite ? { rewrite } : {}) } } };
}

function benchMesh(): MeshModel {
  const node = (i: number) => `node-${i}`;
  return {
    mesh: { meshName: 'bench', spec: { egressFilter: { type: 'DROP_ALL' } } },
    virtualNodes: Array.from({ length: SERVICES }, (_, i) => ({
      virtualNodeName: node(i),
      spec: {
        serviceDiscovery: { dns: { hostname: `${node(i)}.bench.local` } },
        listeners: [{
          portMapping: { port: 8080, protocol: 'http' as const },
          healthCheck: { protocol: 'http' as const, path: '/health', healthyThreshold: 2, unhealthyThreshold: 2, intervalMillis: 5000, timeoutMillis: 2000 },
        }],
      },
    })),
    // Even services have a router with a 3-way split; odd ones are provided by their node.
    virtualRouters: Array.from({ length: SERVICES / 2 }, (_, k) => ({
      virtualRouterName: `router-${2 * k}`,
      spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' as const } }] },
    })),
    routes: Array.from({ length: SERVICES / 2 }, (_, k) => ({
      virtualRouterName: `router-${2 * k}`,
      routeName: 'split',
      spec: {
        httpRoute: {
          match: { prefix: '/' },
          action: { weightedTargets: [0, 1, 2].map((d, w) => ({ virtualNode: node((2 * k + d) % SERVICES), weight: [50, 30, 20][w] ?? 0 })) },
          retryPolicy: { maxRetries: 2, perRetryTimeout: { unit: 'ms' as const, value: 500 }, httpRetryEvents: ['server-error'] },
        },
      },
    })),
    virtualServices: Array.from({ length: SERVICES }, (_, i) => ({
      virtualServiceName: `svc-${i}.bench.local`,
      spec: { provider: i % 2 === 0 ? { virtualRouter: { virtualRouterName: `router-${i}` } } : { virtualNode: { virtualNodeName: node(i) } } },
    })),
    virtualGateways: Array.from({ length: GATEWAYS }, (_, g) => ({
      virtualGatewayName: `gw-${g}`,
      spec: { listeners: [{ portMapping: { port: 8443, protocol: 'http' as const } }], logging: { accessLog: { file: { path: '/dev/stdout' } } } },
    })),
    gatewayRoutes: Array.from({ length: GATEWAYS }, (_, g) => Array.from({ length: ROUTES }, (_, j) => ({
      virtualGatewayName: `gw-${g}`,
      gatewayRouteName: `route-${j}`,
      spec: routeSpec(g, j),
    }))).flat(),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

function run(model: MeshModel, mode: 'static' | 'ads') {
  // Warm up the JIT so the figures describe steady state.
  compileAllGateways(model, { mode });
  const totals: number[] = [];
  let all = compileAllGateways(model, { mode });
  for (let rep = 0; rep < RUNS; rep++) {
    const start = performance.now();
    all = compileAllGateways(model, { mode });
    totals.push(performance.now() - start);
  }
  // One gateway on its own: compileGateway() indexes the whole mesh each time.
  const singles: number[] = [];
  for (let rep = 0; rep < RUNS; rep++) {
    const start = performance.now();
    compileGateway(model, 'gw-0', { mode });
    singles.push(performance.now() - start);
  }
  let bytes = 0;
  let diagnostics = 0;
  let envoyRoutes = 0;
  for (const r of all.values()) {
    bytes += JSON.stringify(mode === 'ads' ? r.resources : r.bootstrap).length;
    diagnostics += r.diagnostics.length;
    envoyRoutes += JSON.stringify(r.resources.routes).split('"match"').length - 1;
  }
  return { mode, total: median(totals), min: Math.min(...totals), single: median(singles), bytes, diagnostics, envoyRoutes };
}

const model = benchMesh();
console.log(`${GATEWAYS} gateways x ${ROUTES} gateway routes, ${SERVICES} services; median of ${RUNS} runs; load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('mode    all gateways (ms)  (min)  per gateway (ms)  one compileGateway() (ms)  output (MiB)  per gateway (KiB)  Envoy routes  diagnostics');
for (const mode of ['static', 'ads'] as const) {
  const r = run(model, mode);
  console.log(
    `${r.mode.padEnd(6)}  ${r.total.toFixed(1).padStart(17)}  ${r.min.toFixed(1).padStart(5)}  ${(r.total / GATEWAYS).toFixed(2).padStart(16)}  ${r.single.toFixed(2).padStart(25)}  ${(r.bytes / 1024 / 1024).toFixed(1).padStart(11)}  ${(r.bytes / 1024 / GATEWAYS).toFixed(0).padStart(17)}  ${String(r.envoyRoutes).padStart(12)}  ${String(r.diagnostics).padStart(11)}`,
  );
}
console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
