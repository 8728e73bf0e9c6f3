// The mesh both control planes serve: front -> colors.shop.local (router colors, route split 80/20
// between the virtual nodes blue and green), plus `services` more virtual services front calls, each
// provided by its own virtual node, so front's Envoy holds a realistic amount of configuration.
// Every request is the App Mesh REST call a client makes; `appMeshRequest` is the one place that
// builds it, signed with SigV4 by the admin key the benchmark seeds its server with.
import { TEST_CREDENTIALS } from '../../testkit/bff';
import { signedHeaders } from '../../testkit/sign';

type Request = [url: string, method: string, body: string, headers: Record<string, string>];

export async function appMeshRequest(base: string, method: string, path: string, body: unknown): Promise<Request> {
  const url = `${base}/v20190125${path}`;
  const text = JSON.stringify(body);
  const headers = await signedHeaders(TEST_CREDENTIALS, { method, url: new URL(url), headers: { 'content-type': 'application/json' }, body: text });
  return [url, method, text, headers];
}

const put = async (base: string, path: string, body: unknown): Promise<void> => {
  const [url, method, text, headers] = await appMeshRequest(base, 'PUT', path, body);
  const res = await fetch(url, { method, headers, body: text });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
};

const splitSpec = ([blue, green]: [number, number]) => ({
  httpRoute: {
    match: { prefix: '/' },
    action: { weightedTargets: [{ virtualNode: 'blue', weight: blue }, { virtualNode: 'green', weight: green }] },
  },
});

/** UpdateRoute for colors/split with the weights of blue and green. */
export function meshwrightWeights(base: string, weights: [number, number]): Promise<Request> {
  return appMeshRequest(base, 'PUT', '/meshes/shop/virtualRouter/colors/routes/split', { spec: splitSpec(weights) });
}

const node = (port: number) => ({
  listeners: [{ portMapping: { port, protocol: 'http' } }],
  serviceDiscovery: { dns: { hostname: '127.0.0.1' } },
});

export async function seedMesh(base: string, services: number): Promise<void> {
  await put(base, '/meshes', { meshName: 'shop' });
  await put(base, '/meshes/shop/virtualNodes', { virtualNodeName: 'blue', spec: node(9001) });
  await put(base, '/meshes/shop/virtualNodes', { virtualNodeName: 'green', spec: node(9002) });
  await put(base, '/meshes/shop/virtualRouters', { virtualRouterName: 'colors', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] } });
  await put(base, '/meshes/shop/virtualRouter/colors/routes', { routeName: 'split', spec: splitSpec([80, 20]) });
  await put(base, '/meshes/shop/virtualServices', { virtualServiceName: 'colors.shop.local', spec: { provider: { virtualRouter: { virtualRouterName: 'colors' } } } });
  const backends = [{ virtualService: { virtualServiceName: 'colors.shop.local' } }];
  for (let i = 0; i < services; i++) {
    const name = `svc-${String(i).padStart(2, '0')}`;
    await put(base, '/meshes/shop/virtualNodes', { virtualNodeName: name, spec: node(9100 + i) });
    await put(base, '/meshes/shop/virtualServices', { virtualServiceName: `${name}.shop.local`, spec: { provider: { virtualNode: { virtualNodeName: name } } } });
    backends.push({ virtualService: { virtualServiceName: `${name}.shop.local` } });
  }
  await put(base, '/meshes/shop/virtualNodes', { virtualNodeName: 'front', spec: { backends } });
}
