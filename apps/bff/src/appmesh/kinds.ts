// What differs between the seven resource kinds: names of members, operations, ARN segments and parents.
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
  /** ARN segment after mesh/<m>/ (or after the parent's segment and name for a nested kind). */
  arnSegment: string;
  /** For messages: "virtual node". */
  label: string;
  /** The kind a nested resource lives in (a route in its router, a gateway route in its gateway). */
  parent?: ParentKind;
}

export type ParentKind = 'virtualRouter' | 'virtualGateway';

/** The member naming the parent of a nested resource: virtualRouterName, virtualGatewayName. */
export const parentMember = { virtualRouter: 'virtualRouterName', virtualGateway: 'virtualGatewayName' } as const;

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
  route: { kind: 'route', opName: 'Route', listOpName: 'Routes', nameMember: 'routeName', listMember: 'routes', arnSegment: 'route', label: 'route', parent: 'virtualRouter' },
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
    parent: 'virtualGateway',
  },
};

/** The inputs every per-resource operation carries: the names that locate it. */
export interface ResourceNames {
  meshName: string;
  virtualRouterName?: string | undefined;
  virtualGatewayName?: string | undefined;
  [member: string]: unknown;
}

/** The parent's name a nested kind's input carries; '' for the kinds that sit directly in a mesh. */
export function parentNameOf(kind: ResourceKind, input: ResourceNames): string {
  const parent = kinds[kind].parent;
  return parent ? String(input[parentMember[parent]] ?? '') : '';
}

export function keyOf(kind: ResourceKind, input: ResourceNames): ResourceKey {
  const name = kind === 'mesh' ? input.meshName : String(input[kinds[kind].nameMember]);
  return { kind, meshName: input.meshName, parentName: parentNameOf(kind, input), name };
}

export const meshKey = (meshName: string): ResourceKey => ({ kind: 'mesh', meshName, parentName: '', name: meshName });

/** The key of the router of a route, the gateway of a gateway route; undefined for other kinds. */
export function parentKey(key: ResourceKey): ResourceKey | undefined {
  const parent = kinds[key.kind].parent;
  return parent ? { kind: parent, meshName: key.meshName, parentName: '', name: key.parentName } : undefined;
}

/** "virtual node web in mesh shop", "route r1 of virtual router vr in mesh shop". */
export function describeKey(key: ResourceKey): string {
  if (key.kind === 'mesh') return `mesh ${key.name}`;
  const parent = kinds[key.kind].parent;
  const of = parent ? ` of ${kinds[parent].label} ${key.parentName}` : '';
  return `${kinds[key.kind].label} ${key.name}${of} in mesh ${key.meshName}`;
}

/** The analysis names nested resources `<parent>/<name>`: `<router>/<route>`, `<gateway>/<gateway route>`. */
export function findingName(key: ResourceKey): string {
  return kinds[key.kind].parent ? `${key.parentName}/${key.name}` : key.name;
}
