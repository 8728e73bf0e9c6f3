import assert from 'node:assert/strict';
import { test } from 'node:test';
import { certificateState, certificatesQueryString, describeProxy, proxyOf, revocationAuditPath } from './proxy-certificates';

test('a proxy id names a virtual node or a virtual gateway; any other shape is shown as the raw id', () => {
  assert.deepEqual(proxyOf('mesh/shop/virtualNode/web'), { kind: 'virtual node', name: 'web' });
  assert.deepEqual(proxyOf('mesh/shop/virtualGateway/ingress'), { kind: 'virtual gateway', name: 'ingress' });
  assert.equal(proxyOf('mesh/shop/virtualRouter/r'), undefined);
  assert.equal(proxyOf('mesh/shop/virtualNode/a/b'), undefined);
  assert.equal(describeProxy({ proxyId: 'mesh/shop/virtualGateway/ingress' }), 'virtual gateway ingress');
  assert.equal(describeProxy({ proxyId: 'something/else' }), 'proxy something/else');
});

test('a revoked certificate stays revoked; an unrevoked one is expired from its expiry on', () => {
  const expiresAt = '2026-12-02T00:00:00.000Z';
  const at = Date.parse(expiresAt);
  assert.equal(certificateState({ expiresAt, revokedAt: null }, at - 1), 'valid');
  assert.equal(certificateState({ expiresAt, revokedAt: null }, at), 'expired');
  assert.equal(certificateState({ expiresAt, revokedAt: '2026-01-01T00:00:00.000Z' }, at + 1), 'revoked');
});

test('the mesh filter goes to the API encoded, and a revocation links to the audit log filtered to it', () => {
  assert.equal(certificatesQueryString(undefined), '');
  assert.equal(certificatesQueryString('shop two'), '?mesh=shop+two');
  assert.equal(revocationAuditPath({ meshName: 'shop' }), '/admin/audit?operation=console%3ARevokeProxyCertificate&mesh=shop');
});
