// Test support: a real Envoy on a node's static bootstrap, on free loopback ports.
import { compile, toEnvoyYaml, type CompileOptions, type MeshModel } from '@meshwright/model';
import { startEnvoy, type RunningEnvoy } from './envoy';
import { freePort } from './ports';

export interface ProxyRun {
  envoy: RunningEnvoy;
  ports: { admin: number; ingress: number; egress: number; tcpEgressBase: number };
  result: ReturnType<typeof compile>;
}

/** Compiles `node`'s static bootstrap on free ports and runs a real Envoy on it. */
export async function runProxy(model: MeshModel, node: string, extra: CompileOptions = {}): Promise<ProxyRun> {
  const ports = { admin: await freePort(), ingress: await freePort(), egress: await freePort(), tcpEgressBase: await freePort() };
  const result = compile(model, node, { ...extra, mode: 'static', ports, listenerAddress: '127.0.0.1' });
  const envoy = await startEnvoy(toEnvoyYaml(result.bootstrap), ports.admin);
  return { envoy, ports, result };
}
