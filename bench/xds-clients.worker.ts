// Worker thread for bench/xds.ts and bench/replicas.ts: simulated ADS clients that subscribe like Envoy
// and ACK every response at once, kept off the control plane's event loop so the benchmark measures the server.
// They stand in for Envoys on other machines, so they cost as little as an ACK allows: gRPC on node:http2
// itself (bench/raw-ads-client.ts, not grpc-js's client machinery); each receives
// every response's full bytes but reads only version_info, type_url and nonce (testkit/xds/ack-fields.ts),
// and sends the node only with its first request (as Envoy with set_node_on_first_message_only).
// Correctness is still proven: on a `{ type: 'check', round, client }` message, that client decodes its
// next routes response in full, route configurations included, and posts the weighted clusters it found.
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { EnvoyTypes } from '../apps/bff/src/xds/protos';
import { TYPE_URL } from '../apps/bff/src/xds/snapshot';
import { decodeInFull, type AckFields } from '../testkit/xds/ack-fields';
import { RawAdsClient } from './raw-ads-client';

interface Job {
  address: string;
  nodeIds: string[];
  routeNames: string[];
  /** Per node id, the TLS credentials of its certificate; empty when the control plane runs insecure. */
  tls: Record<string, { caPem: string; certPem: string; keyPem: string }>;
}

const job = workerData as Job;
/**
 * Set by an `{ type: 'arm', round }` message (bench/replicas.ts): the first routes response each client
 * gets after it is the round's push; once every client has ACKed one, the worker posts
 * `{ type: 'acked', round, last }` with the last ACK's time (ms since the epoch, comparable across threads).
 */
let armed: { round: number; seen: Set<number>; last: number } | undefined;
/** Set by a `check` message: the client whose next routes response is decoded in full. */
let check: { round: number; client: number } | undefined;
// Loaded before the clients connect, so the first check of a round does not pay for parsing protos.
const routeConfig = new EnvoyTypes().type('envoy.config.route.v3.RouteConfiguration');
let warmedUp = false;

/** The weighted clusters of every route in a routes response, decoded in full (name -> weight). */
function weightedClusters(r: AckFields): Record<string, number> {
  const out: Record<string, number> = {};
  for (const any of decodeInFull(r).resources) {
    const config = routeConfig.toObject(routeConfig.decode(any.value), { longs: Number }) as {
      virtual_hosts?: { routes?: { route?: { weighted_clusters?: { clusters?: { name: string; weight?: { value?: number } }[] } } }[] }[];
    };
    for (const vh of config.virtual_hosts ?? []) {
      for (const route of vh.routes ?? []) {
        for (const c of route.route?.weighted_clusters?.clusters ?? []) out[c.name] = c.weight?.value ?? 0;
      }
    }
  }
  return out;
}

const clients = job.nodeIds.map((id, i) => {
  const onResponse = (r: AckFields) => {
    const routes = r.type_url === TYPE_URL.routes;
    c.ack(r, routes ? job.routeNames : undefined);
    // Decoded after the ACK, so a check does not hold up that client's ACK (what it checks is the bytes
    // received). The first routes response (at connect, before any round) once, so protobufjs generates
    // its decoders before they count.
    if (routes && !warmedUp) {
      warmedUp = true;
      weightedClusters(r);
    }
    if (routes && check?.client === i) {
      parentPort?.postMessage({ type: 'checked', round: check.round, weights: weightedClusters(r) });
      check = undefined;
    }
    if (!armed || !routes || armed.seen.has(i)) return;
    armed.seen.add(i);
    armed.last = Math.max(armed.last, performance.timeOrigin + performance.now());
    if (armed.seen.size < job.nodeIds.length) return;
    parentPort?.postMessage({ type: 'acked', round: armed.round, last: armed.last });
    armed = undefined;
  };
  // A failed stream fails the benchmark: its rounds would otherwise wait for an ACK that never comes.
  const onError = (e: Error) => {
    throw e;
  };
  const c = new RawAdsClient({ address: job.address, nodeId: id, tls: job.tls[id], onResponse, onError });
  c.request({ type_url: TYPE_URL.clusters });
  c.request({ type_url: TYPE_URL.listeners });
  c.request({ type_url: TYPE_URL.routes, resource_names: job.routeNames });
  return c;
});

let profiler: Session | undefined;

const isMessage = (m: unknown, type: string): m is Record<string, unknown> => typeof m === 'object' && m !== null && 'type' in m && m.type === type;

parentPort?.on('message', (m: unknown) => {
  if (isMessage(m, 'arm') && typeof m.round === 'number') {
    armed = { round: m.round, seen: new Set(), last: 0 };
    parentPort?.postMessage({ type: 'armed', round: m.round });
  }
  if (isMessage(m, 'check') && typeof m.round === 'number' && typeof m.client === 'number') {
    check = { round: m.round, client: m.client };
    parentPort?.postMessage({ type: 'checking', round: m.round });
  }
  // bench/xds.ts XDS_BENCH_PROFILE: this thread's CPU profile over the rounds, written to `path`.
  if (isMessage(m, 'profile-start')) {
    profiler = new Session();
    profiler.connect();
    void profiler.post('Profiler.enable').then(() => profiler?.post('Profiler.start'));
  }
  if (isMessage(m, 'profile-stop') && typeof m.path === 'string' && profiler) {
    const session = profiler;
    const path = m.path;
    void session.post('Profiler.stop').then(({ profile }) => {
      writeFileSync(path, JSON.stringify(profile));
      session.disconnect();
      parentPort?.postMessage({ type: 'profiled' });
    });
  }
  if (isMessage(m, 'cpu')) parentPort?.postMessage({ type: 'cpu', usage: process.threadCpuUsage() });
  if (m === 'close') {
    for (const c of clients) c.close();
    parentPort?.close();
  }
});
