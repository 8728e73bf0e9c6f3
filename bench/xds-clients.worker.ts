// Worker thread for bench/xds.ts: simulated ADS clients that subscribe like Envoy and ACK every
// response at once, kept off the control plane's event loop so the benchmark measures the server.
import { parentPort, workerData } from 'node:worker_threads';
import { AdsTestClient } from '../testkit/xds/ads-client';
import { TYPE_URL } from '../apps/bff/src/xds/snapshot';

interface Job {
  address: string;
  nodeIds: string[];
  routeNames: string[];
}

const job = workerData as Job;
const clients = job.nodeIds.map((id) => {
  const c = new AdsTestClient(job.address, id);
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
