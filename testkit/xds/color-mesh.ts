// Test support: the colour mesh the xDS tests and the benchmark use: `front` calls colors.shop.local,
// whose router splits traffic over virtual nodes named after the apps (upstreams answering with their names).
import { request } from 'node:http';
import { CreateMeshCommand, CreateRouteCommand, CreateVirtualNodeCommand, CreateVirtualRouterCommand,
  CreateVirtualServiceCommand, UpdateRouteCommand, type AppMeshClient } from '@aws-sdk/client-app-mesh';
import { httpRouteSpec, nodeSpec, routerSpec } from '../appmesh-specs';

export const MESH = 'shop';
export const SERVICE = 'colors.shop.local';
export const FRONT = 'front';

/** front -> colors.shop.local (router colors, route split) -> virtual nodes named after the apps. */
export async function createColorMesh(client: AppMeshClient, apps: Record<string, number>, weights: Record<string, number>): Promise<void> {
  await client.send(new CreateMeshCommand({ meshName: MESH }));
  for (const [name, port] of Object.entries(apps)) {
    await client.send(new CreateVirtualNodeCommand({ meshName: MESH, virtualNodeName: name, spec: nodeSpec('127.0.0.1', port) }));
  }
  await client.send(new CreateVirtualRouterCommand({ meshName: MESH, virtualRouterName: 'colors', spec: routerSpec(8080) }));
  await client.send(new CreateRouteCommand({ meshName: MESH, virtualRouterName: 'colors', routeName: 'split', spec: httpRouteSpec(weights) }));
  await client.send(new CreateVirtualServiceCommand({
    meshName: MESH, virtualServiceName: SERVICE, spec: { provider: { virtualRouter: { virtualRouterName: 'colors' } } },
  }));
  await client.send(new CreateVirtualNodeCommand({
    meshName: MESH, virtualNodeName: FRONT, spec: { backends: [{ virtualService: { virtualServiceName: SERVICE } }] },
  }));
}

export async function setWeights(client: AppMeshClient, weights: Record<string, number>): Promise<void> {
  await client.send(new UpdateRouteCommand({ meshName: MESH, virtualRouterName: 'colors', routeName: 'split', spec: httpRouteSpec(weights) }));
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
