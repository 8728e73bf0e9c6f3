// Rules about a gateway route's rewrites, which must fit its match: a prefix rewrite replaces a
// matched prefix, a path rewrite replaces a whole (exact or regex) path. The value rules are the ones
// App Mesh's CDK constructs state for the API: a prefix value starts and ends with "/", and so does
// the prefix it replaces; an exact path starts with "/".
import type { AnalysisContext } from '../analysis/context';
import type { ResourceId } from '../analysis/finding';
import type { GatewayRouteKind, HttpGatewayRoute } from './schema';

export function checkGatewayRouteRewrite(ctx: AnalysisContext, http: HttpGatewayRoute, kind: GatewayRouteKind, resource: ResourceId): void {
  const rewrite = http.action.rewrite;
  if (!rewrite) return;
  const base = `spec.${kind}.action.rewrite`;
  const report = (code: 'gatewayRoute.rewrite-mismatch' | 'gatewayRoute.rewrite-invalid', path: string, message: string) =>
    ctx.report({ code, category: 'spec', resource, path, message });
  const { prefix, path } = http.match;
  const matchKind = prefix !== undefined ? 'prefix' : path?.exact !== undefined ? 'exact path' : path?.regex !== undefined ? 'regex path' : undefined;
  if (rewrite.prefix !== undefined && prefix === undefined) {
    const on = matchKind === undefined ? 'a match without a prefix' : `an ${matchKind} match`;
    report('gatewayRoute.rewrite-mismatch', `${base}.prefix`, `a prefix rewrite only applies to a prefix match, not ${on}; use rewrite.path with a path match, or match a prefix`);
  }
  if (rewrite.path !== undefined && path === undefined) {
    const on = matchKind === undefined ? 'a match without a path' : 'a prefix match';
    report('gatewayRoute.rewrite-mismatch', `${base}.path`, `a path rewrite only applies to an exact or regex path match, not ${on}; use rewrite.prefix with a prefix match`);
  }
  const value = rewrite.prefix?.value;
  if (value !== undefined && prefix !== undefined) {
    if (!value.startsWith('/') || !value.endsWith('/')) {
      report('gatewayRoute.rewrite-invalid', `${base}.prefix.value`, `a prefix rewrite must start and end with "/" (got "${value}")`);
    }
    if (!prefix.endsWith('/')) {
      report('gatewayRoute.rewrite-invalid', `${base}.prefix.value`,
        `with a prefix rewrite the matched prefix must end with "/" too (got "${prefix}"), so the rest of the path keeps its "/"; match "${prefix}/"`);
    }
  }
  const exact = rewrite.path?.exact;
  if (exact !== undefined && !exact.startsWith('/')) {
    report('gatewayRoute.rewrite-invalid', `${base}.path.exact`, `a rewritten path must start with "/" (got "${exact}")`);
  }
}
