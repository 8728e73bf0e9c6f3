// Test support: the reviews mesh the deploy proofs run. productpage (app port 8080) calls
// reviews.shop.local:9080, split 80/20 between reviews-v1 and reviews-v2, and a TCP backend.
import { compile, deployFacts, toEnvoyYaml, validateBundle, type CompileOptions, type DeployFacts } from '@meshwright/model';

export interface ReviewsHosts {
  v1: string;
  v2: string;
  db: string;
}

export const APP_PORT = 8080;
export const DB_PORT = 6379;

export type EgressFilter = 'DROP_ALL' | 'ALLOW_ALL';

/** productpage's access log line, on Envoy's stdout: the netns proofs read which requests Envoy carried, and where. */
export const ACCESS_LOG_FORMAT = 'access %REQ(:AUTHORITY)% %REQ(:PATH)% %UPSTREAM_CLUSTER%';

/** `appPorts`: productpage's listener ports (a metrics port beside 8080, for the inbound exclusion proof). */
export function reviewsBundle(
  hosts: ReviewsHosts = { v1: 'reviews-v1.shop.local', v2: 'reviews-v2.shop.local', db: 'ratings-db.shop.local' },
  egress: EgressFilter = 'DROP_ALL',
  appPorts: number[] = [APP_PORT],
) {
  const node = (hostname: string, ports: number[], protocol: 'http' | 'tcp' = 'http') => ({
    listeners: ports.map((port) => ({ portMapping: { port, protocol } })),
    serviceDiscovery: { dns: { hostname } },
  });
  return {
    mesh: { meshName: 'shop', spec: { egressFilter: { type: egress } } },
    virtualNodes: [
      {
        virtualNodeName: 'productpage',
        spec: {
          ...node('productpage.shop.local', appPorts),
          logging: { accessLog: { file: { path: '/dev/stdout', format: { text: ACCESS_LOG_FORMAT } } } },
          backends: [{ virtualService: { virtualServiceName: 'reviews.shop.local' } }, { virtualService: { virtualServiceName: 'ratings-db.shop.local' } }],
        },
      },
      { virtualNodeName: 'reviews-v1', spec: node(hosts.v1, [9080]) },
      { virtualNodeName: 'reviews-v2', spec: node(hosts.v2, [9080]) },
      { virtualNodeName: 'ratings-db', spec: node(hosts.db, [DB_PORT], 'tcp') },
    ],
    virtualRouters: [{ virtualRouterName: 'reviews-router', spec: { listeners: [{ portMapping: { port: 9080, protocol: 'http' } }] } }],
    routes: [
      {
        virtualRouterName: 'reviews-router',
        routeName: 'split',
        spec: { httpRoute: { match: { prefix: '/' }, action: { weightedTargets: [{ virtualNode: 'reviews-v1', weight: 80 }, { virtualNode: 'reviews-v2', weight: 20 }] } } },
      },
    ],
    virtualServices: [
      { virtualServiceName: 'reviews.shop.local', spec: { provider: { virtualRouter: { virtualRouterName: 'reviews-router' } } } },
      { virtualServiceName: 'ratings-db.shop.local', spec: { provider: { virtualNode: { virtualNodeName: 'ratings-db' } } } },
    ],
  };
}

/** productpage compiled both ways (static for the ports and the proof, ADS for the deployment) and its facts. */
export function productpage(hosts?: ReviewsHosts, options: CompileOptions = {}, egress: EgressFilter = 'DROP_ALL') {
  const { model, findings } = validateBundle(reviewsBundle(hosts, egress));
  if (!model) throw new Error(`fixture mesh is invalid: ${JSON.stringify(findings)}`);
  const staticResult = compile(model, 'productpage', { ...options, mode: 'static' });
  const ads = compile(model, 'productpage', { ...options, mode: 'ads' });
  const facts: DeployFacts = deployFacts({
    meshName: 'shop',
    nodeName: 'productpage',
    appPorts: [APP_PORT],
    staticBootstrap: staticResult.bootstrap,
    bootstrapYaml: toEnvoyYaml(ads.bootstrap),
  });
  return { staticBootstrap: staticResult.bootstrap, diagnostics: staticResult.diagnostics, facts };
}

type Obj = Record<string, unknown>;
/** The listener ports in a compiled static bootstrap, by listener name. */
export function listenerPorts(bootstrap: Obj): Map<string, number> {
  const listeners = ((bootstrap.static_resources as Obj).listeners ?? []) as Obj[];
  return new Map(listeners.map((l) => [String(l.name), Number(((l.address as Obj).socket_address as Obj).port_value)]));
}
