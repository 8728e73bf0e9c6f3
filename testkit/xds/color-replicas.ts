// Test support: the colour mesh on real replica processes sharing one schema, with a real Envoy for
// `front` booted from one replica's ADS bootstrap and routing to blue. Replicas share proxy ports,
// so whichever replica the Envoy is on compiles the same listeners.
import type { RunningEnvoy } from '../envoy';
import { eventually } from '../eventually';
import { freePort } from '../ports';
import { replicaSet, type Replica, type ReplicaSet } from '../replicas';
import { httpUpstream, type Upstream } from '../upstreams';
import { createColorMesh, sample } from './color-mesh';
import { startFrontEnvoy } from './control-plane';

export interface ColorReplicas {
  set: ReplicaSet;
  /** In the order given; the mesh is created through the first. */
  replicas: Replica[];
  envoy: RunningEnvoy;
  egress: number;
  close: () => Promise<void>;
}

/** `only(name)`: every sampled answer came from that app. */
export const only = (name: string) => (c: Record<string, number>) => Object.keys(c).length === 1 && (c[name] ?? 0) > 0;

/** Starts one replica per `envs` entry; `envoyFrom` is the index of the replica whose bootstrap the Envoy gets. */
export async function colorReplicas(shared: Record<string, string>, envs: Record<string, string>[], envoyFrom: number): Promise<ColorReplicas> {
  const egress = await freePort();
  const set = replicaSet({ PROXY_EGRESS_PORT: String(egress), PROXY_INGRESS_PORT: String(await freePort()), PROXY_LISTENER_ADDRESS: '127.0.0.1', ...shared });
  const replicas: Replica[] = [];
  const apps: Upstream[] = [];
  const close = async () => {
    await envoy?.stop();
    await set.close();
    for (const u of apps) await u.close();
  };
  let envoy: RunningEnvoy | undefined;
  try {
    for (const env of envs) replicas.push(await set.start(env));
    const blue = await httpUpstream('blue');
    const green = await httpUpstream('green');
    apps.push(blue, green);
    const [first] = replicas;
    const from = replicas[envoyFrom];
    if (!first || !from) throw new Error(`no replica ${envoyFrom} of ${replicas.length}`);
    await createColorMesh(first.client, { blue: blue.port, green: green.port }, { blue: 100, green: 0 });
    envoy = await startFrontEnvoy(from);
    await eventually('Envoy routes to blue', () => sample(egress, 5), only('blue'));
    return { set, replicas, envoy, egress, close };
  } catch (err) {
    await close();
    throw err;
  }
}
