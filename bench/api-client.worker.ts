// Worker thread for bench/xds.ts: the App Mesh API client that sends each route weight change. The
// control plane runs in the benchmark's main thread (its events are the clock), and a real client is on
// another machine: signing the request and reading the answer on the control plane's thread would count
// the client's CPU as the server's and delay the ACKs being measured. Same SDK, same request as before.
import { parentPort, workerData } from 'node:worker_threads';
import { appMeshClient } from '../testkit/bff';
import { setWeights } from '../testkit/xds/color-mesh';

const client = appMeshClient((workerData as { url: string }).url);
parentPort?.on('message', (m: { type: 'weights'; id: number; weights: Record<string, number> } | 'close') => {
  if (m === 'close') {
    client.destroy();
    parentPort?.close();
    return;
  }
  setWeights(client, m.weights).then(
    () => parentPort?.postMessage({ type: 'updated', id: m.id }),
    (e: unknown) => parentPort?.postMessage({ type: 'updated', id: m.id, error: String(e) }),
  );
});
