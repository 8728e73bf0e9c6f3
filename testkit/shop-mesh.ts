// Test support: the small mesh the App Mesh SDK tests start from, created through the API as any
// client creates it (each test adds the gateways, routers or routes it is about).
import { CreateMeshCommand, CreateVirtualNodeCommand, CreateVirtualServiceCommand, type AppMeshClient } from '@aws-sdk/client-app-mesh';
import { nodeSpec } from './appmesh-specs';

/** Mesh `shop` with virtual node `web` (DNS web.shop.local, http 8080), and each of `services` provided by `web`. */
export async function createShopWithWebNode(client: AppMeshClient, services: readonly string[] = []): Promise<void> {
  await client.send(new CreateMeshCommand({ meshName: 'shop' }));
  await client.send(new CreateVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'web', spec: nodeSpec('web.shop.local') }));
  for (const virtualServiceName of services) {
    await client.send(new CreateVirtualServiceCommand({ meshName: 'shop', virtualServiceName, spec: { provider: { virtualNode: { virtualNodeName: 'web' } } } }));
  }
}
