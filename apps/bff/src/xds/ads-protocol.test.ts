// The ADS protocol as a proxy sees it, through a real gRPC stream: versions, nonces, ACK/NACK,
// order, subscriptions. Resources are hand-made so each test controls exactly what changes.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { AdsTestClient, resourceNames } from '../../../../testkit/xds/ads-client';
import type { XdsServer } from './ads-server';
import { cluster, listener, routeConfig, settle, startStubXds, type StubXds } from '../../../../testkit/xds/stub-xds';
import { EnvoyTypes } from './protos';
import { TYPE_URL, type ResourceSet } from './snapshot';

const initial = (): Record<string, ResourceSet> => ({
  web: { clusters: [cluster('a')], listeners: [listener('l', 10001)], routes: [routeConfig('r1', 'a')] },
});

const types = new EnvoyTypes();

describe('ADS protocol (state of the world)', () => {
  let stub: StubXds;
  let xds: XdsServer;
  const web = () => stub.web();
  const change = (next: Record<string, ResourceSet>) => stub.change(next);
  const clients: AdsTestClient[] = [];
  const connect = (nodeId = 'mesh/shop/virtualNode/web') => {
    const c = new AdsTestClient(`127.0.0.1:${xds.port}`, nodeId, 'sotw', stub.credentialsFor(nodeId));
    clients.push(c);
    return c;
  };
  const status = (kind: 'clusters' | 'listeners' | 'routes') => xds.syncStatus('shop', 'web').proxies[0]?.types[kind];

  before(async () => {
    stub = await startStubXds(initial(), { extraProxies: ['mesh/shop/virtualNode/ghost'] });
    xds = stub.xds;
  });
  beforeEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await stub.change(initial()); // proxies of the previous test may still be closing
  });
  after(async () => {
    for (const c of clients.splice(0)) c.close();
    await xds.stop();
  });

  it('refuses a node id that names no virtual node, with a clear status', async () => {
    const unknown = connect('mesh/shop/virtualNode/ghost');
    unknown.request({ type_url: TYPE_URL.clusters });
    const s1 = await unknown.closed();
    assert.equal(s1.code, grpc.status.NOT_FOUND);
    assert.match(s1.details, /virtual node "ghost" does not exist in mesh "shop"/);

    const malformed = connect('sidecar~10.0.0.1~web');
    malformed.request({ type_url: TYPE_URL.clusters });
    const s2 = await malformed.closed();
    assert.equal(s2.code, grpc.status.INVALID_ARGUMENT);
    assert.match(s2.details, /mesh\/<mesh>\/virtualNode\/<node>/);

    const byArn = connect('arn:aws:appmesh:us-west-2:111122223333:mesh/shop/virtualNode/web');
    byArn.request({ type_url: TYPE_URL.clusters });
    assert.deepEqual(resourceNames(types, await byArn.next()), ['a']);
  });

  it('versions each type, ACKs by nonce, and pushes only when the output changed', async () => {
    const c = connect();
    c.request({ type_url: TYPE_URL.clusters });
    const first = await c.next();
    assert.equal(first.type_url, TYPE_URL.clusters);
    assert.ok(first.version_info && first.nonce);
    assert.equal(status('clusters')?.state, 'STALE');
    c.ack(first);
    await settle();
    assert.equal(status('clusters')?.state, 'SYNCED');
    assert.equal(status('clusters')?.lastAckedVersion, first.version_info);

    await change({ web: web() }); // same output: no push
    await change({ web: { ...web(), clusters: [cluster('a'), cluster('b')] } });
    const second = await c.next();
    assert.notEqual(second.version_info, first.version_info);
    assert.notEqual(second.nonce, first.nonce);
    assert.deepEqual(resourceNames(types, second), ['a', 'b']);
  });

  it('ignores a request with a stale nonce', async () => {
    const c = connect();
    c.request({ type_url: TYPE_URL.clusters });
    const first = await c.next();
    c.ack(first);
    await change({ web: { ...web(), clusters: [cluster('b')] } });
    const second = await c.next();
    c.nack(first, 'late complaint about an old version'); // answers the first nonce: stale
    await settle();
    assert.equal(status('clusters')?.state, 'STALE');
    assert.equal(status('clusters')?.nackMessage, null);
    c.ack(second);
    await settle();
    assert.equal(status('clusters')?.state, 'SYNCED');
  });

  it('records a NACK with Envoy\'s message and does not resend the rejected version', async () => {
    const c = connect();
    c.request({ type_url: TYPE_URL.clusters });
    const good = await c.next();
    c.ack(good);
    await change({ web: { ...web(), clusters: [cluster('a', '2s')] } });
    const bad = await c.next();
    c.nack(bad, 'Proto constraint validation failed', good.version_info);
    await settle();
    const s = status('clusters');
    assert.equal(s?.state, 'NACKED');
    assert.equal(s?.nackMessage, 'Proto constraint validation failed');
    assert.equal(s?.lastAckedVersion, good.version_info);
    assert.equal(xds.syncStatus('shop', 'web').state, 'NACKED');

    await change({ web: web() }); // recompute without a change: no resend loop
    await change({ web: { ...web(), clusters: [cluster('a', '3s')] } });
    const fixed = await c.next();
    assert.notEqual(fixed.version_info, bad.version_info);
    c.ack(fixed);
    await settle();
    assert.equal(status('clusters')?.state, 'SYNCED');
    assert.equal(status('clusters')?.nackMessage, null);
  });

  it('pushes a change as clusters, then listeners, then routes, each after the previous one is answered', async () => {
    const c = connect();
    c.request({ type_url: TYPE_URL.clusters });
    c.request({ type_url: TYPE_URL.listeners });
    c.request({ type_url: TYPE_URL.routes, resource_names: ['r1'] });
    for (let i = 0; i < 3; i++) {
      const r = await c.next();
      c.ack(r, r.type_url === TYPE_URL.routes ? ['r1'] : undefined);
    }
    await change({ web: { clusters: [cluster('a'), cluster('b')], listeners: [listener('l', 10002)], routes: [routeConfig('r1', 'b')] } });
    const cds = await c.next();
    assert.equal(cds.type_url, TYPE_URL.clusters);
    await settle();
    assert.equal(c.responses.length, 0, 'listeners wait for the clusters ACK');
    c.ack(cds);
    const lds = await c.next();
    assert.equal(lds.type_url, TYPE_URL.listeners);
    await settle();
    assert.equal(c.responses.length, 0, 'routes wait for the listeners ACK');
    c.ack(lds);
    const rds = await c.next();
    assert.equal(rds.type_url, TYPE_URL.routes);
    assert.deepEqual(resourceNames(types, rds), ['r1']);
  });

  it('remembers route subscriptions and sends a route configuration that appears later', async () => {
    const c = connect();
    c.request({ type_url: TYPE_URL.routes, resource_names: ['r1', 'r2'] });
    const rds = await c.next();
    assert.deepEqual(resourceNames(types, rds), ['r1']);
    c.ack(rds, ['r1', 'r2']);
    await change({ web: { ...web(), routes: [routeConfig('r1', 'a'), routeConfig('r2', 'a')] } });
    const later = await c.next();
    assert.deepEqual(resourceNames(types, later).sort(), ['r1', 'r2']);
  });

  it('keeps a removed cluster until the routes that used it are replaced (make before break)', async () => {
    const c = connect();
    c.request({ type_url: TYPE_URL.clusters });
    c.request({ type_url: TYPE_URL.routes, resource_names: ['r1'] });
    c.ack(await c.next());
    c.ack(await c.next(), ['r1']);
    await change({ web: { clusters: [cluster('b')], listeners: web().listeners, routes: [routeConfig('r1', 'b')] } });
    const cdsUnion = await c.next();
    assert.deepEqual(resourceNames(types, cdsUnion).sort(), ['a', 'b']);
    c.ack(cdsUnion);
    const rds = await c.next();
    assert.equal(rds.type_url, TYPE_URL.routes);
    c.ack(rds, ['r1']);
    const cdsFinal = await c.next();
    assert.deepEqual(resourceNames(types, cdsFinal), ['b']);
    c.ack(cdsFinal);
    await settle();
    assert.equal(xds.syncStatus('shop', 'web').state, 'SYNCED');
  });

  it('ends the streams of a node that is deleted', async () => {
    const c = connect();
    c.request({ type_url: TYPE_URL.clusters });
    c.ack(await c.next());
    await change({ other: web() });
    const s = await c.closed();
    assert.equal(s.code, grpc.status.NOT_FOUND);
  });
});
