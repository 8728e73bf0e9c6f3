// What a virtual gateway does with a request, route by route, in words: which Host and path each
// gateway route takes, the virtual service it reaches, and the path and Host that service sees after
// App Mesh's rewrites (by default the Host becomes the service's name and a matched prefix becomes
// `/`, which surprised App Mesh users). The console, the CLI and any other adapter ask this function.
import type { MeshModel } from '../input/mesh-model';
import { byGatewayRouteOrder } from '../resolve/gateway-order';
import { gatewayRouteKindOf, type GatewayRouteKind, type GatewayRouteSpec, type HttpGatewayRoute } from './schema';

/** The Host a route takes: any, one name, or names ending in `value`. */
export type HostMatch = { kind: 'any' } | { kind: 'exact' | 'suffix'; value: string };

/** The path a route takes; a gRPC route takes the paths of one service (`/<service>/<method>`). */
export type PathMatch = { kind: 'any' } | { kind: 'prefix' | 'exact' | 'regex' | 'grpcService'; value: string };

/** What happens to the path: matched prefix `from` replaced by `to`, whole path set, or left alone. */
export type PathRewrite = { kind: 'prefix'; from: string; to: string } | { kind: 'exact'; value: string } | { kind: 'kept' };

/** What happens to the Host: it becomes the target service's name, or stays the client's. */
export type HostRewrite = { kind: 'target'; value: string } | { kind: 'kept' };

export interface EffectiveGatewayRoute {
  gatewayRouteName: string;
  kind: GatewayRouteKind;
  /** The route's priority, when it has one (lower first). */
  priority?: number;
  /** The gateway listener port the route belongs to (`match.port`). */
  port?: number;
  host: HostMatch;
  path: PathMatch;
  /** The other conditions in words: method, headers, query parameters, gRPC metadata. */
  conditions: string[];
  /** The virtual service the requests reach. */
  virtualServiceName: string;
  /** The service listener port the route names (`action.target.port`). */
  targetPort?: number;
  /** Whether that virtual service exists in the mesh. */
  targetExists: boolean;
  pathRewrite: PathRewrite;
  hostRewrite: HostRewrite;
  /** One request and the path the service sees, for prefix matches: `/chapter/1` -> `/1`. */
  example?: { request: string; upstream: string };
  /** The whole route in one sentence, as the console shows it. */
  sentence: string;
}

type GatewayRouteItem = MeshModel['gatewayRoutes'][number];

/** Every route of `gatewayName`, in the order the gateway tries them (compile's order), with what it does to a request. Pure. */
export function effectiveGatewayRouting(model: MeshModel, gatewayName: string): EffectiveGatewayRoute[] {
  const services = new Set(model.virtualServices.map((s) => s.virtualServiceName));
  return model.gatewayRoutes
    .filter((r) => r.virtualGatewayName === gatewayName)
    .sort(byGatewayRouteOrder)
    .map((r) => effectiveRoute(r, services));
}

function httpBodyOf(spec: GatewayRouteSpec): HttpGatewayRoute | undefined {
  return spec.httpRoute ?? spec.http2Route;
}

function pathMatchOf(spec: GatewayRouteSpec): PathMatch {
  const http = httpBodyOf(spec);
  if (http) {
    const { prefix, path } = http.match;
    if (prefix !== undefined) return { kind: 'prefix', value: prefix };
    if (path?.exact !== undefined) return { kind: 'exact', value: path.exact };
    if (path?.regex !== undefined) return { kind: 'regex', value: path.regex };
    return { kind: 'any' };
  }
  const service = spec.grpcRoute?.match.serviceName;
  return service === undefined ? { kind: 'any' } : { kind: 'grpcService', value: service };
}

// A rewrite that does not fit the match (a prefix rewrite on an exact path) is left out here:
// analysis reports it, and the request is shown as it would be without it.
function pathRewriteOf(spec: GatewayRouteSpec, path: PathMatch): PathRewrite {
  const rewrite = httpBodyOf(spec)?.action.rewrite;
  if (path.kind === 'prefix') {
    if (rewrite?.prefix?.value !== undefined) return { kind: 'prefix', from: path.value, to: rewrite.prefix.value };
    return rewrite?.prefix?.defaultPrefix === 'DISABLED' ? { kind: 'kept' } : { kind: 'prefix', from: path.value, to: '/' };
  }
  if ((path.kind === 'exact' || path.kind === 'regex') && rewrite?.path?.exact !== undefined) return { kind: 'exact', value: rewrite.path.exact };
  return { kind: 'kept' };
}

