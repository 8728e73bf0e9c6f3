import type { z } from 'zod';
import {
  type Bundle,
  type RouteSpec,
  createMeshInputSchema,
  createVirtualServiceInputSchema,
  resourceName,
  routeSpecSchema,
  virtualNodeSpecSchema,
  validateBundle,
  virtualRouterSpecSchema,
} from '@meshwright/model';
import { parsePath, nodeSpecField, routeSpecField } from './field-paths';
import type { NodeValues, RouteValues, RouterValues, WizardValues } from './form-values';
import { nodeSpecFromValues, routeSpecFromValues } from './to-bundle';

// Pure checks of the forms, with the model's schemas doing the work: form values become the spec the
// API will receive, the spec schema judges it, and each issue is led back to the input it concerns.
// On top come the checks a single spec cannot make (names unique, route targets among the nodes).

/** A problem at a form field (dot path such as `nodes.0.port`). */
export interface FormIssue {
  field: string;
  message: string;
}

const formatIssuePath = (path: readonly PropertyKey[]) =>
  path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');

function schemaIssues(schema: z.ZodType, value: unknown, toField: (path: string) => string | undefined, fallback: string): FormIssue[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ field: toField(formatIssuePath(issue.path)) ?? fallback, message: issue.message }));
}

const nameIssues = (value: string, field: string) => schemaIssues(resourceName(), value.trim(), () => field, field);

/** Issues of one virtual node's fields, relative to the node (`port`, `healthCheck.intervalMillis`). */
export function validateNodeValues(node: NodeValues): FormIssue[] {
  const issues = nameIssues(node.name, 'name');
  issues.push(...schemaIssues(virtualNodeSpecSchema, nodeSpecFromValues(node), (p) => nodeSpecField(parsePath(p)), 'name'));
  if (node.discovery === 'dns' && !node.dnsHostname.trim()) issues.push({ field: 'dnsHostname', message: 'is required for DNS service discovery' });
  const hc = node.healthCheck;
  if (node.discovery !== 'none' && hc.enabled && (hc.protocol === 'http' || hc.protocol === 'http2') && !hc.path.trim()) {
    issues.push({ field: 'healthCheck.path', message: 'is required for http and http2 health checks' });
  }
  node.backends.forEach((b, i) => issues.push(...nameIssues(b.name, `backends.${i}.name`)));
  return issues;
}

/** What a route needs to know about the nodes it may target and the router it belongs to. */
export interface RouteContext {
  nodes: { name: string; hasListener: boolean }[];
  routerProtocol: string;
}

/** The model's analysis of a gRPC match (a method needs a service), at the route's fields. */
function grpcMatchIssues(spec: RouteSpec): FormIssue[] {
  if (!spec.grpcRoute) return [];
  // The route alone in a mesh with fixed names, so only the rules about its own match can speak;
  // schema findings are left out, as routeSpecSchema has reported them already.
  const router = { meshName: 'm', virtualRouterName: 'r', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'grpc' as const } }] } };
  const bundle: Bundle = { mesh: { meshName: 'm', spec: {} }, virtualNodes: [], virtualRouters: [router], routes: [{ meshName: 'm', virtualRouterName: 'r', routeName: 'route', spec }], virtualServices: [] };
  return validateBundle(bundle)
    .findings.filter((f) => f.severity === 'error' && f.code !== 'schema.invalid' && f.resource.kind === 'route' && f.path.startsWith('spec.grpcRoute.match.'))
    .flatMap((f) => {
      const field = routeSpecField(parsePath(f.path).slice(1));
      return field ? [{ field, message: f.message }] : [];
    });
}

/** Issues of a route's fields, relative to the route (`targets.1.weight`). */
export function validateRouteValues(route: RouteValues, ctx: RouteContext): FormIssue[] {
  const issues = nameIssues(route.name, 'name');
  const spec = routeSpecFromValues(route);
  issues.push(...schemaIssues(routeSpecSchema, spec, (p) => routeSpecField(parsePath(p)), 'name'));
  issues.push(...grpcMatchIssues(spec));
  if (route.type !== ctx.routerProtocol) {
    issues.push({ field: 'type', message: `must match the router listener protocol (${ctx.routerProtocol})` });
  }
  if ((route.type === 'http' || route.type === 'http2') && !route.prefix.startsWith('/')) {
    issues.push({ field: 'prefix', message: 'must start with /' });
  }
  const names = ctx.nodes.map((n) => n.name);
  route.targets.forEach((t, i) => {
    const node = ctx.nodes.find((n) => n.name === t.node);
    if (!node) issues.push({ field: `targets.${i}.node`, message: `must be one of the virtual nodes (${names.join(', ') || 'none yet'})` });
    else if (!node.hasListener) issues.push({ field: `targets.${i}.node`, message: `${t.node} has no listener, so it cannot receive traffic` });
  });
  const total = route.targets.reduce((sum, t) => sum + (Number.isNaN(t.weight) ? 0 : t.weight), 0);
  if (route.targets.length > 0 && total > 100) issues.push({ field: 'targets', message: `weights must add up to at most 100 (now ${total})` });
  if (route.targets.length > 0 && total === 0) issues.push({ field: 'targets', message: 'at least one target needs a weight above 0' });
  return issues;
}

export function validateRouterValues(router: RouterValues): FormIssue[] {
  const spec = { listeners: [{ portMapping: { port: router.port, protocol: router.protocol } }] };
  return [
    ...nameIssues(router.name, 'name'),
    ...schemaIssues(virtualRouterSpecSchema, spec, (p) => (p.endsWith('protocol') ? 'protocol' : 'port'), 'port'),
  ];
}

const within = (prefix: string, issues: FormIssue[]) => issues.map((i) => ({ field: `${prefix}.${i.field}`, message: i.message }));

/** Every issue of the wizard, at absolute fields; the first issue of a field wins. */
export function validateWizard(values: WizardValues): FormIssue[] {
  const issues: FormIssue[] = [
    ...schemaIssues(createMeshInputSchema.shape.meshName, values.meshName.trim(), () => 'meshName', 'meshName'),
    ...schemaIssues(createVirtualServiceInputSchema.shape.virtualServiceName, values.virtualServiceName.trim(), () => 'virtualServiceName', 'virtualServiceName'),
  ];
  const seen = new Set<string>();
  values.nodes.forEach((node, i) => {
    issues.push(...within(`nodes.${i}`, validateNodeValues(node)));
    const name = node.name.trim();
    if (name && seen.has(name)) issues.push({ field: `nodes.${i}.name`, message: 'must be unique: another virtual node has this name' });
    seen.add(name);
  });
  if (values.useRouter) {
    issues.push(...within('router', validateRouterValues(values.router)));
    const nodes = values.nodes.map((n) => ({ name: n.name.trim(), hasListener: n.discovery !== 'none' }));
    issues.push(...within('route', validateRouteValues(values.route, { nodes, routerProtocol: values.router.protocol })));
  } else if (values.nodes[0]?.discovery === 'none') {
    issues.push({ field: 'useRouter', message: 'the first virtual node has no listener, so it cannot provide the service: add a router' });
  }
  return firstPerField(issues);
}

export function firstPerField(issues: FormIssue[]): FormIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => (seen.has(i.field) ? false : (seen.add(i.field), true)));
}
