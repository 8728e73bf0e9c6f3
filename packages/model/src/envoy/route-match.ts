// App Mesh route matches as Envoy RouteMatch objects.
import type { GrpcRoute, HttpRouteMatch } from '../route/schema';
import { compact, type JsonObject } from './json';

type HeaderMatch = NonNullable<HttpRouteMatch['headers']>[number];

/** One App Mesh header (or gRPC metadata) match as an Envoy HeaderMatcher. */
export function headerMatcher(h: HeaderMatch): JsonObject {
  const m = h.match;
  const invert = h.invert === true ? true : undefined;
  let how: JsonObject;
  if (m?.exact !== undefined) how = { string_match: { exact: m.exact } };
  else if (m?.prefix !== undefined) how = { string_match: { prefix: m.prefix } };
  else if (m?.suffix !== undefined) how = { string_match: { suffix: m.suffix } };
  else if (m?.regex !== undefined) how = { string_match: { safe_regex: { regex: m.regex } } };
  // Envoy's range is [start, end), like App Mesh's.
  else if (m?.range !== undefined) how = { range_match: { start: String(m.range.start), end: String(m.range.end) } };
  else how = { present_match: true };
  return compact({ name: h.name, ...how, invert_match: invert });
}

export function httpRouteMatch(match: HttpRouteMatch): JsonObject {
  let path: JsonObject;
  if (match.path?.exact !== undefined) path = { path: match.path.exact };
  else if (match.path?.regex !== undefined) path = { safe_regex: { regex: match.path.regex } };
  else path = { prefix: match.prefix ?? '/' };
  const headers = (match.headers ?? []).map(headerMatcher);
  if (match.method) headers.push({ name: ':method', string_match: { exact: match.method } });
  if (match.scheme) headers.push({ name: ':scheme', string_match: { exact: match.scheme } });
  const query = (match.queryParameters ?? []).map((q): JsonObject =>
    q.match?.exact !== undefined ? { name: q.name, string_match: { exact: q.match.exact } } : { name: q.name, present_match: true },
  );
  return compact({
    ...path,
    headers: headers.length > 0 ? headers : undefined,
    query_parameters: query.length > 0 ? query : undefined,
  });
}

/** gRPC calls are POSTs to `/<service>/<method>`: service and method become the path. */
export function grpcRouteMatch(match: GrpcRoute['match']): JsonObject {
  let path: JsonObject;
  if (match.serviceName !== undefined && match.methodName !== undefined) path = { path: `/${match.serviceName}/${match.methodName}` };
  else if (match.serviceName !== undefined) path = { prefix: `/${match.serviceName}/` };
  else path = { prefix: '/' };
  const headers = (match.metadata ?? []).map(headerMatcher);
  return compact({ ...path, grpc: {}, headers: headers.length > 0 ? headers : undefined });
}
