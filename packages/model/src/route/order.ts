import type { RouteSpec } from './schema';

/** Routes without a priority come after every route with one, as in App Mesh. */
export const UNSET_PRIORITY = 1001;

/**
 * The order a router evaluates its routes in: priority (0 first), then name, so the result never
 * depends on storage order. Analysis and compile both use it.
 */
export function sortRoutesByPriority<T extends { routeName: string; spec: RouteSpec }>(routes: readonly T[]): T[] {
  return [...routes].sort(
    (a, b) =>
      (a.spec.priority ?? UNSET_PRIORITY) - (b.spec.priority ?? UNSET_PRIORITY) ||
      (a.routeName < b.routeName ? -1 : a.routeName > b.routeName ? 1 : 0),
  );
}
