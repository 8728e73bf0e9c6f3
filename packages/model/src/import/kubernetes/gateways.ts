// The App Mesh controller's VirtualGateway and GatewayRoute: which gateway a gateway route belongs
// to (the virtualGatewayRef the controller's webhook writes, else the gateways' namespaceSelector and
// gatewayRouteSelector, matched as the webhook matches them), targets by virtualServiceRef/ARN, and
// the fields that only mean something inside a cluster.
import type { ImportedKind } from '../report';
import { selects } from './membership';
import { awsNameOf, refTo, resolveRef, type Context, type K8sObject } from './names';

type Resource = { kind: ImportedKind; name: string };
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a Kubernetes-only field is left out, in the words the report shows. */
export function kubernetesOnlyMessage(kind: string, key: string): string {
  switch (key) {
    case 'podSelector':
      return kind === 'VirtualGateway'
        ? "podSelector picks the gateway's Envoy pods in the cluster; outside Kubernetes the gateway Envoy runs from its meshwright bootstrap: dropped"
        : 'podSelector picks the pods of this virtual node in the cluster; outside Kubernetes each Envoy runs from its meshwright bootstrap: dropped';
    case 'namespaceSelector':
      return kind === 'VirtualGateway'
        ? "namespaceSelector picks the namespaces whose GatewayRoutes join this gateway: used to give this input's gateway routes their gateway, then dropped (App Mesh has no such member)"
        : "namespaceSelector picks the namespaces that join the mesh: used to place this input's objects in a mesh, then dropped (App Mesh has no such member)";
    case 'gatewayRouteSelector':
      return "gatewayRouteSelector picks, by label, the GatewayRoutes that join this gateway: used to give this input's gateway routes their gateway, then dropped (App Mesh has no such member)";
    default:
      return `${key} is a Kubernetes-only field`;
  }
}

const nameOf = (g: K8sObject) => `${g.namespace}/${g.name}`;

/** The App Mesh name of the virtual gateway a GatewayRoute belongs to, reported either way. */
export function gatewayOfRoute(o: K8sObject, namespaces: readonly K8sObject[], ctx: Context, resource: Resource): string | undefined {
  const at = `${o.path}.spec`;
  const ref = resolveRef(o.spec, 'VirtualGateway', o, ctx.objects);
  if (ref) {
    if (ref.problem) ctx.report.add('unresolved', `${at}.virtualGatewayRef`, ref.problem, resource);
    else ctx.report.add('mapped', `${at}.virtualGatewayRef`, `virtualGatewayRef (written by the controller's webhook) gives the gateway ${ref.name}`, resource);
    return ref.name;
  }
  const gateways = ctx.objects.filter((x) => x.kind === 'VirtualGateway');
  const [only] = gateways;
  const ns = namespaces.find((n) => n.name === o.namespace);
  if (!ns) {
    if (gateways.length === 1 && only) {
      ctx.report.add('defaulted', at, `no virtualGatewayRef, and namespace ${o.namespace} is not in the input, so no gateway's namespaceSelector can be checked: put in the input's only VirtualGateway, ${nameOf(only)} (App Mesh name ${awsNameOf(only)})`, resource);
      return awsNameOf(only);
    }
    ctx.report.add('unresolved', at, `no virtualGatewayRef, and namespace ${o.namespace} is not in the input, so the gateways' namespaceSelector cannot choose a gateway: add the Namespace with its labels`, resource);
    return undefined;
  }
  const byNamespace = gateways.filter((g) => selects(g.spec.namespaceSelector, ns.labels));
  // A gateway without gatewayRouteSelector takes every GatewayRoute of the namespaces it selects.
  const chosen = byNamespace.filter((g) => g.spec.gatewayRouteSelector === undefined || selects(g.spec.gatewayRouteSelector, o.labels));
  const [gateway] = chosen;
  if (chosen.length === 1 && gateway) {
    ctx.report.add('mapped', at, `VirtualGateway ${nameOf(gateway)} selects it (namespaceSelector${gateway.spec.gatewayRouteSelector === undefined ? '' : ' and gatewayRouteSelector'}): gateway ${awsNameOf(gateway)}`, resource);
    return awsNameOf(gateway);
  }
  const why = !byNamespace.length
    ? `no VirtualGateway's namespaceSelector selects namespace ${o.namespace}'s labels`
    : !chosen.length
      ? `VirtualGateways ${byNamespace.map(nameOf).join(', ')} select namespace ${o.namespace}, but none's gatewayRouteSelector selects this GatewayRoute's labels`
      : `several VirtualGateways select it (${chosen.map(nameOf).join(', ')})`;
  ctx.report.add('unresolved', at, `${why}: the controller would refuse this GatewayRoute, and it has no gateway here`, resource);
  return undefined;
}

/** A GatewayRoute spec with each route kind's target virtualServiceRef/ARN turned into the service's name. */
export function gatewayRouteTargets(spec: Record<string, unknown>, o: K8sObject, ctx: Context, resource: Resource): Record<string, unknown> {
  const out: Record<string, unknown> = { ...spec };
  for (const [key, value] of Object.entries(spec)) {
    const action = isRecord(value) && isRecord(value.action) ? value.action : undefined;
    const target = action && isRecord(action.target) ? action.target : undefined;
    if (!isRecord(value) || !action || !target || !isRecord(target.virtualService)) continue;
    const { virtualServiceRef: _r, virtualServiceARN: _a, ...rest } = target.virtualService;
    const name = refTo(target.virtualService, 'VirtualService', o, ctx, `${o.path}.spec.${key}.action.target.virtualService`, resource);
    out[key] = { ...value, action: { ...action, target: { ...target, virtualService: { ...rest, virtualServiceName: name } } } };
  }
  return out;
}

/** Older controller releases put logging in each listener; App Mesh has it once, on the gateway. */
export function gatewayLogging(spec: Record<string, unknown>, o: K8sObject, ctx: Context, resource: Resource): Record<string, unknown> {
  if (!Array.isArray(spec.listeners)) return spec;
  let logging = spec.logging;
  const listeners = spec.listeners.map((l, i) => {
    if (!isRecord(l) || l.logging === undefined) return l;
    const { logging: inListener, ...rest } = l;
    const at = `${o.path}.spec.listeners[${i}].logging`;
    if (logging === undefined) {
      logging = inListener;
      ctx.report.add('mapped', at, "logging in a listener (older controller releases) is the gateway's logging in App Mesh: moved to spec.logging", resource);
    } else ctx.report.add('dropped', at, 'the gateway already has logging; App Mesh logs a gateway once, not per listener', resource);
    return rest;
  });
  return { ...spec, listeners, ...(logging === undefined ? {} : { logging }) };
}
