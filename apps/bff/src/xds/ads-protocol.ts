// The ADS protocol for one stream, without gRPC: requests in, responses out. State of the world
// (StreamAggregatedResources) and incremental (DeltaAggregatedResources) share everything but the
// response shape. Per type it keeps the subscription, the response in flight (nonce, version), the
// last ACKed version and the last NACK. Rules (xDS protocol, "ACK/NACK and versioning"):
// - a response is answered by the request carrying its nonce: NACK with error_detail, else ACK;
//   an answer to an older nonce is stale and ignored;
// - one response per type in flight; types go out in PUSH_ORDER, a later type waits until the earlier
//   one is answered, and a type NACKed at the current content holds the later ones (last good config);
// - a NACKed version is never resent: only new content (or a new subscription) triggers a push;
// - clusters dropped by a change stay until the listeners and routes that used them are ACKed.
import { kindOfTypeUrl, PUSH_ORDER, TYPE_URL, versionOf, type EncodedResource, type NodeSnapshot, type XdsKind } from './snapshot';
import type {
  AnyDiscoveryResponse, DeltaDiscoveryRequest, DiscoveryRequest, TypeState, TypeStatus,
} from './xds-messages';

export type { DiscoveryRequest, DiscoveryResponse, TypeState, TypeStatus } from './xds-messages';

export type AdsMode = 'sotw' | 'delta';

interface Sent {
  nonce: string;
  version: string;
  resources: EncodedResource[];
  at: number;
  /** Delta: what the proxy had before this response, restored when it is NACKed. */
  knownBefore: Map<string, string> | null;
}

interface TypeSlot {
  subscribed: boolean;
  wildcard: boolean;
  /** Explicitly subscribed names, sorted. */
  names: string[];
  /** A new subscription must be answered even when there is nothing (new) to send. */
  mustAnswer: boolean;
  /** Delta: the resources the proxy has, name -> version. */
  known: Map<string, string>;
  lastNonce: string | null;
  inFlight: Sent | null;
  lastSent: Sent | null;
  acked: { version: string; at: number } | null;
  nack: { version: string; message: string; at: number } | null;
}

const emptySlot = (): TypeSlot => ({
  subscribed: false, wildcard: false, names: [], mustAnswer: false, known: new Map(),
  lastNonce: null, inFlight: null, lastSent: null, acked: null, nack: null,
});

export interface ProtocolHooks {
  send(response: AnyDiscoveryResponse): void;
  nextNonce(): string;
  now(): number;
  /** Called after anything that changes the status (send, ACK, NACK). */
  changed(): void;
  /** A response went out / was answered: for latency measurements and logs. */
  sent?(kind: XdsKind, version: string): void;
  answered?(kind: XdsKind, version: string, nackMessage: string | null): void;
  identifier: string;
}

interface Desired {
  version: string;
  resources: EncodedResource[];
}

interface DesiredMemo {
  all: ReadonlyMap<string, EncodedResource>;
  wildcard: boolean;
  names: readonly string[];
  retained: readonly EncodedResource[];
  desired: Desired;
}

/** Element by element the same (names; encoded resources, one object per content). */
const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The version Envoy sees for one resource in incremental xDS. */
const resourceVersion = (r: EncodedResource) => r.hash.slice(0, 16);

export class AdsProtocol {
  private readonly slots = new Map<XdsKind, TypeSlot>(PUSH_ORDER.map((k) => [k, emptySlot()]));
  private snapshot: NodeSnapshot | undefined;
  /** Per type, the last desired set and what it was computed from. */
  private readonly desiredMemo = new Map<XdsKind, DesiredMemo>();

  constructor(
    private readonly hooks: ProtocolHooks,
    readonly mode: AdsMode = 'sotw',
  ) {}

  hasSnapshot(): boolean {
    return this.snapshot !== undefined;
  }

  setSnapshot(snapshot: NodeSnapshot): void {
    this.snapshot = snapshot;
    this.pump();
    this.hooks.changed();
  }

  /** A state-of-the-world DiscoveryRequest. */
  onRequest(req: DiscoveryRequest): void {
    const typeUrl = req.type_url ?? '';
    const nonce = req.response_nonce ?? '';
    const kind = kindOfTypeUrl(typeUrl);
    if (!kind) return this.answerOtherType(typeUrl, nonce, req.version_info ?? '');
    const slot = this.slot(kind);
    if (nonce !== '' && nonce !== slot.lastNonce) return; // stale: answers an older response
    const names = (req.resource_names ?? []).filter((n) => n !== '*');
    slot.subscribed = true;
    // CDS and LDS are wildcard when no names (or "*") are asked for; RDS always names what it wants.
    slot.wildcard = kind !== 'routes' && (names.length === 0 || (req.resource_names ?? []).includes('*'));
    slot.names = [...names].sort();
    if (nonce === '') {
      // A new subscription (first request or reconnect): it gets an answer even if nothing changed.
      Object.assign(slot, { inFlight: null, lastSent: null, nack: null, mustAnswer: true });
    } else {
      this.answer(kind, slot, req.error_detail);
    }
    this.pump();
    this.hooks.changed();
  }

