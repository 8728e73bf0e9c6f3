// The last access-log lines per proxy, a ring buffer each (1,000 lines by default), with listeners
// for the live SSE stream. In memory per replica: a restart starts empty.
import type { AccessLogLine, ProxyRef } from '@meshwright/model';

export type { AccessLogLine };

type Listener = (line: AccessLogLine) => void;

export class AccessLogStore {
  private readonly lines = new Map<string, AccessLogLine[]>();
  private readonly listeners = new Map<string, Set<Listener>>();
  constructor(private readonly maxLinesPerProxy = 1000, private readonly maxProxies = 10_000) {}

  private key(meshName: string, proxy: ProxyRef): string {
    return `${meshName}\u0000${proxy.kind}\u0000${proxy.name}`;
  }

  add(meshName: string, proxy: ProxyRef, line: AccessLogLine): void {
    const key = this.key(meshName, proxy);
    let ring = this.lines.get(key);
    if (!ring) {
      if (this.lines.size >= this.maxProxies) return;
      ring = [];
      this.lines.set(key, ring);
    }
    ring.push(line);
    if (ring.length > this.maxLinesPerProxy) ring.splice(0, ring.length - this.maxLinesPerProxy);
    for (const l of this.listeners.get(key) ?? []) l(line);
  }

  /** Newest first; status filters by class ("5xx") or exact code ("503"). */
  recent(meshName: string, proxy: ProxyRef, limit: number, status?: string): AccessLogLine[] {
    const ring = this.lines.get(this.key(meshName, proxy)) ?? [];
    const out: AccessLogLine[] = [];
    for (let i = ring.length - 1; i >= 0 && out.length < limit; i--) {
      const line = ring[i];
      if (line && matchesStatus(line, status)) out.push(line);
    }
    return out;
  }

  subscribe(meshName: string, proxy: ProxyRef, listener: Listener): () => void {
    const key = this.key(meshName, proxy);
    const set = this.listeners.get(key) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(key, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }
}

export function matchesStatus(line: AccessLogLine, status: string | undefined): boolean {
  if (!status) return true;
  if (/^[1-5]xx$/.test(status)) return line.status !== null && Math.floor(line.status / 100) === Number(status[0]);
  return String(line.status) === status;
}
