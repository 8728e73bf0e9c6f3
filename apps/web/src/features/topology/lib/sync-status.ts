import type { SyncState } from './graph-types';

const rank: Record<SyncState, number> = { SYNCED: 0, STALE: 1, NACKED: 2 };

function isSyncState(value: unknown): value is SyncState {
  return value === 'SYNCED' || value === 'STALE' || value === 'NACKED';
}

/**
 * The badge for a `GET .../sync-status` answer (or a `sync` event's status): its overall `state`
 * when that is one the badge knows; NOT_SENT (connected, nothing pushed yet) counts as STALE, and
 * DISCONNECTED means there is no proxy whose state could be shown.
 */
export function syncBadge(status: unknown): SyncState | undefined {
  if (status !== null && typeof status === 'object' && 'state' in status && typeof status.state === 'string') {
    if (isSyncState(status.state)) return status.state;
    if (status.state === 'NOT_SENT') return 'STALE';
    if (status.state === 'DISCONNECTED') return undefined;
  }
  return worstSyncState(status);
}

/**
 * The one state a node's badge shows: the worst state found anywhere in a sync-status answer
 * (per proxy, per resource type), so one NACKed listener push is never hidden by synced clusters.
 * Reads any JSON shape, so the badge survives changes in how the xDS server groups its states.
 */
export function worstSyncState(status: unknown): SyncState | undefined {
  let worst: SyncState | undefined;
  const visit = (value: unknown, depth: number): void => {
    if (depth > 8) return;
    if (isSyncState(value)) {
      if (worst === undefined || rank[value] > rank[worst]) worst = value;
    } else if (Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1);
    } else if (value !== null && typeof value === 'object') {
      for (const v of Object.values(value)) visit(v, depth + 1);
    }
  };
  visit(status, 0);
  return worst;
}

/** A virtual gateway's key among the badges: names have no `/`, so it never meets a node's name. */
export const gatewaySyncKey = (gateway: string) => `virtualGateway/${gateway}`;

/**
 * The badges of a `GET /api/meshes/{mesh}/sync-status` answer (`{ meshName, nodes: { [node]: status },
 * gateways: { [gateway]: status } }`), by virtual node name and by gatewaySyncKey; proxies without a
 * badge (DISCONNECTED) are left out.
 */
export function meshSyncBadges(answer: unknown): Map<string, SyncState> {
  const badges = new Map<string, SyncState>();
  if (answer === null || typeof answer !== 'object') return badges;
  const groups: [unknown, (name: string) => string][] = [
    ['nodes' in answer ? answer.nodes : undefined, (name) => name],
    ['gateways' in answer ? answer.gateways : undefined, gatewaySyncKey],
  ];
  for (const [group, keyOf] of groups) {
    if (group === null || typeof group !== 'object') continue;
    for (const [name, status] of Object.entries(group)) {
      const badge = syncBadge(status);
      if (badge !== undefined) badges.set(keyOf(name), badge);
    }
  }
  return badges;
}

/**
 * A mesh-wide answer replaces every badge, except those of nodes a `sync` event updated while the
 * request was out: the event is newer than the answer for them.
 */
export function mergeSyncBadges(
  current: ReadonlyMap<string, SyncState>,
  answer: ReadonlyMap<string, SyncState>,
  updatedSince: ReadonlySet<string>,
): ReadonlyMap<string, SyncState> {
  const next = new Map(answer);
  for (const node of updatedSince) {
    const state = current.get(node);
    if (state === undefined) next.delete(node);
    else next.set(node, state);
  }
  if (next.size === current.size && [...next].every(([node, state]) => current.get(node) === state)) return current;
  return next;
}