  /** An incremental DeltaDiscoveryRequest. */
  onDeltaRequest(req: DeltaDiscoveryRequest): void {
    const typeUrl = req.type_url ?? '';
    const nonce = req.response_nonce ?? '';
    const kind = kindOfTypeUrl(typeUrl);
    if (!kind) return this.answerOtherType(typeUrl, nonce, '');
    const slot = this.slot(kind);
    const subscribe = req.resource_names_subscribe ?? [];
    if (!slot.subscribed) {
      slot.subscribed = true;
      slot.mustAnswer = true;
      slot.wildcard = kind !== 'routes' && (subscribe.length === 0 || subscribe.includes('*'));
      slot.known = new Map(Object.entries(req.initial_resource_versions ?? {}));
    }
    const names = new Set(slot.names);
    for (const n of subscribe) if (n === '*') slot.wildcard = true; else names.add(n);
    for (const n of req.resource_names_unsubscribe ?? []) {
      if (n === '*') slot.wildcard = false;
      names.delete(n);
      slot.known.delete(n); // the proxy forgets what it unsubscribed from
    }
    slot.names = [...names].sort();
    // Subscription changes count whatever the nonce; an ACK/NACK only when it answers the latest response.
    if (nonce !== '' && nonce === slot.lastNonce) this.answer(kind, slot, req.error_detail);
    this.pump();
    this.hooks.changed();
  }

  status(): Record<XdsKind, TypeStatus> {
    const out = {} as Record<XdsKind, TypeStatus>;
    for (const kind of PUSH_ORDER) {
      const s = this.slot(kind);
      const desired = this.snapshot && s.subscribed ? this.desired(kind).version : null;
      let state: TypeState;
      if (!s.lastSent) state = 'NOT_SENT';
      else if (s.nack && !s.inFlight) state = 'NACKED';
      else if (!s.inFlight && s.acked && s.acked.version === desired) state = 'SYNCED';
      else state = 'STALE';
      out[kind] = {
        typeUrl: TYPE_URL[kind],
        state,
        desiredVersion: desired,
        lastSentVersion: s.lastSent?.version ?? null,
        lastSentAt: iso(s.lastSent?.at),
        lastAckedVersion: s.acked?.version ?? null,
        lastAckedAt: iso(s.acked?.at),
        nackMessage: s.nack?.message ?? null,
        nackedVersion: s.nack?.version ?? null,
        subscribedNames: s.wildcard ? [] : s.names,
      };
    }
    return out;
  }

  private answer(kind: XdsKind, slot: TypeSlot, errorDetail: DiscoveryRequest['error_detail']): void {
    const sent = slot.inFlight;
    if (!sent) return;
    slot.inFlight = null;
    if (errorDetail) {
      slot.nack = { version: sent.version, message: errorDetail.message ?? `error code ${errorDetail.code ?? '?'}`, at: this.hooks.now() };
      if (sent.knownBefore) slot.known = sent.knownBefore;
    } else {
      slot.acked = { version: sent.version, at: this.hooks.now() };
      slot.nack = null;
    }
    this.hooks.answered?.(kind, sent.version, slot.nack?.message ?? null);
  }

  /** Sends what is due, in order; stops at the first type that is in flight or held by a NACK. */
  private pump(): void {
    if (!this.snapshot) return;
    for (const kind of PUSH_ORDER) {
      const s = this.slot(kind);
      if (!s.subscribed) continue;
      if (s.inFlight) return;
      const desired = this.desired(kind);
      if (s.nack && s.nack.version === desired.version) return; // never resend what Envoy rejected
      const sent = this.mode === 'sotw' ? this.sendWorld(kind, s, desired) : this.sendDelta(kind, s, desired);
      if (!sent) continue;
      s.mustAnswer = false;
      s.inFlight = sent;
      s.lastSent = sent;
      s.lastNonce = sent.nonce;
      this.hooks.sent?.(kind, sent.version);
      return;
    }
  }

