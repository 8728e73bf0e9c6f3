// Test support: a real Envoy on a virtual gateway's static bootstrap, on loopback.
import { compileGateway, toEnvoyYaml, type CompileOptions, type MeshModel } from '@meshwright/model';
import { startEnvoy, type RunningEnvoy } from './envoy';
import { freePort } from './ports';

export interface GatewayRun {
  envoy: RunningEnvoy;
  /** Admin and the gateway's loopback egress (ADR 006); the gateway's listeners are on the ports its spec names. */
  ports: { admin: number; egress: number };
  result: ReturnType<typeof compileGateway>;
}

/**
 * Compiles `gateway`'s static bootstrap (listeners on 127.0.0.1; admin and egress on free ports, so
 * gateways run side by side) and runs a real Envoy on it.
 */
export async function runGateway(model: MeshModel, gateway: string, extra: CompileOptions = {}): Promise<GatewayRun> {
  const ports = { admin: await freePort(), egress: await freePort() };
  const result = compileGateway(model, gateway, { ...extra, mode: 'static', ports: { ...extra.ports, ...ports }, listenerAddress: '127.0.0.1' });
  const envoy = await startEnvoy(toEnvoyYaml(result.bootstrap), ports.admin);
  return { envoy, ports, result };
}
