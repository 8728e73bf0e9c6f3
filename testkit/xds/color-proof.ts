// Test support for the proofs with one real Envoy on the colour mesh: a control plane with the blue and
// green upstreams behind the mesh, and one teardown (Envoy, control plane, upstreams) that also undoes
// a start that failed half-way.
import type { RunningEnvoy } from '../envoy';
import { httpUpstream, type Answer, type Upstream } from '../upstreams';
import { createColorMesh } from './color-mesh';
import type { ControlPlane } from './control-plane';

export interface ColorProof {
  cp: ControlPlane;
  blue: Upstream;
  green: Upstream;
  /** Stops the test's Envoy (if it got one), the control plane and both upstreams. */
  close: (envoy?: RunningEnvoy) => Promise<void>;
}

/** `startCp` makes the control plane; the mesh is created with these route weights; `greenAnswer` lets green fail on purpose. */
export async function startColorProof(
  startCp: () => Promise<ControlPlane>,
  weights: { blue: number; green: number },
  greenAnswer?: Answer,
): Promise<ColorProof> {
  const cp = await startCp();
  const apps: Upstream[] = [];
  const close = async (envoy?: RunningEnvoy) => {
    await envoy?.stop();
    await cp.close();
    for (const a of apps) await a.close();
  };
  try {
    const blue = await httpUpstream('blue');
    apps.push(blue);
    const green = await httpUpstream('green', greenAnswer ? { answer: greenAnswer } : {});
    apps.push(green);
    await createColorMesh(cp.client, { blue: blue.port, green: green.port }, weights);
    return { cp, blue, green, close };
  } catch (err) {
    await close();
    throw err;
  }
}
