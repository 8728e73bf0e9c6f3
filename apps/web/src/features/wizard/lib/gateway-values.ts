import { z } from 'zod';
import { gatewayProtocols, httpMethods, type GatewayProtocol } from '@meshwright/model';
import type { HttpMethod } from './form-values';

// The form values of a virtual gateway and its gateway routes: flat and input-shaped (numbers are NaN
// while empty), shared by the wizard's "Ingress gateway" step and the gateway pages. gateway-spec.ts
// turns them into the model's specs; the model's schemas and findings judge those.

export const pathMatchTypes = ['prefix', 'exact', 'regex'] as const;
export const hostnameMatchTypes = ['any', 'exact', 'suffix'] as const;
/** `default`: the matched prefix becomes `/`; `keep`: DISABLED; `value`: replaced by `prefixValue`. */
export const prefixRewrites = ['default', 'keep', 'value'] as const;

export interface GatewayRouteValues {
  name: string;
  type: GatewayProtocol;
  /** NaN: no priority. */
  priority: number;
  matchType: (typeof pathMatchTypes)[number];
  /** The prefix, exact path or regex, per `matchType` (HTTP kinds). */
  path: string;
  hostnameType: (typeof hostnameMatchTypes)[number];
  hostname: string;
  method: HttpMethod | '';
  /** NaN: any gateway listener (`match.port`). */
  port: number;
  /** gRPC only: the fully qualified service name; empty for any. */
  serviceName: string;
  /** The target virtual service. */
  target: string;
  /** NaN: the service's only listener. */
  targetPort: number;
  /** App Mesh's default: the Host becomes the service name. Unchecked: DISABLED. */
  rewriteHost: boolean;
  prefixRewrite: (typeof prefixRewrites)[number];
  prefixValue: string;
  /** With an exact or regex path match: the path the service sees; empty for unchanged. */
  pathRewrite: string;
}

export interface GatewayListenerValues {
  port: number;
  protocol: GatewayProtocol;
}

export interface GatewayValues {
  name: string;
  listeners: GatewayListenerValues[];
  logPath: string;
}

export function defaultGatewayRoute(target = ''): GatewayRouteValues {
  return {
    name: '',
    type: 'http',
    priority: Number.NaN,
    matchType: 'prefix',
    path: '/',
    hostnameType: 'any',
    hostname: '',
    method: '',
    port: Number.NaN,
    serviceName: '',
    target,
    targetPort: Number.NaN,
    rewriteHost: true,
    prefixRewrite: 'default',
    prefixValue: '',
    pathRewrite: '',
  };
}

export function defaultGateway(): GatewayValues {
  return { name: '', listeners: [{ port: 8080, protocol: 'http' }], logPath: '' };
}

const num = z.custom<number>((v) => typeof v === 'number', { error: 'must be a number' });

export const gatewayRouteValuesSchema: z.ZodType<GatewayRouteValues, GatewayRouteValues> = z.object({
  name: z.string(),
  type: z.enum(gatewayProtocols),
  priority: num,
  matchType: z.enum(pathMatchTypes),
  path: z.string(),
  hostnameType: z.enum(hostnameMatchTypes),
  hostname: z.string(),
  method: z.enum([...httpMethods, '']),
  port: num,
  serviceName: z.string(),
  target: z.string(),
  targetPort: num,
  rewriteHost: z.boolean(),
  prefixRewrite: z.enum(prefixRewrites),
  prefixValue: z.string(),
  pathRewrite: z.string(),
});

export const gatewayValuesSchema: z.ZodType<GatewayValues, GatewayValues> = z.object({
  name: z.string(),
  listeners: z.array(z.object({ port: num, protocol: z.enum(gatewayProtocols) })),
  logPath: z.string(),
});

/** The wizard's "Ingress gateway" step: one listener, and routes that all reach the new virtual service. */
export interface WizardGatewayValues {
  name: string;
  port: number;
  protocol: GatewayProtocol;
  routes: GatewayRouteValues[];
}

export function defaultWizardGateway(): WizardGatewayValues {
  return { name: '', port: 8080, protocol: 'http', routes: [defaultGatewayRoute()] };
}

export const wizardGatewayValuesSchema: z.ZodType<WizardGatewayValues, WizardGatewayValues> = z.object({
  name: z.string(),
  port: num,
  protocol: z.enum(gatewayProtocols),
  routes: z.array(gatewayRouteValuesSchema),
});
