import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SyncState } from './graph-types';
import { mergeSyncBadges, meshSyncBadges, syncBadge, worstSyncState } from './sync-status';

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

describe('meshSyncBadges', () => {
  it('reads one badge per node of a mesh-wide answer, leaving out nodes without a proxy', () => {
    const answer = {
      meshName: 'm',
      nodes: {
        web: { state: 'SYNCED', proxies: [{}] },
        api: { state: 'NACKED', proxies: [{}] },
        gone: { state: 'DISCONNECTED', proxies: [] },
      },
    };
    assert.deepEqual([...meshSyncBadges(answer)], [['web', 'SYNCED'], ['api', 'NACKED']]);
  });

  it('is empty for an answer it does not understand', () => {
    assert.equal(meshSyncBadges(null).size, 0);
    assert.equal(meshSyncBadges({ nodes: 'x' }).size, 0);
  });
});

describe('mergeSyncBadges', () => {
  const map = (entries: [string, SyncState][]) => new Map(entries);

  it('takes the answer, but keeps what events said while it was on its way', () => {
    const current = map([['web', 'NACKED'], ['old', 'SYNCED']]);
    const answer = map([['web', 'SYNCED'], ['api', 'STALE'], ['db', 'SYNCED']]);
    // web NACKed and db lost its proxy after the answer was computed: the events win.
    const merged = mergeSyncBadges(current, answer, new Set(['web', 'db']));
    assert.deepEqual([...merged].sort(), [['api', 'STALE'], ['web', 'NACKED']]);
  });

  it('returns the same map when nothing changed, so nothing re-renders', () => {
    const current = map([['web', 'SYNCED']]);
    assert.equal(mergeSyncBadges(current, map([['web', 'SYNCED']]), new Set()), current);
  });
});
