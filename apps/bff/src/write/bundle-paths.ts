// Where in a bundle document a finding points: virtualNodes[2].spec.listeners[0]..., for the console.
import type { ResourceId } from '@meshwright/model';

const lists = {
  virtualNode: ['virtualNodes', (i: Record<string, unknown>) => i.virtualNodeName],
  virtualRouter: ['virtualRouters', (i: Record<string, unknown>) => i.virtualRouterName],
  route: ['routes', (i: Record<string, unknown>) => `${String(i.virtualRouterName)}/${String(i.routeName)}`],
  virtualService: ['virtualServices', (i: Record<string, unknown>) => i.virtualServiceName],
  virtualGateway: ['virtualGateways', (i: Record<string, unknown>) => i.virtualGatewayName],
  gatewayRoute: ['gatewayRoutes', (i: Record<string, unknown>) => `${String(i.virtualGatewayName)}/${String(i.gatewayRouteName)}`],
} as const;

/** `path` is inside the resource's own document, as in a finding. */
export function bundleFieldPath(bundle: unknown, resource: ResourceId, path: string): string {
  const join = (base: string) => (path ? `${base}.${path}` : base);
  if (resource.kind === 'mesh') return join('mesh');
  const [listName, nameOf] = lists[resource.kind];
  const items = (bundle as Record<string, unknown> | null)?.[listName];
  const index = Array.isArray(items) ? items.findIndex((i) => typeof i === 'object' && i !== null && nameOf(i as Record<string, unknown>) === resource.name) : -1;
  // Names like "#3" come from the model for items without a usable name.
  const fallback = /^#(\d+)$/.exec(resource.name)?.[1];
  return join(`${listName}[${index >= 0 ? index : (fallback ?? '?')}]`);
}
