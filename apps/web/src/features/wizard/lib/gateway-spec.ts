import { gatewayRouteKindOf, type GatewayRouteSpec, type HttpGatewayRoute, type VirtualGatewaySpec } from '@meshwright/model';
import type { GatewayRouteValues, GatewayValues } from './gateway-values';

// Pure: gateway form values <-> the model's specs. Empty optional inputs are left out; required numbers
// pass through as they are (NaN included) so the model's schemas report them at their field. Edits
// keep what the form does not show (TLS, health checks, headers, query parameters, metadata).

const isSet = (n: number) => !Number.isNaN(n);
const trimmed = (s: string) => s.trim();

export function gatewaySpecFromValues(v: GatewayValues): VirtualGatewaySpec {
  const spec: VirtualGatewaySpec = { listeners: v.listeners.map((l) => ({ portMapping: { port: l.port, protocol: l.protocol } })) };
  if (trimmed(v.logPath)) spec.logging = { accessLog: { file: { path: trimmed(v.logPath) } } };
  return spec;
}

export function gatewayValuesFromSpec(name: string, spec: VirtualGatewaySpec): GatewayValues {
  return { name, listeners: spec.listeners.map((l) => ({ port: l.portMapping.port, protocol: l.portMapping.protocol })), logPath: spec.logging?.accessLog?.file?.path ?? '' };
}

/** The edited gateway: ports and protocols from the form; each listener's health check, pool and TLS kept by position. */
export function mergeGatewaySpec(original: VirtualGatewaySpec, v: GatewayValues): VirtualGatewaySpec {
  const edited = gatewaySpecFromValues(v);
  const merged: VirtualGatewaySpec = { ...original, listeners: edited.listeners.map((l, i) => ({ ...original.listeners[i], portMapping: l.portMapping })) };
  if (edited.logging) merged.logging = { ...original.logging, accessLog: edited.logging.accessLog };
  else delete merged.logging;
  return merged;
}

function hostnameOf(v: GatewayRouteValues) {
  return v.hostnameType === 'any' ? undefined : { [v.hostnameType]: trimmed(v.hostname) };
}

function httpRouteOf(v: GatewayRouteValues, target: HttpGatewayRoute['action']['target']): HttpGatewayRoute {
  const match: HttpGatewayRoute['match'] = {};
  const path = trimmed(v.path);
  if (v.matchType === 'prefix') match.prefix = path;
  else match.path = { [v.matchType]: path };
  const hostname = hostnameOf(v);
  if (hostname) match.hostname = hostname;
  if (v.method) match.method = v.method;
  if (isSet(v.port)) match.port = v.port;
  const rewrite: NonNullable<HttpGatewayRoute['action']['rewrite']> = {};
  if (!v.rewriteHost) rewrite.hostname = { defaultTargetHostname: 'DISABLED' };
  if (v.matchType === 'prefix' && v.prefixRewrite === 'keep') rewrite.prefix = { defaultPrefix: 'DISABLED' };
  if (v.matchType === 'prefix' && v.prefixRewrite === 'value') rewrite.prefix = { value: trimmed(v.prefixValue) };
  if (v.matchType !== 'prefix' && trimmed(v.pathRewrite)) rewrite.path = { exact: trimmed(v.pathRewrite) };
  return Object.keys(rewrite).length > 0 ? { match, action: { target, rewrite } } : { match, action: { target } };
}

/** A gateway route spec from the route's fields; the type picks httpRoute, http2Route or grpcRoute. */
export function gatewayRouteSpecFromValues(v: GatewayRouteValues): GatewayRouteSpec {
  const target: HttpGatewayRoute['action']['target'] = { virtualService: { virtualServiceName: trimmed(v.target) } };
  if (isSet(v.targetPort)) target.port = v.targetPort;
  const spec: GatewayRouteSpec = {};
  if (isSet(v.priority)) spec.priority = v.priority;
  if (v.type !== 'grpc') {
    spec[v.type === 'http2' ? 'http2Route' : 'httpRoute'] = httpRouteOf(v, target);
    return spec;
  }
  const match: NonNullable<GatewayRouteSpec['grpcRoute']>['match'] = {};
  if (trimmed(v.serviceName)) match.serviceName = trimmed(v.serviceName);
  const hostname = hostnameOf(v);
  if (hostname) match.hostname = hostname;
  if (isSet(v.port)) match.port = v.port;
  spec.grpcRoute = v.rewriteHost ? { match, action: { target } } : { match, action: { target, rewrite: { hostname: { defaultTargetHostname: 'DISABLED' } } } };
  return spec;
}

