// The resources of a bundle one by one, in creation order, for the writers.
import type { ResourceKind } from '../input/cli-input';
import { qualifiedName } from '../import/qualified-name';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface BundleItem {
  kind: ResourceKind;
  name: string;
  /** Routes only: the router they belong to. */
  virtualRouterName?: string;
  /** Gateway routes only: the gateway they belong to. */
  virtualGatewayName?: string;
  spec: unknown;
  tags?: unknown[];
}

const lists = [
  ['virtualNodes', 'virtualNode', 'virtualNodeName'],
  ['virtualRouters', 'virtualRouter', 'virtualRouterName'],
  ['routes', 'route', 'routeName'],
  ['virtualServices', 'virtualService', 'virtualServiceName'],
  ['virtualGateways', 'virtualGateway', 'virtualGatewayName'],
  ['gatewayRoutes', 'gatewayRoute', 'gatewayRouteName'],
] as const;

/** `router/route` and `gateway/gatewayRoute`, the plain name otherwise: unique among its kind. */
export const itemName = (item: BundleItem): string => qualifiedName(item.kind, item.name, item.kind === 'route' ? item.virtualRouterName : item.virtualGatewayName);

/** The mesh name and every item of a bundle (bundle-shaped input, as `validateBundle` takes). */
export function bundleItems(bundle: Record<string, unknown>): { meshName: string; items: BundleItem[] } {
  const mesh = isRecord(bundle.mesh) ? bundle.mesh : {};
  const meshName = String(mesh.meshName ?? '');
  const tagsOf = (o: Record<string, unknown>) => (Array.isArray(o.tags) && o.tags.length ? { tags: o.tags as unknown[] } : {});
  const items: BundleItem[] = [{ kind: 'mesh', name: meshName, spec: mesh.spec, ...tagsOf(mesh) }];
  for (const [list, kind, nameKey] of lists) {
    for (const o of Array.isArray(bundle[list]) ? (bundle[list] as unknown[]) : []) {
      if (!isRecord(o)) continue;
      const parent = kind === 'route' ? { virtualRouterName: String(o.virtualRouterName) } : kind === 'gatewayRoute' ? { virtualGatewayName: String(o.virtualGatewayName) } : {};
      items.push({ kind, name: String(o[nameKey]), ...parent, spec: o.spec, ...tagsOf(o) });
    }
  }
  return { meshName, items };
}

/** Unique identifiers from names: `clean` keeps the characters a format allows; repeats get `<sep><n>`. */
export function uniqueIds(clean: (raw: string) => string, sep: string): (raw: string) => string {
  const used = new Map<string, number>();
  return (raw) => {
    const base = clean(raw);
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}${sep}${n}`;
  };
}
