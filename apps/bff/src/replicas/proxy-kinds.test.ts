// Shared sync status tells a virtual node from a virtual gateway of the same name: a gateway's proxy
// on replica B shows on replica A under the gateway, never under the node (proxy_status is keyed by
// proxy kind, migration 3).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { CreateMeshCommand, CreateVirtualGatewayCommand, CreateVirtualNodeCommand } from '@aws-sdk/client-app-mesh';
import { gatewaySpec, nodeSpec } from '../../../../testkit/appmesh-specs';
import { eventually } from '../../../../testkit/eventually';
import { apiRequest } from '../../../../testkit/http';
import { replicaSet, type Replica, type ReplicaSet } from '../../../../testkit/replicas';
import { AdsTestClient } from '../../../../testkit/xds/ads-client';
import type { GatewaySyncStatus, MeshSyncStatus, NodeSyncStatus } from '../xds/sync-status';
import { TYPE_URL } from '../xds/snapshot';
import type { SharedProxyStatus } from './shared-sync-status';

const MESH = 'kinds';
const NAME = 'edge';

describe('shared sync status by proxy kind', () => {
  let set: ReplicaSet;
  let a: Replica;
  let b: Replica;
  let proxy: AdsTestClient | undefined;

  before(async () => {
    // Plaintext xDS: the simulated proxy needs no certificate; the kinds are what is under test.
    set = replicaSet({ XDS_INSECURE: '1' });
    a = await set.start({ REPLICA_ID: 'a' });
    b = await set.start({ REPLICA_ID: 'b' });
    await a.client.send(new CreateMeshCommand({ meshName: MESH }));
    await a.client.send(new CreateVirtualNodeCommand({ meshName: MESH, virtualNodeName: NAME, spec: nodeSpec('edge.local') }));
    await a.client.send(new CreateVirtualGatewayCommand({ meshName: MESH, virtualGatewayName: NAME, spec: gatewaySpec() }));
    proxy = new AdsTestClient(`127.0.0.1:${b.xdsPort}`, `mesh/${MESH}/virtualGateway/${NAME}`, 'sotw', grpc.credentials.createInsecure());
    proxy.onResponse = (r) => {
      proxy?.responses.splice(0);
      proxy?.ack(r);
    };
    proxy.request({ type_url: TYPE_URL.clusters });
    proxy.request({ type_url: TYPE_URL.listeners });
  });
  after(async () => {
    proxy?.close();
    await set?.close();
  });

  const json = async <T,>(r: Replica, path: string) => (await (await apiRequest(r, path)).json()) as T;

  it('replica A shows B\'s gateway proxy under the gateway, and the node of the same name without proxies', async () => {
    const gateway = await eventually('A shows the gateway SYNCED', () => json<GatewaySyncStatus>(a, `/api/meshes/${MESH}/virtualGateways/${NAME}/sync-status`), (s) => s.state === 'SYNCED');
    assert.deepEqual(gateway.proxies.map((p) => [(p as SharedProxyStatus).replicaId, p.nodeId]), [['b', `mesh/${MESH}/virtualGateway/${NAME}`]]);
    const node = await json<NodeSyncStatus>(a, `/api/meshes/${MESH}/virtualNodes/${NAME}/sync-status`);
    assert.deepEqual(node.proxies, []);
    assert.equal(node.state, 'DISCONNECTED');
    const mesh = await json<MeshSyncStatus>(a, `/api/meshes/${MESH}/sync-status`);
    assert.deepEqual(Object.keys(mesh.nodes), []);
    assert.deepEqual(Object.keys(mesh.gateways), [NAME]);
    assert.equal(mesh.gateways[NAME]?.proxies.length, 1);
  });
});
