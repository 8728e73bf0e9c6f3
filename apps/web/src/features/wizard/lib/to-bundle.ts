import type { Bundle, HealthCheckPolicy, RouteSpec, VirtualNodeSpec } from '@meshwright/model';
import type { HeaderValues, NodeValues, RouteValues, WizardValues } from './form-values';
import { gatewayRouteSpecFromValues } from './gateway-spec';

// Pure: wizard form values -> the model's bundle. Empty optional inputs are left out; required
// numbers pass through as they are (NaN included) so the model's schemas report them at their field.

const isSet = (n: number) => !Number.isNaN(n);
const trimmed = (s: string) => s.trim();

function healthCheckOf(node: NodeValues): HealthCheckPolicy {
  const hc = node.healthCheck;
  const policy: HealthCheckPolicy = {
    healthyThreshold: hc.healthyThreshold,
    intervalMillis: hc.intervalMillis,
    protocol: hc.protocol,
    timeoutMillis: hc.timeoutMillis,
    unhealthyThreshold: hc.unhealthyThreshold,
  };
  if (isSet(hc.port)) policy.port = hc.port;
  if ((hc.protocol === 'http' || hc.protocol === 'http2') && trimmed(hc.path)) policy.path = trimmed(hc.path);
  return policy;
}

/** A virtual node spec from the node's fields. */
export function nodeSpecFromValues(node: NodeValues): VirtualNodeSpec {
  const spec: VirtualNodeSpec = {};
  if (node.discovery !== 'none') {
    const listener: NonNullable<VirtualNodeSpec['listeners']>[number] = {
      portMapping: { port: node.port, protocol: node.protocol },
    };
    if (node.healthCheck.enabled) listener.healthCheck = healthCheckOf(node);
    spec.listeners = [listener];
    spec.serviceDiscovery =
      node.discovery === 'dns'
        ? { dns: { hostname: trimmed(node.dnsHostname) } }
        : { awsCloudMap: { namespaceName: trimmed(node.cloudMapNamespace), serviceName: trimmed(node.cloudMapService) } };
  }
  if (node.backends.length > 0) {
    spec.backends = node.backends.map((b) => ({ virtualService: { virtualServiceName: trimmed(b.name) } }));
  }
  if (trimmed(node.logPath)) spec.logging = { accessLog: { file: { path: trimmed(node.logPath) } } };
  return spec;
}

function headerOf(h: HeaderValues) {
  const header: { name: string; invert?: boolean; match?: { exact?: string; prefix?: string; suffix?: string; regex?: string } } = {
    name: trimmed(h.name),
  };
  if (h.matchType !== 'present') header.match = { [h.matchType]: h.value };
  if (h.invert) header.invert = true;
  return header;
}

/** A route spec from the route's fields; the type picks httpRoute, http2Route, grpcRoute or tcpRoute. */
export function routeSpecFromValues(route: RouteValues): RouteSpec {
  const action = { weightedTargets: route.targets.map((t) => ({ virtualNode: t.node, weight: t.weight })) };
  const spec: RouteSpec = {};
  if (isSet(route.priority)) spec.priority = route.priority;
  if (route.type === 'tcp') {
    spec.tcpRoute = { action };
  } else if (route.type === 'grpc') {
    const match: NonNullable<RouteSpec['grpcRoute']>['match'] = {};
    if (trimmed(route.serviceName)) match.serviceName = trimmed(route.serviceName);
    if (trimmed(route.methodName)) match.methodName = trimmed(route.methodName);
    spec.grpcRoute = { action, match };
  } else {
    const match: NonNullable<RouteSpec['httpRoute']>['match'] = { prefix: route.prefix };
    if (route.method) match.method = route.method;
    if (route.headers.length > 0) match.headers = route.headers.map(headerOf);
    spec[route.type === 'http2' ? 'http2Route' : 'httpRoute'] = { action, match };
  }
  return spec;
}

/** The wizard's gateway and its routes, every route to the wizard's virtual service. */
function gatewayParts(values: WizardValues, meshName: string): Pick<Bundle, 'virtualGateways' | 'gatewayRoutes'> {
  if (!values.useGateway) return { virtualGateways: [], gatewayRoutes: [] };
  const g = values.gateway;
  const virtualGatewayName = trimmed(g.name);
  return {
    virtualGateways: [{ meshName, virtualGatewayName, spec: { listeners: [{ portMapping: { port: g.port, protocol: g.protocol } }] } }],
    gatewayRoutes: g.routes.map((r) => ({
      meshName,
      virtualGatewayName,
      gatewayRouteName: trimmed(r.name),
      spec: gatewayRouteSpecFromValues({ ...r, target: values.virtualServiceName }),
    })),
  };
}

/** The whole wizard as the bundle POST /api/bundles takes: mesh, nodes, router and route, service, and the optional gateway. */
export function toBundle(values: WizardValues): Bundle {
  const meshName = trimmed(values.meshName);
  const routerName = trimmed(values.router.name);
  const firstNode = values.nodes[0];
  const provider = values.useRouter
    ? { virtualRouter: { virtualRouterName: routerName } }
    : firstNode
      ? { virtualNode: { virtualNodeName: trimmed(firstNode.name) } }
      : undefined;
  return {
    mesh: { meshName, spec: {} },
    virtualNodes: values.nodes.map((n) => ({ meshName, virtualNodeName: trimmed(n.name), spec: nodeSpecFromValues(n) })),
    virtualRouters: values.useRouter
      ? [
          {
            meshName,
            virtualRouterName: routerName,
            spec: { listeners: [{ portMapping: { port: values.router.port, protocol: values.router.protocol } }] },
          },
        ]
      : [],
    routes: values.useRouter
      ? [{ meshName, virtualRouterName: routerName, routeName: trimmed(values.route.name), spec: routeSpecFromValues(values.route) }]
      : [],
    virtualServices: [
      { meshName, virtualServiceName: trimmed(values.virtualServiceName), spec: provider ? { provider } : {} },
    ],
    ...gatewayParts(values, meshName),
  };
}
