// The console endpoints of the control plane: sync status per node and per mesh, and the live event stream.
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import type { MeshModel } from '@meshwright/model';
import { AdsTestClient } from '../../../../testkit/xds/ads-client';
import { startXdsServer, type XdsServer } from './ads-server';
import { cluster, settle } from '../../../../testkit/xds/stub-xds';
import { testXdsTls, type TestXdsTls } from '../../../../testkit/xds/tls';
import { createXdsRouter } from './router';
import { TYPE_URL } from './snapshot';
import type { MeshSyncStatus, NodeSyncStatus } from './sync-status';
import type { XdsEvents } from './xds-events';

const shop = (nodes: string[]): MeshModel => ({
  mesh: { meshName: 'shop', spec: {} },
  virtualNodes: nodes.map((virtualNodeName) => ({ virtualNodeName, spec: {} })),
  virtualRouters: [],
  routes: [],
  virtualGateways: [],
  gatewayRoutes: [],
  virtualServices: [],
});
// Changed by the test that deletes a node.
let model = shop(['web', 'api', 'idle']);

describe('xDS console endpoints', () => {
  let xds: XdsServer;
  let tls: TestXdsTls;
  let server: Server;
  let url: string;

  before(async () => {
    tls = await testXdsTls();
    xds = await startXdsServer({
      security: tls.security,
      store: { loadMeshModel: async (m) => (m === 'shop' ? model : undefined) },
      // One cluster per node: enough for a proxy to get config and ACK it.
      compileNode: (_m, node) => ({ resources: { clusters: [cluster(`${node}-cluster`)], listeners: [], routes: [] } }),
      port: 0,
    });
    const app = express();
    app.use('/api', createXdsRouter(xds));
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await xds.stop();
  });

  it('answers 404 NotFoundException for a node or mesh that does not exist', async () => {
    for (const path of ['/api/meshes/shop/virtualNodes/ghost/sync-status', '/api/meshes/nope/virtualNodes/web/sync-status']) {
      const res = await fetch(`${url}${path}`);
      assert.equal(res.status, 404, path);
      assert.equal(res.headers.get('x-amzn-ErrorType'), 'NotFoundException');
      assert.match(((await res.json()) as { message: string }).message, /not found/);
    }
  });

  it('reports DISCONNECTED for a node no proxy is connected for', async () => {
    const res = await fetch(`${url}/api/meshes/shop/virtualNodes/web/sync-status`);
    assert.equal(res.status, 200);
    const status = (await res.json()) as NodeSyncStatus;
    assert.deepEqual(status, { proxyKind: 'virtualNode', meshName: 'shop', virtualNodeName: 'web', state: 'DISCONNECTED', configError: null, proxies: [] });
  });

  it('answers the whole mesh in one response: nodes that have or had a proxy, each as the per-node endpoint does', async () => {
    const meshStatus = async () => {
      const res = await fetch(`${url}/api/meshes/shop/sync-status`);
      assert.equal(res.status, 200);
      return (await res.json()) as MeshSyncStatus;
    };
    assert.deepEqual(await meshStatus(), { meshName: 'shop', nodes: {}, gateways: {} });

    const ids = ['web', 'api'].map((node) => `mesh/shop/virtualNode/${node}`);
    const proxies = await Promise.all(ids.map(async (id) => new AdsTestClient(`127.0.0.1:${xds.port}`, id, 'sotw', await tls.channelFor(id))));
    try {
      for (const proxy of proxies) proxy.request({ type_url: TYPE_URL.clusters });
      for (const proxy of proxies) proxy.ack(await proxy.next());
      await settle();
      const both = await meshStatus();
      assert.deepEqual(Object.keys(both.nodes), ['api', 'web'], 'idle never had a proxy');
      const perNode = (await (await fetch(`${url}/api/meshes/shop/virtualNodes/web/sync-status`)).json()) as NodeSyncStatus;
      assert.deepEqual(both.nodes.web, perNode);
      assert.equal(both.nodes.web?.state, 'SYNCED');
      assert.equal(both.nodes.api?.proxies[0]?.nodeId, 'mesh/shop/virtualNode/api');

      // The api proxy goes away: its node stays listed, now DISCONNECTED.
      const gone = new Promise<void>((resolve) => {
        const onSync = (e: XdsEvents['sync'][0]) => {
          if (e.proxyKind !== 'virtualNode' || e.virtualNodeName !== 'api' || e.status.state !== 'DISCONNECTED') return;
          xds.core.events.off('sync', onSync);
          resolve();
        };
        xds.core.events.on('sync', onSync);
      });
      proxies[1]?.close();
      await gone;
      const later = await meshStatus();
      assert.equal(later.nodes.web?.state, 'SYNCED');
      assert.deepEqual(later.nodes.api, { proxyKind: 'virtualNode', meshName: 'shop', virtualNodeName: 'api', state: 'DISCONNECTED', configError: null, proxies: [] });

      // A deleted node is no longer listed.
      model = shop(['web', 'idle']);
      assert.deepEqual(Object.keys((await meshStatus()).nodes), ['web']);
    } finally {
      for (const proxy of proxies) proxy.close();
      model = shop(['web', 'api', 'idle']);
    }
  });

  it('answers 404 NotFoundException for the mesh-wide status of a mesh that does not exist', async () => {
    const res = await fetch(`${url}/api/meshes/nope/sync-status`);
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('x-amzn-ErrorType'), 'NotFoundException');
    assert.match(((await res.json()) as { message: string }).message, /Mesh nope not found/);
  });

  it('streams a change event after a write', async () => {
    const controller = new AbortController();
    const res = await fetch(`${url}/api/events`, { signal: controller.signal });
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const reader = res.body?.getReader();
    if (!reader) throw new Error('no body');
    await reader.read(); // the retry preamble: the subscription is in place
    xds.onChange({ meshName: 'shop' });
    let text = '';
    while (!text.includes('event: change')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    assert.match(text, /event: change\ndata: \{"meshName":"shop"\}\n\n/);
  });
});
