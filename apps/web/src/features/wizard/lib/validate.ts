import { type Bundle, type Finding, type PortProtocol, type VirtualNodeSpec, resourceName, validateBundle } from '@meshwright/model';
import { nodeSpecField, parsePath, routeSpecField, wizardFieldForResource, type WizardNames } from './field-paths';
import type { NodeValues, RouteValues, WizardValues } from './form-values';
import { nodeSpecFromValues, routeSpecFromValues, toBundle } from './to-bundle';

// The forms ask the model: form values become the bundle the API will receive, validateBundle (schemas
// and analysis) judges it, and each error finding is led back to the input it concerns. No rule lives here.

/** A problem at a form field (dot path such as `nodes.0.port`). */
export interface FormIssue {
  field: string;
  message: string;
}

const errors = (bundle: Bundle): Finding[] => validateBundle(bundle).findings.filter((f) => f.severity === 'error');
/**
 * What the wizard refuses to create: the errors, and a service its provider node cannot answer. The
 * API only warns about the latter (the node may gain a listener later); the wizard creates both at once.
 */
const blocking = (bundle: Bundle): Finding[] =>
  validateBundle(bundle).findings.filter((f) => f.severity === 'error' || f.code === 'service.provider-without-listener');
const specPath = (path: string) => parsePath(path).slice(1);
const emptyBundle = (): Bundle => ({ mesh: { meshName: 'm', spec: {} }, virtualNodes: [], virtualRouters: [], routes: [], virtualServices: [], virtualGateways: [], gatewayRoutes: [] });

/** The model's error findings about one virtual node spec, judged alone (the node edit page maps them itself). */
export function nodeSpecFindings(name: string, spec: VirtualNodeSpec): Finding[] {
  const bundle = emptyBundle();
  bundle.virtualNodes.push({ meshName: 'm', virtualNodeName: name, spec });
  return errors(bundle).filter((f) => f.resource.kind === 'virtualNode');
}

/** A node finding's path -> the node form field (`port`, `healthCheck.path`, `name`). */
export const nodeFieldOf = (path: string) => (path.startsWith('spec') ? (nodeSpecField(specPath(path)) ?? 'name') : 'name');

/**
 * A form-shape concern, not a rule: a backend row left empty names no service at all (the API's schema
 * takes any string there). Reported with the model's own message for an empty name.
 */
export function emptyBackendIssues(backends: readonly { name: string }[]): FormIssue[] {
  const required = resourceName().safeParse('').error?.issues[0]?.message ?? 'is required';
  return backends.flatMap((b, i) => (b.name.trim() === '' ? [{ field: `backends.${i}.name`, message: required }] : []));
}

/** The model's findings about one virtual node, at the node's fields. */
export function validateNodeValues(node: NodeValues): FormIssue[] {
  const findings = nodeSpecFindings(node.name.trim(), nodeSpecFromValues(node)).map((f) => ({ field: nodeFieldOf(f.path), message: f.message }));
  return [...emptyBackendIssues(node.backends), ...findings];
}

/** What a route needs to know about the nodes it may target and the router it belongs to. */
export interface RouteContext {
  nodes: { name: string; hasListener: boolean }[];
  routerProtocol: PortProtocol;
}

/**
 * The model's findings about a route, at the route's fields (`targets.1.weight`). The edit page knows
 * only the nodes' names, so each node with a listener listens like the router: the server judges the rest on save.
 */
export function validateRouteValues(route: RouteValues, ctx: RouteContext): FormIssue[] {
  const listener = { portMapping: { port: 8080, protocol: ctx.routerProtocol } };
  const bundle = emptyBundle();
  bundle.virtualRouters.push({ meshName: 'm', virtualRouterName: 'r', spec: { listeners: [listener] } });
  bundle.routes.push({ meshName: 'm', virtualRouterName: 'r', routeName: route.name.trim(), spec: routeSpecFromValues(route) });
  for (const n of ctx.nodes) {
    bundle.virtualNodes.push({ meshName: 'm', virtualNodeName: n.name, spec: n.hasListener ? { listeners: [listener], serviceDiscovery: { dns: { hostname: `${n.name}.local` } } } : {} });
  }
  return errors(bundle)
    .filter((f) => f.resource.kind === 'route')
    .map((f) => ({ field: f.path.startsWith('spec') ? (routeSpecField(specPath(f.path)) ?? 'name') : 'name', message: f.message }));
}

/** The names findings use for the wizard's nodes and gateway routes, to lead each finding to its input. */
export function wizardNames(values: WizardValues): WizardNames {
  const gateway = values.gateway.name.trim();
  return { nodes: values.nodes.map((n) => n.name.trim()), gatewayRoutes: values.gateway.routes.map((r) => `${gateway}/${r.name.trim()}`) };
}

const within = (prefix: string, issues: FormIssue[]) => issues.map((i) => ({ field: `${prefix}.${i.field}`, message: i.message }));

/** Every issue of the wizard, at absolute fields; the first issue of a field wins. */
export function validateWizard(values: WizardValues): FormIssue[] {
  // Nodes are judged one by one so that a finding reaches the right node even while names are empty or repeated.
  const issues = values.nodes.flatMap((node, i) => within(`nodes.${i}`, validateNodeValues(node)));
  const all = wizardNames(values);
  const nodes = all.nodes;
  for (const f of blocking(toBundle(values))) {
    if (f.resource.kind === 'virtualNode' && f.code !== 'name.duplicate') continue;
    // A repeated name is the later node's fault: the earlier one was there first.
    const names = f.code === 'name.duplicate' ? { ...all, nodes: nodes.map((n, i) => (i === nodes.lastIndexOf(n) ? n : '')) } : all;
    const field = wizardFieldForResource(f.resource.kind, f.resource.name, f.path, names);
    if (field !== undefined) issues.push({ field, message: f.message });
  }
  return firstPerField(issues);
}

export function firstPerField(issues: FormIssue[]): FormIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => (seen.has(i.field) ? false : (seen.add(i.field), true)));
}
