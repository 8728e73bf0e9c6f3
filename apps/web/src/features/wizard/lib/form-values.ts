import type { PortProtocol } from '@meshwright/model';
import { httpMethods } from '@meshwright/model';
import { defaultWizardGateway, type WizardGatewayValues } from './gateway-values';

// The wizard's form values: flat, input-shaped (numbers are NaN while empty). to-bundle.ts turns
// them into the model's bundle; validate-wizard.ts checks them with the model's schemas.

export const protocols = ['http', 'http2', 'grpc', 'tcp'] as const satisfies readonly PortProtocol[];
export const discoveryMethods = ['dns', 'cloudMap', 'none'] as const;
export type DiscoveryMethod = (typeof discoveryMethods)[number];
export const headerMatchTypes = ['exact', 'prefix', 'suffix', 'regex', 'present'] as const;
export type HeaderMatchType = (typeof headerMatchTypes)[number];
export type HttpMethod = (typeof httpMethods)[number];

export interface HealthCheckValues {
  enabled: boolean;
  protocol: PortProtocol;
  /** NaN: the listener's port. */
  port: number;
  path: string;
  healthyThreshold: number;
  unhealthyThreshold: number;
  intervalMillis: number;
  timeoutMillis: number;
}

export interface NodeValues {
  name: string;
  discovery: DiscoveryMethod;
  dnsHostname: string;
  cloudMapNamespace: string;
  cloudMapService: string;
  port: number;
  protocol: PortProtocol;
  healthCheck: HealthCheckValues;
  backends: { name: string }[];
  logPath: string;
}

export interface HeaderValues {
  name: string;
  matchType: HeaderMatchType;
  value: string;
  invert: boolean;
}

export interface TargetValues {
  node: string;
  weight: number;
}

export interface RouteValues {
  name: string;
  type: PortProtocol;
  /** NaN: no priority. */
  priority: number;
  prefix: string;
  method: HttpMethod | '';
  headers: HeaderValues[];
  /** gRPC only: the fully qualified service to match, such as `shop.Cart`; empty for any. */
  serviceName: string;
  /** gRPC only: the method to match; needs a service name. */
  methodName: string;
  targets: TargetValues[];
}

export interface RouterValues {
  name: string;
  port: number;
  protocol: PortProtocol;
}

export interface WizardValues {
  meshName: string;
  virtualServiceName: string;
  nodes: NodeValues[];
  /** Without a router the first node provides the virtual service. */
  useRouter: boolean;
  router: RouterValues;
  route: RouteValues;
  /** The optional "Ingress gateway" step: a virtual gateway whose routes reach the virtual service. */
  useGateway: boolean;
  gateway: WizardGatewayValues;
}

export function defaultHealthCheck(): HealthCheckValues {
  return {
    enabled: false,
    protocol: 'http',
    port: Number.NaN,
    path: '/health',
    healthyThreshold: 2,
    unhealthyThreshold: 2,
    intervalMillis: 5000,
    timeoutMillis: 2000,
  };
}

export function defaultNode(index: number): NodeValues {
  return {
    name: '',
    discovery: 'dns',
    dnsHostname: '',
    cloudMapNamespace: '',
    cloudMapService: '',
    port: 8080 + index,
    protocol: 'http',
    healthCheck: defaultHealthCheck(),
    backends: [],
    logPath: '',
  };
}

export function defaultHeader(): HeaderValues {
  return { name: '', matchType: 'exact', value: '', invert: false };
}

export function defaultWizardValues(): WizardValues {
  return {
    meshName: '',
    virtualServiceName: '',
    nodes: [defaultNode(0)],
    useRouter: true,
    router: { name: '', port: 8080, protocol: 'http' },
    route: {
      name: '',
      type: 'http',
      priority: Number.NaN,
      prefix: '/',
      method: '',
      headers: [],
      serviceName: '',
      methodName: '',
      targets: [{ node: '', weight: 100 }],
    },
    useGateway: false,
    gateway: defaultWizardGateway(),
  };
}
