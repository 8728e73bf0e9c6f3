import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { syncBadge, worstSyncState } from './sync-status';

describe('syncBadge', () => {
  it('uses the node state the xDS server computed', () => {
    const proxy = { streamId: '1', state: 'NACKED', types: { LDS: { state: 'NACKED' } } };
    assert.equal(syncBadge({ meshName: 'm', virtualNodeName: 'n', state: 'NACKED', configError: null, proxies: [proxy] }), 'NACKED');
    assert.equal(syncBadge({ state: 'SYNCED', proxies: [] }), 'SYNCED');
    assert.equal(syncBadge({ state: 'NOT_SENT', proxies: [] }), 'STALE');
  });

  it('shows no badge when no proxy is connected', () => {
    assert.equal(syncBadge({ state: 'DISCONNECTED', proxies: [] }), undefined);
  });
});

describe('worstSyncState', () => {
  it('shows the worst state of any proxy and resource type', () => {
    const status = { proxies: [{ id: 'a', types: { LDS: 'SYNCED', CDS: 'NACKED' } }, { id: 'b', types: { LDS: 'STALE' } }] };
    assert.equal(worstSyncState(status), 'NACKED');
    assert.equal(worstSyncState({ states: { listeners: 'SYNCED', clusters: 'STALE' } }), 'STALE');
    assert.equal(worstSyncState([{ state: 'SYNCED' }]), 'SYNCED');
  });

  it('is unknown when no proxy reported', () => {
    assert.equal(worstSyncState({ proxies: [] }), undefined);
    assert.equal(worstSyncState(null), undefined);
  });
});