  private sendWorld(kind: XdsKind, s: TypeSlot, desired: Desired): Sent | undefined {
    if (!s.mustAnswer && s.lastSent?.version === desired.version) return undefined;
    const sent: Sent = { nonce: this.hooks.nextNonce(), version: desired.version, resources: desired.resources, at: this.hooks.now(), knownBefore: null };
    this.hooks.send({
      version_info: sent.version,
      resources: desired.resources.map((r) => r.any),
      type_url: TYPE_URL[kind],
      nonce: sent.nonce,
      control_plane: { identifier: this.hooks.identifier },
    });
    return sent;
  }

  private sendDelta(kind: XdsKind, s: TypeSlot, desired: Desired): Sent | undefined {
    const changed = desired.resources.filter((r) => s.known.get(r.name) !== resourceVersion(r));
    const wanted = new Set(desired.resources.map((r) => r.name));
    const removed = [...s.known.keys()].filter((n) => !wanted.has(n));
    if (changed.length === 0 && removed.length === 0 && !s.mustAnswer) {
      // The proxy already has exactly this (e.g. a subscription to a name that does not exist yet).
      if (s.acked && !s.nack) s.acked = { version: desired.version, at: s.acked.at };
      if (s.lastSent) s.lastSent = { ...s.lastSent, version: desired.version };
      return undefined;
    }
    const knownBefore = new Map(s.known);
    for (const r of changed) s.known.set(r.name, resourceVersion(r));
    for (const n of removed) s.known.delete(n);
    const sent: Sent = { nonce: this.hooks.nextNonce(), version: desired.version, resources: desired.resources, at: this.hooks.now(), knownBefore };
    this.hooks.send({
      system_version_info: sent.version,
      resources: changed.map((r) => ({ name: r.name, version: resourceVersion(r), resource: r.any })),
      type_url: TYPE_URL[kind],
      removed_resources: removed,
      nonce: sent.nonce,
      control_plane: { identifier: this.hooks.identifier },
    });
    return sent;
  }

  private desired(kind: XdsKind): Desired {
    const snapshot = this.snapshot;
    if (!snapshot) return { version: versionOf([]), resources: [] };
    const s = this.slot(kind);
    const all = snapshot.resources[kind];
    const retained = s.wildcard && kind === 'clusters' ? this.retainedClusters() : [];
    // desired() runs several times per response and per answer (pump, retained clusters, status): the
    // same snapshot, subscription and retained clusters give the same set, built and versioned once.
    const memo = this.desiredMemo.get(kind);
    if (memo && memo.all === all && memo.wildcard === s.wildcard && sameList(memo.names, s.names) && sameList(memo.retained, retained)) return memo.desired;
    let desired: Desired;
    if (s.wildcard) {
      const resources = [...all.values(), ...retained];
      // The snapshot hashed its full set once; only retained clusters make this set another one.
      desired = { version: retained.length === 0 ? snapshot.versions[kind] : versionOf(resources), resources };
    } else {
      const explicit = s.names.flatMap((n) => all.get(n) ?? []);
      desired = { version: versionOf(explicit), resources: explicit };
    }
    this.desiredMemo.set(kind, { all, wildcard: s.wildcard, names: s.names, retained, desired });
    return desired;
  }

  /** Clusters Envoy still needs: in the last CDS sent, gone from the snapshot, while LDS/RDS catch up. */
  private retainedClusters(): EncodedResource[] {
    const snapshot = this.snapshot;
    const lastSent = this.slot('clusters').lastSent;
    if (!snapshot || !lastSent) return [];
    const users: XdsKind[] = ['listeners', 'routes'];
    const caughtUp = users.every((k) => {
      const s = this.slot(k);
      return !s.subscribed || (!s.inFlight && s.acked !== null && s.acked.version === this.desired(k).version);
    });
    if (caughtUp) return [];
    return lastSent.resources.filter((r) => !snapshot.resources.clusters.has(r.name));
  }

  /** Types this server does not serve (EDS, SDS...): a first request gets an empty answer, not silence. */
  private answerOtherType(typeUrl: string, nonce: string, version: string): void {
    if (!typeUrl || nonce !== '') return;
    const identifier = this.hooks.identifier;
    const n = this.hooks.nextNonce();
    if (this.mode === 'sotw') {
      this.hooks.send({ version_info: version || 'empty', resources: [], type_url: typeUrl, nonce: n, control_plane: { identifier } });
    } else {
      this.hooks.send({ system_version_info: 'empty', resources: [], type_url: typeUrl, removed_resources: [], nonce: n, control_plane: { identifier } });
    }
  }

  private slot(kind: XdsKind): TypeSlot {
    let s = this.slots.get(kind);
    if (!s) {
      s = emptySlot();
      this.slots.set(kind, s);
    }
    return s;
  }
}

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}
