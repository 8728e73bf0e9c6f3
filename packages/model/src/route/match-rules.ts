import type { RouteKind, RouteSpec } from './schema';
import type { AnalysisContext } from '../analysis/context';
import type { ResourceId } from '../analysis/finding';

/** Retry events App Mesh accepts for HTTP; compile maps each to Envoy `retry_on` words. */
export const httpRetryEventNames = ['server-error', 'gateway-error', 'client-error', 'stream-error'] as const;

/** Rules about what a route matches on and how it retries, which the API schema leaves open. */
export function checkRouteMatch(ctx: AnalysisContext, spec: RouteSpec, kind: RouteKind, resource: ResourceId): void {
  const http = spec.httpRoute ?? spec.http2Route;
  if (http) {
    const { match } = http;
    const base = `spec.${kind}.match`;
    if (match.prefix !== undefined && !match.prefix.startsWith('/')) {
      ctx.report({ code: 'route.prefix-invalid', category: 'spec', resource, path: `${base}.prefix`, message: `prefix must start with "/" (got "${match.prefix}")` });
    }
    if (match.prefix === undefined && match.path === undefined) {
      ctx.report({ code: 'route.match-missing', category: 'spec', resource, path: base, message: 'needs a prefix (such as "/") or a path to match' });
    }
    if (match.prefix !== undefined && match.path !== undefined) {
      ctx.report({ code: 'route.match-ambiguous', category: 'spec', resource, path: `${base}.path`, message: 'set either prefix or path, not both' });
    }
    if (match.path !== undefined && (match.path.exact === undefined) === (match.path.regex === undefined)) {
      ctx.report({ code: 'route.path-invalid', category: 'spec', resource, path: `${base}.path`, message: 'path needs exactly one of exact or regex' });
    }
    if (match.path?.exact !== undefined && !match.path.exact.startsWith('/')) {
      ctx.report({ code: 'route.path-invalid', category: 'spec', resource, path: `${base}.path.exact`, message: 'an exact path must start with "/"' });
    }
    match.headers?.forEach((h, i) => {
      const range = h.match?.range;
      if (range && range.start >= range.end) {
        ctx.report({ code: 'route.header-range-invalid', category: 'spec', resource, path: `${base}.headers[${i}].match.range`, message: `range start ${range.start} must be below end ${range.end}` });
      }
    });
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
