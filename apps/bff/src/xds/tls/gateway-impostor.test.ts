// Gateways prove who they are too: a gateway's downloaded certificate streams as that gateway, and
// neither a gateway's nor a node's certificate can stand in for the other.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { CreateGatewayRouteCommand, CreateVirtualGatewayCommand } from '@aws-sdk/client-app-mesh';
import { gatewayRouteSpec, gatewaySpec } from '../../../../../testkit/appmesh-specs';
import { AdsTestClient } from '../../../../../testkit/xds/ads-client';
import { createColorMesh, FRONT, MESH, SERVICE } from '../../../../../testkit/xds/color-mesh';
import { startControlPlane, type ControlPlane } from '../../../../../testkit/xds/control-plane';
import { channelCredentials, downloadedTls } from '../../../../../testkit/xds/tls';
import { TYPE_URL } from '../snapshot';

const GATEWAY_ID = `mesh/${MESH}/virtualGateway/ingress`;
const FRONT_ID = `mesh/${MESH}/virtualNode/${FRONT}`;

describe('ADS over TLS: gateway proxies', () => {
  let cp: ControlPlane;
  const clients: AdsTestClient[] = [];
  const connect = (nodeId: string, creds: Parameters<typeof channelCredentials>[0]) => {
    const c = new AdsTestClient(`127.0.0.1:${cp.xds.port}`, nodeId, 'sotw', channelCredentials(creds));
    clients.push(c);
    return c;
  };

  before(async () => {
    cp = await startControlPlane();
    await createColorMesh(cp.client, { blue: 1, green: 2 }, { blue: 100, green: 0 });
    await cp.client.send(new CreateVirtualGatewayCommand({ meshName: MESH, virtualGatewayName: 'ingress', spec: gatewaySpec(18080) }));
    await cp.client.send(new CreateGatewayRouteCommand({ meshName: MESH, virtualGatewayName: 'ingress', gatewayRouteName: 'all', spec: gatewayRouteSpec(SERVICE) }));
  });
  after(async () => {
    for (const c of clients) c.close();
    await cp?.close();
  });

  it('serves the gateway on its own certificate; refuses it as a node, and a node\'s certificate as the gateway', async () => {
    const gateway = await downloadedTls(cp, MESH, 'virtualGateways/ingress');
    const front = await downloadedTls(cp, MESH, `virtualNodes/${FRONT}`);
    const real = connect(GATEWAY_ID, gateway);
    real.request({ type_url: TYPE_URL.clusters });
    assert.equal((await real.next()).type_url, TYPE_URL.clusters);

    for (const [nodeId, creds, named] of [[FRONT_ID, gateway, GATEWAY_ID], [GATEWAY_ID, front, FRONT_ID]] as const) {
      const impostor = connect(nodeId, creds);
      impostor.request({ type_url: TYPE_URL.clusters });
      const status = await impostor.closed();
      assert.equal(status.code, grpc.status.PERMISSION_DENIED);
      assert.equal(status.details, `the client certificate is for ${named}; it may not stream as node "${nodeId}"`);
      assert.equal(impostor.responses.length, 0);
    }
  });
});