function effectiveRoute(r: GatewayRouteItem, services: ReadonlySet<string>): EffectiveGatewayRoute {
  const kind = gatewayRouteKindOf(r.spec);
  const body = r.spec[kind];
  const http = httpBodyOf(r.spec);
  const match = body?.match;
  const target = body?.action.target;
  const virtualServiceName = target?.virtualService.virtualServiceName ?? '';
  const hostname = match?.hostname;
  const host: HostMatch =
    hostname?.exact !== undefined ? { kind: 'exact', value: hostname.exact } : hostname?.suffix !== undefined ? { kind: 'suffix', value: hostname.suffix } : { kind: 'any' };
  const path = pathMatchOf(r.spec);
  const pathRewrite = pathRewriteOf(r.spec, path);
  const hostRewrite: HostRewrite = body?.action.rewrite?.hostname?.defaultTargetHostname === 'DISABLED' ? { kind: 'kept' } : { kind: 'target', value: virtualServiceName };
  const conditions = http ? httpConditions(http) : grpcConditions(r.spec);
  const out: EffectiveGatewayRoute = { gatewayRouteName: r.gatewayRouteName, kind, host, path, conditions, virtualServiceName, targetExists: services.has(virtualServiceName), pathRewrite, hostRewrite, sentence: '' };
  if (r.spec.priority !== undefined) out.priority = r.spec.priority;
  if (match?.port !== undefined) out.port = match.port;
  if (target?.port !== undefined) out.targetPort = target.port;
  if (path.kind === 'prefix') out.example = prefixExample(path.value, pathRewrite);
  out.sentence = sentenceOf(out);
  return out;
}

/** A request under `prefix` and what the service sees: the rest of the path follows the new prefix, with one `/` at the joint. */
function prefixExample(prefix: string, rewrite: PathRewrite): { request: string; upstream: string } {
  const request = prefix.endsWith('/') ? `${prefix}1` : `${prefix}/1`;
  if (rewrite.kind !== 'prefix') return { request, upstream: request };
  const rest = request.slice(prefix.length);
  const upstream = rewrite.to.endsWith('/') && rest.startsWith('/') ? rewrite.to + rest.slice(1) : rewrite.to + rest;
  return { request, upstream };
}

type ValueMatch = { exact?: string | undefined; prefix?: string | undefined; suffix?: string | undefined; regex?: string | undefined; range?: { start: number; end: number } | undefined };

const valueMatch = (m: ValueMatch | undefined) =>
  m?.exact !== undefined
    ? `= ${m.exact}`
    : m?.prefix !== undefined
      ? `starting with ${m.prefix}`
      : m?.suffix !== undefined
        ? `ending with ${m.suffix}`
        : m?.regex !== undefined
          ? `matching ${m.regex}`
          : m?.range !== undefined
            ? `in ${m.range.start}-${m.range.end}`
            : 'present';

function httpConditions(http: HttpGatewayRoute): string[] {
  const { method, headers, queryParameters } = http.match;
  return [
    ...(method !== undefined ? [`method ${method}`] : []),
    ...(headers ?? []).map((h) => `header ${h.name} ${h.invert === true ? 'not ' : ''}${valueMatch(h.match)}`),
    ...(queryParameters ?? []).map((q) => (q.match?.exact !== undefined ? `query ${q.name}=${q.match.exact}` : `query ${q.name} present`)),
  ];
}

function grpcConditions(spec: GatewayRouteSpec): string[] {
  return (spec.grpcRoute?.match.metadata ?? []).map((m) => `metadata ${m.name} ${m.invert === true ? 'not ' : ''}${valueMatch(m.match)}`);
}

const hostText = (h: HostMatch) => (h.kind === 'any' ? 'any host' : h.kind === 'exact' ? h.value : `*${h.value}`);

function pathText(p: PathMatch): string {
  if (p.kind === 'prefix') return `${p.value}*`;
  if (p.kind === 'exact') return p.value;
  if (p.kind === 'regex') return `paths matching ${p.value}`;
  if (p.kind === 'grpcService') return `/${p.value}/*`;
  return 'any path';
}

/** The path the service sees, in the notation of `pathText` (`*` is the rest of the request's path). */
export function rewrittenPathText(r: Pick<EffectiveGatewayRoute, 'path' | 'pathRewrite'>): string {
  if (r.pathRewrite.kind === 'prefix') return `${r.pathRewrite.to}*`;
  if (r.pathRewrite.kind === 'exact') return r.pathRewrite.value;
  return r.path.kind === 'any' || r.path.kind === 'regex' ? 'the same path' : pathText(r.path);
}

function sentenceOf(r: EffectiveGatewayRoute): string {
  const on = r.port !== undefined ? ` on port ${r.port}` : '';
  const conditions = r.conditions.length > 0 ? ` with ${r.conditions.join(', ')}` : '';
  const service = r.targetPort !== undefined ? `${r.virtualServiceName} (port ${r.targetPort})` : r.virtualServiceName;
  const hostPart = r.hostRewrite.kind === 'target' ? `on Host ${r.hostRewrite.value}` : `on the client's Host (unchanged)`;
  return `Requests for ${hostText(r.host)} + ${pathText(r.path)}${on}${conditions} reach ${service} as ${rewrittenPathText(r)} ${hostPart}`;
}
