// The resolver for a virtual gateway: which listener each gateway route serves, in which order, and
// which port of which virtual service it reaches. What it cannot resolve it records under the analysis
// code of that problem (ADR 005); the services' providers resolve exactly as a virtual node's backends.
import type { ResourceId } from '../analysis/finding';
import type { MeshIndex } from '../input/mesh-index';
import { gatewayRouteKindOf } from '../gateway-route/schema';
import { duplicateListenerPorts } from './decide';
import { decideGatewayListener, decideGatewayTarget } from './gateway-decide';
import type { GatewayItem, GatewayListenerPlan, GatewayPlan, GatewayRouteItem } from './gateway-plan';
import { byGatewayRouteOrder } from './gateway-order';
import type { PlanBackend, PlanPort } from './plan';
import { Problems, servicePorts } from './resolve';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The gateway's listeners, each port once in port order; a listener reusing a port is recorded and left out. */
function gatewayListeners(p: Problems, gateway: GatewayItem): GatewayListenerPlan[] {
  const id: ResourceId = { kind: 'virtualGateway', name: gateway.virtualGatewayName };
  const clashes = duplicateListenerPorts(gateway.spec.listeners, 'gateway.duplicate-listener-port');
  const out: GatewayListenerPlan[] = [];
  gateway.spec.listeners.forEach((listener, index) => {
    const clash = clashes.get(index);
    if (clash) p.warn(clash.code, id, `spec.listeners[${index}].portMapping.port`, `${clash.message}; compile left this one out`, clash.category);
    else out.push({ listener, index, routes: [] });
  });
  return out.sort((a, b) => a.listener.portMapping.port - b.listener.portMapping.port);
}

/**
 * The plan of the Envoy bound to `gateway`. `routes` are the gateway's own routes (the caller groups
 * them once for a whole mesh); their order does not matter.
 */
export function resolveGateway(index: MeshIndex, gateway: GatewayItem, routes: readonly GatewayRouteItem[]): GatewayPlan {
  const p = new Problems();
  const gatewayName = gateway.virtualGatewayName;
  const gatewayId: ResourceId = { kind: 'virtualGateway', name: gatewayName };
  const listeners = gatewayListeners(p, gateway);
  const slots = listeners.map((plan) => ({ portMapping: plan.listener.portMapping, plan }));
  const portsByService = new Map<string, PlanPort[]>();
  const targets = new Map<string, PlanBackend>();
  for (const route of [...routes].sort(byGatewayRouteOrder)) {
    const kind = gatewayRouteKindOf(route.spec);
    const body = route.spec[kind];
    if (!body) continue;
    const id: ResourceId = { kind: 'gatewayRoute', name: `${gatewayName}/${route.gatewayRouteName}` };
    const fit = decideGatewayListener(gatewayName, slots, body.match.port, kind);
    if (!fit.ok) {
      p.warn(fit.code, id, fit.code.endsWith('kind-mismatch') ? `spec.${kind}` : `spec.${kind}.match.port`, `${fit.message}; compile left the route out`, fit.category);
      continue;
    }
    const serviceName = body.action.target.virtualService.virtualServiceName;
    const targetPath = `spec.${kind}.action.target`;
    let ports = portsByService.get(serviceName);
    if (!ports) {
      // A missing service is the gateway route's problem (decided below), not a backend's.
      ports = index.services.has(serviceName) ? servicePorts(index, p, id, serviceName, `${targetPath}.virtualService.virtualServiceName`) : [];
      portsByService.set(serviceName, ports);
    }
    const target = decideGatewayTarget(index, serviceName, ports, body.action.target.port);
    if (!target.ok) {
      if (target.code) p.warn(target.code, id, `${targetPath}.${target.part}`, `${target.message}; compile left the route out`, target.category);
      continue;
    }
    fit.listener.plan.routes.push({ route, id, kind, target: { service: serviceName, port: target.port } });
    const known = targets.get(serviceName) ?? {
      name: serviceName,
      path: `${targetPath}.virtualService.virtualServiceName`,
      backend: { policy: gateway.spec.backendDefaults?.clientPolicy, site: { resource: gatewayId, path: 'spec.backendDefaults.clientPolicy' } },
      ports: [],
    };
    if (!known.ports.includes(target.port)) known.ports.push(target.port);
    targets.set(serviceName, known);
  }
  const targetList = [...targets.values()]
    .sort((a, b) => byString(a.name, b.name))
    .map((t) => ({ ...t, ports: [...t.ports].sort((a, b) => a.port - b.port) }));
  return { gateway, listeners, targets: targetList, unresolved: p.list };
}
