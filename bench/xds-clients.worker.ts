// Worker thread for bench/xds.ts: simulated ADS clients that subscribe like Envoy and ACK every
// response at once, kept off the control plane's event loop so the benchmark measures the server.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import * as grpc from '@grpc/grpc-js';
import { AdsTestClient } from '../testkit/xds/ads-client';
import { channelCredentials } from '../testkit/xds/tls';
import { TYPE_URL } from '../apps/bff/src/xds/snapshot';

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
const clients = job.nodeIds.map((id, i) => {
  const creds = job.tls[id];
  const c = new AdsTestClient(job.address, id, 'sotw', creds ? channelCredentials(creds) : grpc.credentials.createInsecure());
  c.onResponse = (r) => {
    c.responses.length = 0;
    c.ack(r, r.type_url === TYPE_URL.routes ? job.routeNames : undefined);
    if (!armed || r.type_url !== TYPE_URL.routes || armed.seen.has(i)) return;
    armed.seen.add(i);
    armed.last = Math.max(armed.last, performance.timeOrigin + performance.now());
    if (armed.seen.size < job.nodeIds.length) return;
    parentPort?.postMessage({ type: 'acked', round: armed.round, last: armed.last });
    armed = undefined;
  };
  c.request({ type_url: TYPE_URL.clusters });
  c.request({ type_url: TYPE_URL.listeners });
  c.request({ type_url: TYPE_URL.routes, resource_names: job.routeNames });
  return c;
});

parentPort?.on('message', (m: unknown) => {
  if (typeof m === 'object' && m !== null && 'type' in m && m.type === 'arm' && 'round' in m && typeof m.round === 'number') {
    armed = { round: m.round, seen: new Set(), last: 0 };
    parentPort?.postMessage({ type: 'armed', round: m.round });
  }
  if (m === 'close') {
    for (const c of clients) c.close();
    parentPort?.close();
  }
});
