import type { RouteKind, RouteSpec } from './schema';
import type { AnalysisContext } from '../analysis/context';
import type { ResourceId } from '../analysis/finding';
import { httpMatchProblems, type HttpMatchCodes } from '../analysis/http-match-rules';

const routeMatchCodes: HttpMatchCodes = {
  prefixInvalid: 'route.prefix-invalid',
  matchAmbiguous: 'route.match-ambiguous',
  pathInvalid: 'route.path-invalid',
  headerRangeInvalid: 'route.header-range-invalid',
};

/** Retry events App Mesh accepts for HTTP; compile maps each to Envoy `retry_on` words. */
export const httpRetryEventNames = ['server-error', 'gateway-error', 'client-error', 'stream-error'] as const;

/** Rules about what a route matches on and how it retries, which the API schema leaves open. */
export function checkRouteMatch(ctx: AnalysisContext, spec: RouteSpec, kind: RouteKind, resource: ResourceId): void {
  const http = spec.httpRoute ?? spec.http2Route;
  if (http) {
    const { match } = http;
    const base = `spec.${kind}.match`;
    // A match with only a port takes every path on that port (App Mesh's howto-multiple-listeners does this).
    if (match.prefix === undefined && match.path === undefined && match.port === undefined) {
      ctx.report({ code: 'route.match-missing', category: 'spec', resource, path: base, message: 'needs a prefix (such as "/"), a path or a port to match' });
    }
    for (const p of httpMatchProblems(match, routeMatchCodes)) ctx.report({ code: p.code, category: 'spec', resource, path: `${base}.${p.path}`, message: p.message });
    http.retryPolicy?.httpRetryEvents?.forEach((e, i) => {
      if (!(httpRetryEventNames as readonly string[]).includes(e)) {
        ctx.report({
          code: 'route.retry-event-unknown',
          category: 'spec',
          resource,
          path: `spec.${kind}.retryPolicy.httpRetryEvents[${i}]`,
          message: `unknown retry event "${e}"; use ${httpRetryEventNames.join(', ')}`,
        });
      }
    });
  }
  const grpc = spec.grpcRoute;
  if (grpc) {
    if (grpc.match.methodName !== undefined && grpc.match.serviceName === undefined) {
      ctx.report({ code: 'route.grpc-method-without-service', category: 'spec', resource, path: 'spec.grpcRoute.match.methodName', message: 'a method name needs a service name' });
    }
    grpc.retryPolicy?.httpRetryEvents?.forEach((e, i) => {
      if (!(httpRetryEventNames as readonly string[]).includes(e)) {
        ctx.report({ code: 'route.retry-event-unknown', category: 'spec', resource, path: `spec.grpcRoute.retryPolicy.httpRetryEvents[${i}]`, message: `unknown retry event "${e}"; use ${httpRetryEventNames.join(', ')}` });
      }
    });
  }
}
