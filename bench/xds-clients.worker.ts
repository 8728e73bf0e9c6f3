// Worker thread for bench/xds.ts: simulated ADS clients that subscribe like Envoy and ACK every
// response at once, kept off the control plane's event loop so the benchmark measures the server.
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
const clients = job.nodeIds.map((id) => {
  const creds = job.tls[id];
  const c = new AdsTestClient(job.address, id, 'sotw', creds ? channelCredentials(creds) : grpc.credentials.createInsecure());
  c.onResponse = (r) => {
    c.responses.length = 0;
    c.ack(r, r.type_url === TYPE_URL.routes ? job.routeNames : undefined);
  };
  c.request({ type_url: TYPE_URL.clusters });
  c.request({ type_url: TYPE_URL.listeners });
  c.request({ type_url: TYPE_URL.routes, resource_names: job.routeNames });
  return c;
});

parentPort?.on('message', (m: unknown) => {
  if (m === 'close') {
    for (const c of clients) c.close();
    parentPort?.close();
  }
});
