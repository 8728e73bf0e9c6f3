// What the proxies' stat flushes said, in a rolling window: per mesh, proxy and scope (a cluster, a
// route with its own stats, a listener's connection manager) a ring of 10 s slots covering 15
// minutes, and the gauges' latest values, in memory on this replica. A restart (or another replica) starts
// empty: Envoy's counters arrive as deltas, so the window fills again from the next flushes.
import { addBuckets, statusClasses, type Bucket, type GaugeName, type ProxyRef, type ScopeTraffic, type StatusClass } from '@meshwright/model';

export const SLOT_MS = 10_000;
export const SLOTS = 90;

/**
 * Histogram counts over one set of bounds (Envoy's bounds are the same in every flush); compact on
 * purpose: whole counts in 32 bits (4.29 billion samples per bucket and series within a window).
 */
interface Latency {
  bounds: readonly number[];
  counts: Uint32Array;
}

interface Slot {
  index: number;
  requests: number;
  status: Record<StatusClass, number>;
  latency: Latency | undefined;
  healthCheckFailures: number;
  ejections: number;
}

interface Series {
  meshName: string;
  source: ProxyRef;
  scope: string;
  slots: (Slot | undefined)[];
  /** Gauges as last flushed, and when: a gauge older than the window says nothing about it. */
  gauges: Partial<Record<GaugeName, number>> | undefined;
  gaugesAt: number;
}

export interface ClusterDelta {
  requests?: number;
  status?: Partial<Record<StatusClass, number>>;
  latency?: Bucket[];
  healthCheckFailures?: number;
  ejections?: number;
  gauges?: Partial<Record<GaugeName, number>>;
}

export interface WindowStoreOptions {
  now?: () => number;
  /** Series (mesh, proxy, scope) kept at most; new ones beyond it are dropped and counted. */
  maxSeries?: number;
}

const emptyStatus = (): Record<StatusClass, number> => ({ '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 });

export class TrafficWindowStore {
  private readonly series = new Map<string, Series>();
  private readonly now: () => number;
  private readonly maxSeries: number;
  droppedSeries = 0;
  /** Bound lists seen, shared by every slot that has them. */
  private readonly bounds = new Map<string, readonly number[]>();

  constructor(options: WindowStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxSeries = options.maxSeries ?? 50_000;
  }

  get seriesCount(): number {
    return this.series.size;
  }

  add(meshName: string, source: ProxyRef, scope: string, delta: ClusterDelta): void {
    const key = `${meshName}\u0000${source.kind}\u0000${source.name}\u0000${scope}`;
    let s = this.series.get(key);
    if (!s) {
      if (this.series.size >= this.maxSeries) {
        this.droppedSeries++;
        return;
      }
      s = { meshName, source, scope, slots: new Array<Slot | undefined>(SLOTS), gauges: undefined, gaugesAt: 0 };
      this.series.set(key, s);
    }
    const now = this.now();
    if (delta.gauges) {
      s.gauges = { ...s.gauges, ...delta.gauges };
      s.gaugesAt = now;
    }
    const counted = Boolean(delta.requests || statusClasses.some((c) => delta.status?.[c]) || delta.latency?.some((b) => b.cumulativeCount > 0) || delta.healthCheckFailures || delta.ejections);
    // Gauges alone (every cluster's membership, every flush) take no slot.
    if (!counted) return;
    const index = Math.floor(now / SLOT_MS);
    let slot = s.slots[index % SLOTS];
    if (!slot || slot.index !== index) {
      slot = { index, requests: 0, status: emptyStatus(), latency: undefined, healthCheckFailures: 0, ejections: 0 };
      s.slots[index % SLOTS] = slot;
    }
    slot.requests += delta.requests ?? 0;
    for (const c of statusClasses) slot.status[c] += delta.status?.[c] ?? 0;
    if (delta.latency && delta.latency.length > 0) slot.latency = addLatency(slot.latency, delta.latency, this.bounds);
    slot.healthCheckFailures += delta.healthCheckFailures ?? 0;
    slot.ejections += delta.ejections ?? 0;
  }

  /** Every scope of the mesh's proxies, summed over the last windowMs, with gauges flushed within it. */
  scopes(meshName: string, windowMs: number): ScopeTraffic[] {
    const out: ScopeTraffic[] = [];
    const since = this.now() - windowMs;
    for (const s of this.series.values()) {
      if (s.meshName !== meshName) continue;
      const c: ScopeTraffic = { source: s.source, scope: s.scope, requests: 0, status: emptyStatus(), latency: [], healthCheckFailures: 0, ejections: 0 };
      if (s.gauges && s.gaugesAt >= since) c.gauges = { ...s.gauges };
      let latency: Latency | undefined;
      for (const slot of this.slotsIn(s, windowMs)) {
        c.requests += slot.requests;
        for (const k of statusClasses) c.status[k] += slot.status[k];
        if (slot.latency) latency = addLatency(latency, toBuckets(slot.latency), this.bounds);
        c.healthCheckFailures += slot.healthCheckFailures;
        c.ejections += slot.ejections;
      }
      if (latency) c.latency = toBuckets(latency);
      out.push(c);
    }
    return out;
  }

  /**
   * Requests, 5xx and latency per 10 s over the window, oldest first (the node and route pages'
   * charts), summed over the series `pick` keeps.
   */
  timeline(meshName: string, pick: (source: ProxyRef, scope: string) => boolean, windowMs: number): { t: number; requests: number; errors: number; latency: Bucket[] }[] {
    const current = Math.floor(this.now() / SLOT_MS);
    const n = Math.max(1, Math.ceil(windowMs / SLOT_MS));
    const rows = Array.from({ length: n }, (_, i) => ({ t: (current - n + 1 + i) * SLOT_MS, requests: 0, errors: 0, latency: [] as Bucket[] }));
    for (const s of this.series.values()) {
      if (s.meshName !== meshName || !pick(s.source, s.scope)) continue;
      for (const slot of this.slotsIn(s, windowMs)) {
        const row = rows[slot.index - (current - n + 1)];
        if (!row) continue;
        row.requests += slot.requests;
        row.errors += slot.status['5xx'];
        if (slot.latency) row.latency = addBuckets(row.latency, toBuckets(slot.latency));
      }
    }
    return rows;
  }

  private slotsIn(s: Series, windowMs: number): Slot[] {
    const current = Math.floor(this.now() / SLOT_MS);
    const oldest = current - Math.max(1, Math.ceil(windowMs / SLOT_MS)) + 1;
    return s.slots.filter((x): x is Slot => x !== undefined && x.index >= oldest && x.index <= current);
  }
}

function addLatency(into: Latency | undefined, delta: readonly Bucket[], shared: Map<string, readonly number[]>): Latency {
  const key = delta.map((b) => b.upperBound).join(',');
  const bounds = shared.get(key) ?? shared.set(key, delta.map((b) => b.upperBound)).get(key) ?? [];
  if (into && into.bounds !== bounds) {
    const merged = addBuckets(toBuckets(into), delta);
    return addLatency(undefined, merged, shared);
  }
  const out = into ? { bounds, counts: into.counts } : { bounds, counts: new Uint32Array(bounds.length) };
  // A count that went down (Envoy restarted a histogram) adds nothing rather than wrapping around.
  delta.forEach((b, i) => (out.counts[i] = (out.counts[i] ?? 0) + Math.max(0, Math.round(b.cumulativeCount))));
  return out;
}

function toBuckets(l: Latency): Bucket[] {
  return l.bounds.map((upperBound, i) => ({ upperBound, cumulativeCount: l.counts[i] ?? 0 }));
}
