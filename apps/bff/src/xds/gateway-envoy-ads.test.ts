// A real Envoy 1.40 started from the virtual gateway's ADS bootstrap (downloaded from the console's
// envoy-config endpoint, node id mesh/shop/virtualGateway/ingress) serves traffic through the gateway
// to an upstream, follows a gateway route change live, and shows SYNCED in the sync endpoints.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateGatewayRouteCommand, CreateVirtualGatewayCommand, CreateVirtualServiceCommand, UpdateGatewayRouteCommand } from '@aws-sdk/client-app-mesh';
import { parse, stringify } from 'yaml';
import { gatewayRouteSpec, gatewaySpec } from '../../../../testkit/appmesh-specs';
import { startEnvoy, type RunningEnvoy } from '../../../../testkit/envoy';
import { eventually } from '../../../../testkit/eventually';
import { apiRequest } from '../../../../testkit/http';
import { freePort } from '../../../../testkit/ports';
import { closeClientConnections, viaEgress } from '../../../../testkit/upstreams';
import { MESH, SERVICE } from '../../../../testkit/xds/color-mesh';
import { startColorProof, type ColorProof } from '../../../../testkit/xds/color-proof';
import { startControlPlane, type ControlPlane } from '../../../../testkit/xds/control-plane';
import type { GatewaySyncStatus, MeshSyncStatus } from './sync-status';

const GATEWAY = 'ingress';

describe('a gateway Envoy on its ADS bootstrap', () => {
  let proof: ColorProof;
  let cp: ControlPlane;
  let envoy: RunningEnvoy | undefined;
  let listenerPort: number;

  before(async () => {
    proof = await startColorProof(startControlPlane, { blue: 100, green: 0 });
    ({ cp } = proof);
    // A second service, straight on the green node: the gateway route is moved to it below.
    await cp.client.send(new CreateVirtualServiceCommand({ meshName: MESH, virtualServiceName: 'green.shop.local', spec: { provider: { virtualNode: { virtualNodeName: 'green' } } } }));
    listenerPort = await freePort();
    await cp.client.send(new CreateVirtualGatewayCommand({ meshName: MESH, virtualGatewayName: GATEWAY, spec: gatewaySpec(listenerPort) }));
    await cp.client.send(new CreateGatewayRouteCommand({ meshName: MESH, virtualGatewayName: GATEWAY, gatewayRouteName: 'all', spec: gatewayRouteSpec(SERVICE) }));

    const res = await apiRequest(cp, `/api/meshes/${MESH}/virtualGateways/${GATEWAY}/envoy-config?mode=ads&format=yaml`);
    assert.equal(res.status, 200, await res.clone().text());
    assert.match(res.headers.get('content-disposition') ?? '', /shop-ingress-gateway-envoy-ads\.yaml/);
    const bootstrap = parse(await res.text()) as { node: { id: string }; admin: { address: { socket_address: { port_value: number } } } };
    assert.equal(bootstrap.node.id, `mesh/${MESH}/virtualGateway/${GATEWAY}`);
    const adminPort = await freePort();
    // Tests share the machine: the default admin port may be taken.
    bootstrap.admin.address.socket_address.port_value = adminPort;
    envoy = await startEnvoy(stringify(bootstrap), adminPort);
  });
  after(async () => {
    closeClientConnections();
    await proof?.close(envoy);
  });

  const through = async () => (await viaEgress(listenerPort, 'www.example.com', '/')).body;

  test('requests to the gateway listener reach the service behind it', async () => {
    await eventually('the gateway routes to blue', through, (body) => body === 'blue');
  });

  test('the gateway and the mesh-wide sync status say SYNCED for the gateway proxy', async () => {
    const status = await eventually(
      'gateway SYNCED',
      async () => (await (await apiRequest(cp, `/api/meshes/${MESH}/virtualGateways/${GATEWAY}/sync-status`)).json()) as GatewaySyncStatus,
      (s) => s.state === 'SYNCED',
    );
    assert.equal(status.proxyKind, 'virtualGateway');
    assert.equal(status.virtualGatewayName, GATEWAY);
    assert.equal(status.proxies.length, 1);
    assert.equal(status.proxies[0]?.nodeId, `mesh/${MESH}/virtualGateway/${GATEWAY}`);
    const mesh = (await (await apiRequest(cp, `/api/meshes/${MESH}/sync-status`)).json()) as MeshSyncStatus;
    assert.equal(mesh.gateways[GATEWAY]?.state, 'SYNCED');
    assert.equal(mesh.nodes[GATEWAY], undefined, 'a gateway is not listed as a node');
    const missing = await apiRequest(cp, `/api/meshes/${MESH}/virtualGateways/ghost/sync-status`);
    assert.equal(missing.status, 404);
  });

  test('a gateway route update reaches the running Envoy live', async () => {
    await cp.client.send(new UpdateGatewayRouteCommand({ meshName: MESH, virtualGatewayName: GATEWAY, gatewayRouteName: 'all', spec: gatewayRouteSpec('green.shop.local') }));
    await eventually('the gateway routes to green', through, (body) => body === 'green');
    await eventually(
      'gateway SYNCED again',
      async () => (await (await apiRequest(cp, `/api/meshes/${MESH}/virtualGateways/${GATEWAY}/sync-status`)).json()) as GatewaySyncStatus,
      (s) => s.state === 'SYNCED',
    );
  });
});
