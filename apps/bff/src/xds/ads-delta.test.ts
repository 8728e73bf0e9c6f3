// Incremental ADS (DeltaAggregatedResources) as a proxy sees it: only changed resources travel,
// removals are named, a reconnect with what the proxy has gets nothing new, NACKs are not resent.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AdsTestClient, resourceNames } from '../../../../testkit/xds/ads-client';
import { cluster, listener, routeConfig, settle, startStubXds, type StubXds } from '../../../../testkit/xds/stub-xds';
import { EnvoyTypes } from './protos';
import { TYPE_URL, type ResourceSet } from './snapshot';
import type { DeltaDiscoveryRequest, DeltaDiscoveryResponse } from './xds-messages';

type DeltaClient = AdsTestClient<DeltaDiscoveryResponse, DeltaDiscoveryRequest>;

const types = new EnvoyTypes();
const initial = (): Record<string, ResourceSet> => ({
  web: { clusters: [cluster('a'), cluster('b')], listeners: [listener('l', 10001)], routes: [routeConfig('r1', 'a')] },
});

describe('ADS protocol (incremental)', () => {
  let stub: StubXds;
  const clients: DeltaClient[] = [];
  const connect = (): DeltaClient => {
    const c: DeltaClient = new AdsTestClient(`127.0.0.1:${stub.xds.port}`, 'mesh/shop/virtualNode/web', 'delta', stub.credentialsFor('mesh/shop/virtualNode/web'));
    clients.push(c);
    return c;
  };
  const status = (kind: 'clusters' | 'listeners' | 'routes') => stub.xds.syncStatus('shop', 'web').proxies[0]?.types[kind];
  const versions = (r: DeltaDiscoveryResponse) => Object.fromEntries((r.resources ?? []).map((x) => [x.name, x.version]));

  before(async () => {
    stub = await startStubXds(initial());
  });
  beforeEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await stub.change(initial());
  });
  after(async () => {
    for (const c of clients.splice(0)) c.close();
    await stub.xds.stop();
  });

  it('sends every resource first, then only what changed, and names removals', async () => {
    const c = connect();
    c.request({ type_url: TYPE_URL.clusters });
    const first = await c.next();
    assert.deepEqual(resourceNames(types, first).sort(), ['a', 'b']);
    assert.deepEqual(first.removed_resources ?? [], []);
    c.ack(first);
    await settle();
    assert.equal(status('clusters')?.state, 'SYNCED');
    assert.equal(status('clusters')?.lastAckedVersion, first.system_version_info);

    await stub.change({ web: { ...stub.web(), clusters: [cluster('a', '2s'), cluster('c')] } });
    const second = await c.next();
    assert.deepEqual(resourceNames(types, second).sort(), ['a', 'c'], 'b did not change and is not resent');
    assert.deepEqual(second.removed_resources ?? [], ['b']);
    assert.notEqual(second.nonce, first.nonce);
    c.ack(second);
    await settle();
    assert.equal(status('clusters')?.state, 'SYNCED');
  });

  it('answers a reconnect that already has the current resources with nothing to apply', async () => {
    const c1 = connect();
    c1.request({ type_url: TYPE_URL.clusters });
    const first = await c1.next();
    c1.ack(first);
    c1.close();
    const c2 = connect();
    c2.request({ type_url: TYPE_URL.clusters, initial_resource_versions: versions(first) });
    const again = await c2.next();
    assert.deepEqual(again.resources ?? [], []);
    assert.deepEqual(again.removed_resources ?? [], []);
    c2.ack(again);
    await settle();
    assert.equal(stub.xds.syncStatus('shop', 'web').proxies.find((p) => p.state === 'SYNCED')?.protocol, 'delta');
  });

  it('sends a subscribed route configuration when it appears, and forgets unsubscribed ones', async () => {
    const c = connect();
    c.request({ type_url: TYPE_URL.routes, resource_names_subscribe: ['r1', 'r2'] });
    const first = await c.next();
    assert.deepEqual(resourceNames(types, first), ['r1']);
    c.ack(first);
    await stub.change({ web: { ...stub.web(), routes: [routeConfig('r1', 'a'), routeConfig('r2', 'b')] } });
    const later = await c.next();
    assert.deepEqual(resourceNames(types, later), ['r2']);
    c.ack(later);
    c.request({ type_url: TYPE_URL.routes, resource_names_unsubscribe: ['r1'], response_nonce: later.nonce });
    await settle();
    await stub.change({ web: { ...stub.web(), routes: [routeConfig('r1', 'b'), routeConfig('r2', 'b')] } });
    await stub.change({ web: { ...stub.web(), routes: [routeConfig('r1', 'b'), routeConfig('r2', 'a')] } });
    const onlyR2 = await c.next();
    assert.deepEqual(resourceNames(types, onlyR2), ['r2'], 'r1 changed too, but the proxy unsubscribed from it');
  });

  it('records a NACK and does not resend the rejected resources until they change', async () => {
    const c = connect();
    c.request({ type_url: TYPE_URL.clusters });
    c.ack(await c.next());
    await stub.change({ web: { ...stub.web(), clusters: [cluster('a', '5s'), cluster('b')] } });
    const bad = await c.next();
    c.nack(bad, 'rejected by the proxy');
    await settle();
    assert.equal(status('clusters')?.state, 'NACKED');
    assert.equal(status('clusters')?.nackMessage, 'rejected by the proxy');
    await stub.change({ web: stub.web() }); // same output again: nothing is sent
    await stub.change({ web: { ...stub.web(), clusters: [cluster('a', '6s'), cluster('b')] } });
    const fixed = await c.next();
    assert.deepEqual(resourceNames(types, fixed), ['a'], 'b is what the proxy has; a is sent again');
    c.ack(fixed);
    await settle();
    assert.equal(status('clusters')?.state, 'SYNCED');
  });
});
