// Pure: where a problem reported against the model's shapes belongs in the forms. Schema issues,
// dry-run findings and API errors all name a JSON path; the user needs the input it concerns.
import { gatewayRouteSpecField, gatewaySpecField } from './gateway-spec';

/** `a.b[0].c` -> ['a', 'b', 0, 'c']. */
export function parsePath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) parts.push(Number(m[2]));
    else if (m[1] !== undefined) parts.push(m[1]);
  }
  return parts;
}

/** A path inside a virtual node spec -> the node form field (relative), or undefined. */
export function nodeSpecField(spec: (string | number)[]): string | undefined {
  const [head, i, kind, key] = spec;
  if (head === 'listeners') {
    if (kind === 'portMapping') return key === 'protocol' ? 'protocol' : 'port';
    if (kind === 'healthCheck' && typeof key === 'string') return `healthCheck.${key}`;
    return 'port';
  }
  if (head === 'serviceDiscovery') {
    if (i === 'dns') return 'dnsHostname';
    if (i === 'awsCloudMap') return kind === 'serviceName' ? 'cloudMapService' : 'cloudMapNamespace';
    return 'discovery';
  }
  if (head === 'backends' && typeof i === 'number') return `backends.${i}.name`;
  if (head === 'logging') return 'logPath';
  return undefined;
}

/** A path inside a route spec -> the route form field (relative), or undefined. */
export function routeSpecField(spec: (string | number)[]): string | undefined {
  const [head, section, sub, index, key] = spec;
  if (head === 'priority') return 'priority';
  // The route kind itself (`spec.tcpRoute`): the route type picks it.
  if (head === undefined || section === undefined) return 'type';
  if (section === 'action') {
    if (sub === 'weightedTargets' && typeof index === 'number') return key === 'weight' ? `targets.${index}.weight` : `targets.${index}.node`;
    return 'targets';
  }
  if (section === 'match') {
    if (sub === 'prefix' || sub === 'path') return 'prefix';
    if (sub === 'method') return 'method';
    if (sub === 'serviceName' || sub === 'methodName') return sub;
    if (sub === 'headers' && typeof index === 'number') return key === 'name' ? `headers.${index}.name` : `headers.${index}.value`;
    if (sub === 'headers') return 'headers';
  }
  return undefined;
}

/** Names of the wizard's resources, to find which node or route a finding is about. */
export interface WizardNames {
  nodes: string[];
  /** The gateway step's routes as findings name them, `<gateway>/<route>`. */
  gatewayRoutes?: string[];
}

/** A bundle path below `virtualGateways[0]` or `gatewayRoutes[i]` -> the gateway step's field. */
function gatewayStepField(top: 'virtualGateways' | 'gatewayRoutes', index: number, member: string | number | undefined, rest: (string | number)[]): string {
  if (top === 'virtualGateways') {
    if (member !== 'spec') return 'gateway.name';
    const field = gatewaySpecField(rest);
    return field.endsWith('protocol') ? 'gateway.protocol' : field.startsWith('listeners') ? 'gateway.port' : 'gateway.name';
  }
  if (member === 'virtualGatewayName') return 'gateway.name';
  if (member !== 'spec') return `gateway.routes.${index}.name`;
  const field = gatewayRouteSpecField(rest);
  // Every wizard route targets the wizard's service: a problem with the target is the service's.
  return field === 'target' ? 'virtualServiceName' : `gateway.routes.${index}.${field}`;
}

/** A bundle path (`virtualNodes[1].spec.listeners[0].portMapping.port`) -> wizard field (`nodes.1.port`). */
export function wizardFieldForBundlePath(path: string): string | undefined {
  const [top, index, member, ...rest] = parsePath(path);
  if (top === 'mesh') return 'meshName';
  if (top === 'virtualServices') return member === 'spec' ? 'useRouter' : 'virtualServiceName';
  if (top === 'virtualNodes' && typeof index === 'number') {
    if (member !== 'spec') return `nodes.${index}.name`;
    const field = nodeSpecField(rest);
    return field === undefined ? `nodes.${index}.name` : `nodes.${index}.${field}`;
  }
  if (top === 'virtualRouters') {
    if (member !== 'spec') return 'router.name';
    return rest.includes('protocol') ? 'router.protocol' : 'router.port';
  }
  if ((top === 'virtualGateways' || top === 'gatewayRoutes') && typeof index === 'number') return gatewayStepField(top, index, member, rest);
  if (top === 'routes') {
    if (member === 'routeName') return 'route.name';
    if (member === 'virtualRouterName') return 'router.name';
    if (member === 'spec') return `route.${routeSpecField(rest) ?? 'name'}`;
    return 'route.name';
  }
  return undefined;
}

/** A finding or API error about one resource (path relative to its CLI-input document) -> wizard field. */
export function wizardFieldForResource(kind: string, name: string, path: string, names: WizardNames): string | undefined {
  const index = kind === 'virtualNode' ? names.nodes.indexOf(name) : kind === 'gatewayRoute' ? (names.gatewayRoutes ?? []).indexOf(name) : 0;
  const top = { mesh: 'mesh', virtualNode: 'virtualNodes', virtualRouter: 'virtualRouters', route: 'routes', virtualService: 'virtualServices', virtualGateway: 'virtualGateways', gatewayRoute: 'gatewayRoutes' }[kind];
  if (top === undefined || index < 0) return undefined;
  const inner = path === '' ? '' : path.startsWith('[') ? path : `.${path}`;
  const base = kind === 'mesh' ? 'mesh' : `${top}[${index}]`;
  return wizardFieldForBundlePath(inner === '' && kind === 'mesh' ? 'mesh.meshName' : `${base}${inner || `.${nameMember(kind)}`}`);
}

function nameMember(kind: string): string {
  return kind === 'route' ? 'routeName' : kind === 'gatewayRoute' ? 'gatewayRouteName' : `${kind}Name`;
}

/** The wizard step (0-based) that holds a field. */
export function stepOfField(field: string): number {
  if (field.startsWith('nodes')) return 1;
  if (field.startsWith('gateway') || field === 'useGateway') return 3;
  if (field.startsWith('router') || field.startsWith('route') || field === 'useRouter') return 2;
  return 0;
}
