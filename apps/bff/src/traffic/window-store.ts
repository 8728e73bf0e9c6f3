// What the proxies' stat flushes said, in a rolling window: per mesh, proxy and cluster a ring of
// 10 s slots covering 15 minutes, in memory on this replica. A restart (or another replica) starts
// empty: Envoy's counters arrive as deltas, so the window fills again from the next flushes.
import { addBuckets, statusClasses, type Bucket, type ClusterTraffic, type ProxyRef, type StatusClass } from '@meshwright/model';

export const SLOT_MS = 10_000;
export const SLOTS = 90;

/** Histogram counts over one set of bounds (Envoy's bounds are the same in every flush); compact on purpose. */
interface Latency {
  bounds: readonly number[];
  counts: Float64Array;
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
  cluster: string;
  slots: (Slot | undefined)[];
}

export interface ClusterDelta {
  requests?: number;
  status?: Partial<Record<StatusClass, number>>;
  latency?: Bucket[];
  healthCheckFailures?: number;
  ejections?: number;
}

export interface WindowStoreOptions {
  now?: () => number;
  /** Series (mesh, proxy, cluster) kept at most; new ones beyond it are dropped and counted. */
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

  add(meshName: string, source: ProxyRef, cluster: string, delta: ClusterDelta): void {
    const key = `${meshName}\u0000${source.kind}\u0000${source.name}\u0000${cluster}`;
    let s = this.series.get(key);
    if (!s) {
      if (this.series.size >= this.maxSeries) {
        this.droppedSeries++;
        return;
      }
      s = { meshName, source, cluster, slots: new Array<Slot | undefined>(SLOTS) };
      this.series.set(key, s);
    }
    const index = Math.floor(this.now() / SLOT_MS);
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

  /** Every cluster of the mesh's proxies, summed over the last windowMs. */
  clusters(meshName: string, windowMs: number): ClusterTraffic[] {
    const out: ClusterTraffic[] = [];
    for (const s of this.series.values()) {
      if (s.meshName !== meshName) continue;
      const c: ClusterTraffic = { source: s.source, cluster: s.cluster, requests: 0, status: emptyStatus(), latency: [] };
      let latency: Latency | undefined;
      for (const slot of this.slotsIn(s, windowMs)) {
        c.requests += slot.requests;
        for (const k of statusClasses) c.status[k] += slot.status[k];
        if (slot.latency) latency = addLatency(latency, toBuckets(slot.latency), this.bounds);
      }
      if (latency) c.latency = toBuckets(latency);
      out.push(c);
    }
    return out;
  }

  /** A proxy's requests, 5xx and slots per 10 s over the window, oldest first (the node page's charts). */
  timeline(meshName: string, source: ProxyRef, windowMs: number): { t: number; requests: number; errors: number; latency: Bucket[] }[] {
    const current = Math.floor(this.now() / SLOT_MS);
    const n = Math.max(1, Math.ceil(windowMs / SLOT_MS));
    const rows = Array.from({ length: n }, (_, i) => ({ t: (current - n + 1 + i) * SLOT_MS, requests: 0, errors: 0, latency: [] as Bucket[] }));
    for (const s of this.series.values()) {
      if (s.meshName !== meshName || s.source.kind !== source.kind || s.source.name !== source.name) continue;
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
  const out = into ? { bounds, counts: into.counts } : { bounds, counts: new Float64Array(bounds.length) };
  delta.forEach((b, i) => (out.counts[i] = (out.counts[i] ?? 0) + b.cumulativeCount));
  return out;
}

function toBuckets(l: Latency): Bucket[] {
  return l.bounds.map((upperBound, i) => ({ upperBound, cumulativeCount: l.counts[i] ?? 0 }));
}
