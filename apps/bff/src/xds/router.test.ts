// The console endpoints of the control plane: sync status per node and the live event stream.
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import type { MeshModel } from '@meshwright/model';
import { startXdsServer, type XdsServer } from './ads-server';
import { createXdsRouter } from './router';
import type { NodeSyncStatus } from './sync-status';

const model: MeshModel = {
  mesh: { meshName: 'shop', spec: {} },
  virtualNodes: [{ virtualNodeName: 'web', spec: {} }],
  virtualRouters: [],
  routes: [],
  virtualServices: [],
};

describe('xDS console endpoints', () => {
  let xds: XdsServer;
  let server: Server;
  let url: string;

  before(async () => {
    xds = await startXdsServer({ store: { loadMeshModel: async (m) => (m === 'shop' ? model : undefined) }, port: 0 });
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
    assert.deepEqual(status, { meshName: 'shop', virtualNodeName: 'web', state: 'DISCONNECTED', configError: null, proxies: [] });
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
