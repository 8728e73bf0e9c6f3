// Reads the ports a deployment needs from the compiled configuration, so the redirection and the
// listeners cannot disagree: the listener names are compile's (names.ts), the ports are Envoy's own.
import type { DeployFacts, TcpEgress } from './options';

export class DeployFactsError extends Error {}

type Obj = Record<string, unknown>;
export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function portOf(address: unknown): number | undefined {
  if (!isObject(address) || !isObject(address.socket_address)) return undefined;
  const p = address.socket_address.port_value;
  return typeof p === 'number' ? p : undefined;
}

export interface FactsInput {
  meshName: string;
  nodeName: string;
  /** The node's listener ports, from its spec. */
  appPorts: number[];
  /** The node's static bootstrap (compile mode static), as JSON: its listeners carry the ports. */
  staticBootstrap: unknown;
  bootstrapYaml: string;
}

/** The admin port and listeners of a compiled static bootstrap (node or gateway). */
export function bootstrapParts(b: unknown): { adminPort: number; listeners: unknown[] } {
  if (!isObject(b)) throw new DeployFactsError('the compiled bootstrap is not an object');
  const adminPort = isObject(b.admin) ? portOf(b.admin.address) : undefined;
  if (adminPort === undefined) throw new DeployFactsError('the compiled bootstrap has no admin address');
  const listeners = isObject(b.static_resources) && Array.isArray(b.static_resources.listeners) ? b.static_resources.listeners : [];
  return { adminPort, listeners };
}

export function deployFacts(input: FactsInput): DeployFacts {
  const { adminPort, listeners } = bootstrapParts(input.staticBootstrap);
  let ingressPort: number | undefined;
  let egressPort: number | undefined;
  const tcpEgress: TcpEgress[] = [];
  for (const l of listeners) {
    if (!isObject(l) || typeof l.name !== 'string') continue;
    const port = portOf(l.address);
    if (port === undefined) continue;
    const tcp = /^lds_egress_tcp_(.+)_(\d+)$/.exec(l.name);
    if (tcp?.[1] && tcp[2]) tcpEgress.push({ service: tcp[1], port: Number(tcp[2]), listenerPort: port });
    else if (l.name.startsWith('lds_ingress_')) ingressPort = port;
    else if (l.name.startsWith('lds_egress_')) egressPort = port;
  }
  // A node without listeners or backends still gets the default ports, so redirection is stable when they are added.
  return {
    meshName: input.meshName,
    nodeName: input.nodeName,
    appPorts: [...new Set(input.appPorts)].sort((a, c) => a - c),
    adminPort,
    ingressPort: ingressPort ?? 15000,
    egressPort: egressPort ?? 15001,
    tcpEgress,
    bootstrapYaml: input.bootstrapYaml,
  };
}
