// What the compiled configuration says about one virtual gateway's proxy: a standalone Envoy with
// no app beside it and no redirection, so only its listener ports and admin port matter.
import { bootstrapParts, isObject, portOf } from './facts';

export interface GatewayFacts {
  meshName: string;
  gatewayName: string;
  /** The ports Envoy listens on for the gateway's listeners, as compile bound them (left-out listeners are absent). */
  listenerPorts: number[];
  adminPort: number;
  /** The ADS bootstrap Envoy starts from (YAML text). */
  bootstrapYaml: string;
}

export interface GatewayFactsInput {
  meshName: string;
  gatewayName: string;
  /** The gateway's static bootstrap (compile mode static), as JSON. */
  staticBootstrap: unknown;
  bootstrapYaml: string;
}

export function gatewayFacts(input: GatewayFactsInput): GatewayFacts {
  const { adminPort, listeners } = bootstrapParts(input.staticBootstrap);
  const ports = new Set<number>();
  for (const l of listeners) {
    if (!isObject(l) || typeof l.name !== 'string' || !l.name.startsWith('lds_ingress_')) continue;
    const port = portOf(l.address);
    if (port !== undefined) ports.add(port);
  }
  return { meshName: input.meshName, gatewayName: input.gatewayName, listenerPorts: [...ports].sort((a, c) => a - c), adminPort, bootstrapYaml: input.bootstrapYaml };
}
