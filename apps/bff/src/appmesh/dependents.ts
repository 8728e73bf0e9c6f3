// Who still needs a resource: App Mesh refuses to delete it while anything does (ResourceInUseException).
import { weightedTargetsOf, type RouteSpec, type VirtualServiceSpec } from '@meshwright/model';
import type { ResourceKey, StoredResource } from '../store/types';
import { describeKey } from './kinds';

/** Why `key` cannot be deleted given every resource of its mesh, or undefined when it can. */
export function blockingDependents(key: ResourceKey, meshRows: readonly StoredResource[]): string | undefined {
  const others = meshRows.filter((r) => !(r.kind === key.kind && r.name === key.name && r.parentName === key.parentName));
  const names = (rows: StoredResource[]) => rows.map((r) => (r.kind === 'route' ? `${r.parentName}/${r.name}` : r.name)).join(', ');
  const providers = (kindKey: 'virtualNode' | 'virtualRouter', nameKey: 'virtualNodeName' | 'virtualRouterName') =>
    others.filter((r) => {
      if (r.kind !== 'virtualService') return false;
      const provider = (r.spec as VirtualServiceSpec).provider?.[kindKey] as Record<string, string> | undefined;
      return provider?.[nameKey] === key.name;
    });

  switch (key.kind) {
    case 'mesh': {
      const children = others.filter((r) => r.kind !== 'mesh');
      if (children.length === 0) return undefined;
      const counts = ['virtualNode', 'virtualService', 'virtualRouter', 'route']
        .map((k) => [k, children.filter((c) => c.kind === k).length] as const)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`);
      return `${describeKey(key)} still has ${counts.join(', ')}; delete them first`;
    }
    case 'virtualNode': {
      const routes = others.filter(
        (r) => r.kind === 'route' && weightedTargetsOf(r.spec as RouteSpec).some((t) => t.virtualNode === key.name),
      );
      const services = providers('virtualNode', 'virtualNodeName');
      if (routes.length > 0) return `${describeKey(key)} is a target of route ${names(routes)}`;
      if (services.length > 0) return `${describeKey(key)} is the provider of virtual service ${names(services)}`;
      return undefined;
    }
    case 'virtualRouter': {
      const routes = others.filter((r) => r.kind === 'route' && r.parentName === key.name);
      const services = providers('virtualRouter', 'virtualRouterName');
      if (routes.length > 0) return `${describeKey(key)} still has route ${names(routes)}; delete the routes first`;
      if (services.length > 0) return `${describeKey(key)} is the provider of virtual service ${names(services)}`;
      return undefined;
    }
    default:
      return undefined;
  }
}
