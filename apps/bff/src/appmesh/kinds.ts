// What differs between the five resource kinds: names of members, operations and ARN segments.
import type { ResourceKind } from '@meshwright/model';
import type { ResourceKey } from '../store/types';

export interface KindInfo {
  kind: ResourceKind;
  /** Operation suffix: CreateVirtualNode, ListVirtualNodes. */
  opName: string;
  listOpName: string;
  /** The member holding the resource's own name. */
  nameMember: 'meshName' | 'virtualNodeName' | 'virtualServiceName' | 'virtualRouterName' | 'routeName' | 'virtualGatewayName' | 'gatewayRouteName';
  /** The list output member, e.g. virtualNodes. */
  listMember: string;
  /** ARN segment after mesh/<m>/ (routes nest under their router). */
  arnSegment: string;
  /** For messages: "virtual node". */
  label: string;
}

export const kinds: Record<ResourceKind, KindInfo> = {
  mesh: { kind: 'mesh', opName: 'Mesh', listOpName: 'Meshes', nameMember: 'meshName', listMember: 'meshes', arnSegment: '', label: 'mesh' },
  virtualNode: {
    kind: 'virtualNode',
    opName: 'VirtualNode',
    listOpName: 'VirtualNodes',
    nameMember: 'virtualNodeName',
    listMember: 'virtualNodes',
    arnSegment: 'virtualNode',
    label: 'virtual node',
  },
  virtualService: {
    kind: 'virtualService',
    opName: 'VirtualService',
    listOpName: 'VirtualServices',
    nameMember: 'virtualServiceName',
    listMember: 'virtualServices',
    arnSegment: 'virtualService',
    label: 'virtual service',
  },
  virtualRouter: {
    kind: 'virtualRouter',
    opName: 'VirtualRouter',
    listOpName: 'VirtualRouters',
    nameMember: 'virtualRouterName',
    listMember: 'virtualRouters',
    arnSegment: 'virtualRouter',
    label: 'virtual router',
  },
  route: { kind: 'route', opName: 'Route', listOpName: 'Routes', nameMember: 'routeName', listMember: 'routes', arnSegment: 'route', label: 'route' },
  virtualGateway: {
    kind: 'virtualGateway',
    opName: 'VirtualGateway',
    listOpName: 'VirtualGateways',
    nameMember: 'virtualGatewayName',
    listMember: 'virtualGateways',
    arnSegment: 'virtualGateway',
    label: 'virtual gateway',
  },
  gatewayRoute: {
    kind: 'gatewayRoute',
    opName: 'GatewayRoute',
    listOpName: 'GatewayRoutes',
    nameMember: 'gatewayRouteName',
    listMember: 'gatewayRoutes',
    arnSegment: 'gatewayRoute',
    label: 'gateway route',
  },
};

/** The inputs every per-resource operation carries: the names that locate it. */
export interface ResourceNames {
  meshName: string;
  virtualRouterName?: string | undefined;
  [member: string]: unknown;
}

export function keyOf(kind: ResourceKind, input: ResourceNames): ResourceKey {
  const name = kind === 'mesh' ? input.meshName : String(input[kinds[kind].nameMember]);
  return { kind, meshName: input.meshName, parentName: kind === 'route' ? (input.virtualRouterName ?? '') : '', name };
}

export const meshKey = (meshName: string): ResourceKey => ({ kind: 'mesh', meshName, parentName: '', name: meshName });
export const routerKey = (meshName: string, name: string): ResourceKey => ({ kind: 'virtualRouter', meshName, parentName: '', name });

/** "virtual node web in mesh shop", "route r1 of virtual router vr in mesh shop". */
export function describeKey(key: ResourceKey): string {
  if (key.kind === 'mesh') return `mesh ${key.name}`;
  const parent = key.kind === 'route' ? ` of virtual router ${key.parentName}` : '';
  return `${kinds[key.kind].label} ${key.name}${parent} in mesh ${key.meshName}`;
}

/** The analysis names routes `<router>/<route>`. */
export function findingName(key: ResourceKey): string {
  return key.kind === 'route' ? `${key.parentName}/${key.name}` : key.name;
}
