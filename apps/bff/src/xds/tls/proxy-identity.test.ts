import assert from 'node:assert/strict';
import { test } from 'node:test';
import { proxyFromNodeId, proxyFromSpiffeUri, spiffeUri, uriSans } from './proxy-identity';

test('a SPIFFE URI names exactly one proxy, whatever its names contain', () => {
  for (const ref of [
    { meshName: 'shop', kind: 'virtualNode', name: 'web' },
    { meshName: 'a,b', kind: 'virtualGateway', name: 'gw "1"' },
    { meshName: 'x%2Fy', kind: 'virtualNode', name: 'ünï' },
  ] as const) {
    assert.deepEqual(proxyFromSpiffeUri(spiffeUri(ref)), ref);
  }
  assert.equal(spiffeUri({ meshName: 'shop', kind: 'virtualNode', name: 'web' }), 'spiffe://meshwright/mesh/shop/virtualNode/web');
  assert.equal(proxyFromSpiffeUri('spiffe://other/mesh/shop/virtualNode/web'), undefined, 'another trust domain');
  assert.equal(proxyFromSpiffeUri('spiffe://meshwright/mesh/shop/virtualRouter/r'), undefined);
});

test('a node id names its proxy by path or ARN; anything else names none', () => {
  const web = { meshName: 'shop', kind: 'virtualNode', name: 'web' };
  assert.deepEqual(proxyFromNodeId('mesh/shop/virtualNode/web'), web);
  assert.deepEqual(proxyFromNodeId('arn:aws:appmesh:us-west-2:111122223333:mesh/shop/virtualNode/web'), web);
  assert.deepEqual(proxyFromNodeId('mesh/shop/virtualGateway/edge'), { meshName: 'shop', kind: 'virtualGateway', name: 'edge' });
  for (const bad of ['', 'sidecar~10.0.0.1~web', 'mesh/shop/virtualNode/web/extra', 'mesh/shop/virtualNode/']) assert.equal(proxyFromNodeId(bad), undefined, bad);
});

test('reads URI SANs as Node prints them, quoted entries included', () => {
  assert.deepEqual(uriSans('DNS:a.example, URI:spiffe://meshwright/mesh/a/virtualNode/b, IP Address:127.0.0.1'), ['spiffe://meshwright/mesh/a/virtualNode/b']);
  assert.deepEqual(uriSans('URI:"spiffe://x/a,b", URI:spiffe://y'), ['spiffe://x/a,b', 'spiffe://y']);
  assert.deepEqual(uriSans(undefined), []);
});
