// Rules about what a gateway route matches on, which the API schema leaves open: a path, Host or
// port to match, well-formed paths and hostnames, and the prefixes and gRPC service names App Mesh
// reserves for itself.
import type { AnalysisContext } from '../analysis/context';
import type { ResourceId } from '../analysis/finding';
import { httpMatchProblems, type HttpMatchCodes } from '../analysis/http-match-rules';
import type { GatewayRouteKind, GatewayRouteSpec } from './schema';

const gatewayMatchCodes: HttpMatchCodes = {
  prefixInvalid: 'gatewayRoute.prefix-invalid',
  matchAmbiguous: 'gatewayRoute.match-ambiguous',
  pathInvalid: 'gatewayRoute.path-invalid',
  headerRangeInvalid: 'gatewayRoute.header-range-invalid',
};

/** App Mesh refuses these prefixes and gRPC service names: they are kept for its own use. */
const reservedPrefixes = ['/aws-appmesh', '/aws-app-mesh'];
const reservedServiceNames = ['aws.app-mesh', 'aws.appmesh'];

export function checkGatewayRouteMatch(ctx: AnalysisContext, spec: GatewayRouteSpec, kind: GatewayRouteKind, resource: ResourceId): void {
  const base = `spec.${kind}.match`;
  const report = (code: Parameters<typeof ctx.report>[0]['code'], path: string, message: string) => ctx.report({ code, category: 'spec', resource, path, message });
  const http = spec.httpRoute ?? spec.http2Route;
  const match = http?.match ?? spec.grpcRoute?.match;
  if (match?.hostname !== undefined && (match.hostname.exact === undefined) === (match.hostname.suffix === undefined)) {
    report('gatewayRoute.hostname-invalid', `${base}.hostname`, 'hostname needs exactly one of exact or suffix');
  }
  if (http) {
    const m = http.match;
    // Without a prefix or path a route takes every path (of its Host, or of its port).
    if (m.prefix === undefined && m.path === undefined && m.hostname === undefined && m.port === undefined) {
      report('gatewayRoute.match-missing', base, 'needs a prefix (such as "/"), a path, a hostname or a port to match');
    }
    for (const p of httpMatchProblems(m, gatewayMatchCodes)) report(p.code, `${base}.${p.path}`, p.message);
    const reserved = m.prefix === undefined ? undefined : reservedPrefixes.find((r) => m.prefix?.startsWith(r));
    if (reserved !== undefined) {
      report('gatewayRoute.prefix-reserved', `${base}.prefix`, `prefixes starting with ${reserved} are reserved by App Mesh; choose another prefix`);
    }
  }
  const grpc = spec.grpcRoute?.match;
  if (grpc) {
    if (grpc.serviceName === undefined && grpc.hostname === undefined && grpc.metadata === undefined && grpc.port === undefined) {
      report('gatewayRoute.match-missing', base, 'needs a service name, a hostname, metadata or a port to match');
    }
    const reserved = grpc.serviceName === undefined ? undefined : reservedServiceNames.find((r) => grpc.serviceName?.startsWith(r));
    if (reserved !== undefined) {
      report('gatewayRoute.service-name-reserved', `${base}.serviceName`, `gRPC service names starting with ${reserved} are reserved by App Mesh; choose another service name`);
    }
  }
}
