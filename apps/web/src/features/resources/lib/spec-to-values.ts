import { routeKindOf, type RouteSpec, type VirtualNodeSpec } from '@meshwright/model';
import { defaultHealthCheck, defaultNode, type HeaderMatchType, type NodeValues, type RouteValues } from '../../wizard/lib/form-values';
import { nodeSpecFromValues, routeSpecFromValues } from '../../wizard/lib/to-bundle';

// Pure: an existing spec -> the wizard's field values (so the edit pages use the same fields), and
// the edited values -> a spec that keeps every part the form does not show (TLS, timeouts, ...).

export function nodeValuesFromSpec(name: string, spec: VirtualNodeSpec): NodeValues {
  const values = defaultNode(0);
  values.name = name;
  const listener = spec.listeners?.[0];
  const sd = spec.serviceDiscovery;
  values.discovery = sd?.dns ? 'dns' : sd?.awsCloudMap ? 'cloudMap' : 'none';
  values.dnsHostname = sd?.dns?.hostname ?? '';
  values.cloudMapNamespace = sd?.awsCloudMap?.namespaceName ?? '';
  values.cloudMapService = sd?.awsCloudMap?.serviceName ?? '';
  if (listener) {
    values.port = listener.portMapping.port;
    values.protocol = listener.portMapping.protocol;
    const hc = listener.healthCheck;
    if (hc) {
      values.healthCheck = {
        ...defaultHealthCheck(),
        enabled: true,
        protocol: hc.protocol,
        port: hc.port ?? Number.NaN,
        path: hc.path ?? '',
        healthyThreshold: hc.healthyThreshold,
        unhealthyThreshold: hc.unhealthyThreshold,
        intervalMillis: hc.intervalMillis,
        timeoutMillis: hc.timeoutMillis,
      };
    }
  }
  values.backends = (spec.backends ?? []).flatMap((b) => (b.virtualService ? [{ name: b.virtualService.virtualServiceName }] : []));
  values.logPath = spec.logging?.accessLog?.file?.path ?? '';
  return values;
}

/** The edited node spec: the form's parts replaced, the rest of the original kept. */
export function mergeNodeSpec(original: VirtualNodeSpec, values: NodeValues): VirtualNodeSpec {
  const edited = nodeSpecFromValues(values);
  const merged: VirtualNodeSpec = { ...original };
  delete merged.listeners;
  delete merged.serviceDiscovery;
  delete merged.backends;
  delete merged.logging;
  const first = edited.listeners?.[0];
  if (first) {
    const before = original.listeners?.[0];
    const listener = { ...before, ...first };
    if (!first.healthCheck) delete listener.healthCheck;
    merged.listeners = [listener, ...(original.listeners?.slice(1) ?? [])];
  }
  if (edited.serviceDiscovery) {
    const sd = edited.serviceDiscovery;
    const before = original.serviceDiscovery;
    merged.serviceDiscovery = sd.dns ? { dns: { ...before?.dns, ...sd.dns } } : sd.awsCloudMap ? { awsCloudMap: { ...before?.awsCloudMap, ...sd.awsCloudMap } } : sd;
  }
  if (edited.backends) {
    merged.backends = edited.backends.map((b) => original.backends?.find((o) => o.virtualService?.virtualServiceName === b.virtualService?.virtualServiceName) ?? b);
  }
  if (edited.logging?.accessLog?.file) {
    merged.logging = { accessLog: { file: { ...original.logging?.accessLog?.file, path: edited.logging.accessLog.file.path } } };
  }
  return merged;
}

export function routeValuesFromSpec(name: string, spec: RouteSpec): RouteValues {
  const kind = routeKindOf(spec);
  const type = kind === 'http2Route' ? 'http2' : kind === 'grpcRoute' ? 'grpc' : kind === 'tcpRoute' ? 'tcp' : 'http';
  const http = spec.httpRoute ?? spec.http2Route;
  const action = (spec[kind] ?? spec.httpRoute)?.action;
  return {
    name,
    type,
    priority: spec.priority ?? Number.NaN,
    prefix: http?.match.prefix ?? '/',
    method: http?.match.method ?? '',
    headers: (http?.match.headers ?? []).map((h) => {
      const match = h.match ?? {};
      const matchType = (['exact', 'prefix', 'suffix', 'regex'] as const).find((k) => match[k] !== undefined);
      const value = matchType ? match[matchType] : undefined;
      return { name: h.name, matchType: (matchType ?? 'present') as HeaderMatchType, value: typeof value === 'string' ? value : '', invert: h.invert ?? false };
    }),
    targets: (action?.weightedTargets ?? []).map((t) => ({ node: t.virtualNode, weight: t.weight })),
  };
}

/** The edited route spec: match and targets from the form, retry policy, timeouts and the rest kept. */
export function mergeRouteSpec(original: RouteSpec, values: RouteValues): RouteSpec {
  const edited = routeSpecFromValues(values);
  const merged: RouteSpec = {};
  if (edited.priority !== undefined) merged.priority = edited.priority;
  const http = edited.httpRoute ?? edited.http2Route;
  if (http) {
    const before = original.httpRoute ?? original.http2Route;
    const match = { ...before?.match, ...http.match };
    if (!http.match.headers) delete match.headers;
    if (!http.match.method) delete match.method;
    merged[edited.http2Route ? 'http2Route' : 'httpRoute'] = { ...before, ...http, match };
  } else if (edited.grpcRoute) {
    merged.grpcRoute = { ...original.grpcRoute, action: edited.grpcRoute.action, match: original.grpcRoute?.match ?? {} };
  } else if (edited.tcpRoute) {
    merged.tcpRoute = { ...original.tcpRoute, action: edited.tcpRoute.action };
  }
  return merged;
}
