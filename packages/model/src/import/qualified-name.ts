// Routes live in a router and gateway routes in a gateway: their names are only unique within the
// parent, so reports, diffs and file names qualify them as `parent/name`, as findings do.
import type { ResourceKind } from '../input/cli-input';

/** The CLI-input member naming a child's parent, for the kinds that have one. */
export const parentMembers = { route: 'virtualRouterName', gatewayRoute: 'virtualGatewayName' } as const;
export type ChildKind = keyof typeof parentMembers;
export const parentKinds = { route: 'virtualRouter', gatewayRoute: 'virtualGateway' } as const;

export const hasParent = (kind: ResourceKind): kind is ChildKind => kind in parentMembers;

/** `router/route`, `gateway/gatewayRoute`, or the plain name for every other kind. */
export function qualifiedName(kind: ResourceKind, name: string, parent: unknown): string {
  return hasParent(kind) ? `${String(parent)}/${name}` : name;
}
