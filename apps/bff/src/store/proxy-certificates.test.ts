// The issued proxy certificates table, the same in SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachStore, type OpenedStore } from '../../../../testkit/stores';

forEachStore((variant) => {
  describe(`proxy certificates (${variant.name})`, () => {
    let opened: OpenedStore;
    before(async () => {
      opened = await variant.open();
    });
    after(async () => opened.dispose());

    it('records, lists oldest first (by mesh too), and revokes once', async () => {
      const certs = opened.store.proxyCertificates;
      const a = { serial: 'AA01', meshName: 'shop', proxyId: 'mesh/shop/virtualNode/web', issuedAt: 1_700_000_000_000, expiresAt: 1_800_000_000_000, revokedAt: null };
      const b = { ...a, serial: 'BB02', meshName: 'other', proxyId: 'mesh/other/virtualGateway/edge', issuedAt: a.issuedAt + 1 };
      await certs.record(b);
      await certs.record(a);
      assert.deepEqual(await certs.list(), [a, b]);
      assert.deepEqual(await certs.list({ meshName: 'other' }), [b]);
      assert.deepEqual(await certs.get('AA01'), a);
      assert.equal(await certs.get('CC03'), undefined);
      assert.deepEqual(await certs.revoke('AA01', 1_750_000_000_000), { ...a, revokedAt: 1_750_000_000_000 });
      assert.deepEqual(await certs.revoke('AA01', 1_760_000_000_000), { ...a, revokedAt: 1_750_000_000_000 }, 'a second revoke keeps the first time');
      assert.equal(await certs.revoke('CC03', 1), undefined);
      await assert.rejects(certs.record(a), 'a serial is recorded once');
    });
  });
}, 'proxy certificates');