export function gatewayRouteValuesFromSpec(name: string, spec: GatewayRouteSpec): GatewayRouteValues {
  const kind = gatewayRouteKindOf(spec);
  const http = spec.httpRoute ?? spec.http2Route;
  const body = spec[kind];
  const match = body?.match;
  const rewrite = http?.action.rewrite;
  const path = http?.match.path;
  const matchType = http?.match.prefix !== undefined || !path ? 'prefix' : path.regex !== undefined ? 'regex' : 'exact';
  return {
    name,
    type: kind === 'grpcRoute' ? 'grpc' : kind === 'http2Route' ? 'http2' : 'http',
    priority: spec.priority ?? Number.NaN,
    matchType,
    path: http?.match.prefix ?? path?.exact ?? path?.regex ?? '/',
    hostnameType: match?.hostname?.exact !== undefined ? 'exact' : match?.hostname?.suffix !== undefined ? 'suffix' : 'any',
    hostname: match?.hostname?.exact ?? match?.hostname?.suffix ?? '',
    method: http?.match.method ?? '',
    port: match?.port ?? Number.NaN,
    serviceName: spec.grpcRoute?.match.serviceName ?? '',
    target: body?.action.target.virtualService.virtualServiceName ?? '',
    targetPort: body?.action.target.port ?? Number.NaN,
    rewriteHost: body?.action.rewrite?.hostname?.defaultTargetHostname !== 'DISABLED',
    prefixRewrite: rewrite?.prefix?.value !== undefined ? 'value' : rewrite?.prefix?.defaultPrefix === 'DISABLED' ? 'keep' : 'default',
    prefixValue: rewrite?.prefix?.value ?? '',
    pathRewrite: rewrite?.path?.exact ?? '',
  };
}

/** The edited gateway route: what the form shows from the form; headers, query parameters and metadata kept while the kind stays. */
export function mergeGatewayRouteSpec(original: GatewayRouteSpec, v: GatewayRouteValues): GatewayRouteSpec {
  const edited = gatewayRouteSpecFromValues(v);
  const before = original.httpRoute ?? original.http2Route;
  const http = edited.httpRoute ?? edited.http2Route;
  if (http && before) {
    const { headers, queryParameters } = before.match;
    if (headers) http.match.headers = headers;
    if (queryParameters) http.match.queryParameters = queryParameters;
  }
  const metadata = original.grpcRoute?.match.metadata;
  if (edited.grpcRoute && metadata) edited.grpcRoute.match.metadata = metadata;
  return edited;
}

/** A path inside a gateway route spec (`['httpRoute', 'match', 'prefix']`) -> the route form field. */
export function gatewayRouteSpecField(spec: (string | number)[]): string {
  const [head, section, sub, key] = spec;
  if (head === 'priority') return 'priority';
  if (head === undefined || section === undefined) return 'type';
  if (section === 'action') {
    if (sub === 'target') return key === 'port' ? 'targetPort' : 'target';
    if (sub === 'rewrite') return key === 'hostname' ? 'rewriteHost' : key === 'path' ? 'pathRewrite' : spec.includes('value') ? 'prefixValue' : 'prefixRewrite';
    return 'target';
  }
  if (sub === 'prefix' || sub === 'path') return 'path';
  if (sub === 'hostname') return 'hostname';
  if (sub === 'method' || sub === 'port' || sub === 'serviceName') return sub;
  return 'path';
}

/** A path inside a virtual gateway spec -> the gateway form field. */
export function gatewaySpecField(spec: (string | number)[]): string {
  const [head, index, member, key] = spec;
  if (head === 'listeners' && typeof index === 'number') return member === 'portMapping' && key === 'protocol' ? `listeners.${index}.protocol` : `listeners.${index}.port`;
  if (head === 'logging') return 'logPath';
  return head === 'listeners' ? 'listeners' : 'name';
}
