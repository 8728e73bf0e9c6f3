// Kubernetes manifests of the App Mesh controller (appmesh.k8s.aws/v1beta2) to a bundle: names as
// the controller's webhooks give them, references resolved, routes taken out of their routers.
import { assembleImport, type AssembleOptions, type ImportedResource } from '../assemble';
import { specShapes } from '../member-table';
import { parseYamlDocuments } from '../parse-yaml';
import { ImportInputError, ReportBuilder, whyNothing, type ImportResult, type ImportedKind } from '../report';
import { toApiShape } from '../to-api-shape';
import type { SourceText } from '../cloudformation/import-cloudformation';
import { meshOf } from './membership';
import { gatewayLogging, gatewayOfRoute, gatewayRouteTargets, kubernetesOnlyMessage } from './gateways';
import { awsNameOf, refTo, type Context, type K8sObject } from './names';

export interface KubernetesOptions extends AssembleOptions {
  /** --namespace-mesh NAMESPACE=MESH: the mesh of every object of a namespace. */
  namespaceMesh?: Record<string, string>;
}

/** A manifest larger than this is refused with a clear message rather than parsed. */
export const maxManifestBytes = 4 * 1024 * 1024;

const group = 'appmesh.k8s.aws';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const kinds: Record<string, ImportedKind> = {
  Mesh: 'mesh',
  VirtualNode: 'virtualNode',
  VirtualService: 'virtualService',
  VirtualRouter: 'virtualRouter',
  VirtualGateway: 'virtualGateway',
  GatewayRoute: 'gatewayRoute',
};
// Fields that select pods or namespaces, or that the controller fills in: meaningless outside a cluster.
const kubernetesOnly = ['podSelector', 'namespaceSelector', 'gatewayRouteSelector', 'meshRef', 'awsName', 'backendGroups', 'virtualGatewayRef'];

/** Every object of the manifests, with `List` objects (kubectl get -o yaml) flattened. */
function objectsOf(s: SourceText, report: ReportBuilder): { objects: K8sObject[]; namespaces: K8sObject[]; backendGroups: K8sObject[] } {
  const bytes = new TextEncoder().encode(s.text).length;
  if (bytes > maxManifestBytes) throw new ImportInputError(s.source, `is ${(bytes / 1024 / 1024).toFixed(1)} MB; meshwright imports manifests of at most 4 MB per file`);
  const out = { objects: [] as K8sObject[], namespaces: [] as K8sObject[], backendGroups: [] as K8sObject[] };
  const visit = (doc: unknown, path: string) => {
    if (!isRecord(doc)) return;
    if (Array.isArray(doc.items) && (doc.kind === 'List' || String(doc.kind).endsWith('List'))) {
      doc.items.forEach((item, i) => visit(item, `${path}.items[${i}]`));
      return;
    }
    const meta = isRecord(doc.metadata) ? doc.metadata : {};
    const name = typeof meta.name === 'string' ? meta.name : '';
    const o: K8sObject = {
      kind: String(doc.kind),
      name,
      namespace: typeof meta.namespace === 'string' ? meta.namespace : 'default',
      spec: isRecord(doc.spec) ? doc.spec : {},
      labels: isRecord(meta.labels) ? (Object.fromEntries(Object.entries(meta.labels).map(([k, v]) => [k, String(v)])) as Record<string, string>) : {},
      source: s.source,
      path: `${path} (${String(doc.kind)} ${name})`,
    };
    const apiVersion = String(doc.apiVersion);
    if (o.kind === 'Namespace' && apiVersion === 'v1') out.namespaces.push({ ...o, namespace: name });
    else if (apiVersion === `${group}/v1beta2` && o.kind === 'BackendGroup') out.backendGroups.push(o);
    else if (apiVersion === `${group}/v1beta2` && o.kind in kinds) {
      out.objects.push(o);
      if (doc.status !== undefined) report.add('dropped', `${o.path}.status`, 'status is written by the controller, not part of the spec');
    } else if (apiVersion.startsWith(`${group}/`)) {
      report.add('dropped', o.path, apiVersion === `${group}/v1beta2` ? `${o.kind} is not an App Mesh controller kind` : `${apiVersion} is not supported: only ${group}/v1beta2 manifests are imported (upgrade the manifests to v1beta2 as the controller's v1beta2 release describes)`);
    } else report.add('dropped', o.path, `${apiVersion} ${o.kind} is not an App Mesh resource`);
  };
  parseYamlDocuments(s.source, s.text).forEach((doc, i) => visit(doc, `documents[${i}]`));
  return out;
}

/** The weighted targets of every route kind of a route spec, with virtualNodeRef/ARN resolved. */
function routeSpec(route: Record<string, unknown>, o: K8sObject, ctx: Context, path: string, resource: { kind: ImportedKind; name: string }): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(route)) {
    if (key === 'name') continue;
    if (!isRecord(value) || !isRecord(value.action) || !Array.isArray(value.action.weightedTargets)) {
      spec[key] = value;
      continue;
    }
    const weightedTargets = value.action.weightedTargets.map((t, i) => {
      const { virtualNodeRef: _ref, virtualNodeARN: _arn, ...rest } = isRecord(t) ? t : {};
      return { ...rest, virtualNode: refTo(t, 'VirtualNode', o, ctx, `${path}.${key}.action.weightedTargets[${i}]`, resource) };
    });
    spec[key] = { ...value, action: { ...value.action, weightedTargets } };
  }
  return spec;
}

function backendsOf(o: K8sObject, ctx: Context, resource: { kind: ImportedKind; name: string }): unknown[] {
  const backends = (Array.isArray(o.spec.backends) ? o.spec.backends : []).map((b, i) => {
    const vs = isRecord(b) && isRecord(b.virtualService) ? b.virtualService : {};
    const { virtualServiceRef: _ref, virtualServiceARN: _arn, ...rest } = vs;
    return { virtualService: { virtualServiceName: refTo(vs, 'VirtualService', o, ctx, `${o.path}.spec.backends[${i}].virtualService`, resource), ...rest } };
  });
  (Array.isArray(o.spec.backendGroups) ? o.spec.backendGroups : []).forEach((g, i) => {
    const at = `${o.path}.spec.backendGroups[${i}]`;
    const ns = isRecord(g) && typeof g.namespace === 'string' ? g.namespace : o.namespace;
    const name = isRecord(g) ? g.name : undefined;
    const group = ctx.backendGroups.find((bg) => bg.name === name && bg.namespace === ns);
    if (!group) {
      ctx.report.add('unresolved', at, `BackendGroup ${ns}/${String(name)} is not in the input: its backends are missing`, resource);
      return;
    }
    // The controller's field is spelled `virtualservices` (its json tag); `virtualServices` is accepted too.
    const listed = group.spec.virtualservices ?? group.spec.virtualServices;
    const services = Array.isArray(listed) ? listed : [];
    for (const ref of services) {
      const refNs = isRecord(ref) && typeof ref.namespace === 'string' ? ref.namespace : group.namespace;
      // The controller's wildcard: name "*" is every VirtualService of the namespace.
      const targets = isRecord(ref) && ref.name === '*' ? ctx.objects.filter((x) => x.kind === 'VirtualService' && x.namespace === refNs) : [];
      const names = targets.length ? targets.map(awsNameOf) : [refTo({ virtualServiceRef: ref }, 'VirtualService', group, ctx, at, resource)];
      for (const n of names) backends.push({ virtualService: { virtualServiceName: n } });
    }
    ctx.report.add('mapped', at, `BackendGroup ${ns}/${String(name)} expanded into ${services.length} backend(s)`, resource);
  });
  return backends;
}

function specOf(o: K8sObject, kind: ImportedKind, ctx: Context, resource: { kind: ImportedKind; name: string }): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(o.spec)) {
    if (kubernetesOnly.includes(key)) {
      // awsName and the refs are read elsewhere; backend groups are expanded into backends.
      if (!['awsName', 'meshRef', 'backendGroups', 'virtualGatewayRef'].includes(key)) ctx.report.add('dropped', `${o.path}.spec.${key}`, kubernetesOnlyMessage(o.kind, key), resource);
      continue;
    }
    if (kind === 'virtualRouter' && key === 'routes') continue;
    if (kind === 'virtualNode' && key === 'backends') continue;
    spec[key] = value;
  }
  if (kind === 'virtualNode' && (o.spec.backends !== undefined || o.spec.backendGroups !== undefined)) spec.backends = backendsOf(o, ctx, resource);
  if (kind === 'virtualService' && isRecord(o.spec.provider)) {
    const p = o.spec.provider;
    const at = `${o.path}.spec.provider`;
    spec.provider = isRecord(p.virtualNode)
      ? { virtualNode: { virtualNodeName: refTo(p.virtualNode, 'VirtualNode', o, ctx, `${at}.virtualNode`, resource) } }
      : isRecord(p.virtualRouter)
        ? { virtualRouter: { virtualRouterName: refTo(p.virtualRouter, 'VirtualRouter', o, ctx, `${at}.virtualRouter`, resource) } }
        : p;
  }
  if (kind === 'gatewayRoute') return gatewayRouteTargets(spec, o, ctx, resource);
  if (kind === 'virtualGateway') return gatewayLogging(spec, o, ctx, resource);
  return spec;
}

/** Imports Kubernetes manifests (multi-document YAML, JSON, List objects) into the bundle of one mesh. */
export function importKubernetes(sources: readonly SourceText[], options: KubernetesOptions = {}): ImportResult {
  const reports: ReportBuilder[] = [];
  const all: Context = { objects: [], backendGroups: [], report: new ReportBuilder('') };
  const namespaces: K8sObject[] = [];
  const reportOf = new Map<string, ReportBuilder>();
  for (const s of sources) {
    const report = new ReportBuilder(s.source);
    reports.push(report);
    reportOf.set(s.source, report);
    const found = objectsOf(s, report);
    all.objects.push(...found.objects);
    all.backendGroups.push(...found.backendGroups);
    namespaces.push(...found.namespaces);
  }
  const resources: ImportedResource[] = [];
  for (const o of all.objects) {
    const kind = kinds[o.kind];
    const report = reportOf.get(o.source);
    if (kind === undefined || !report) continue;
    const ctx: Context = { ...all, report };
    const name = awsNameOf(o);
    // A gateway route's gateway comes first: reports name it gateway/route, as findings do.
    const gateway = kind === 'gatewayRoute' ? gatewayOfRoute(o, namespaces, ctx, { kind, name }) : undefined;
    const resource = { kind, name: gateway === undefined ? name : `${gateway}/${name}` };
    if (o.spec.awsName === undefined) report.add('defaulted', `${o.path}.spec.awsName`, `no awsName: named ${name} as the controller does`, resource);
    const meshName = kind === 'mesh' ? name : meshOf(o, all.objects, namespaces, options.namespaceMesh ?? {}, report, resource);
    const shapeCtx = { report, resource };
    const spec = toApiShape(specOf(o, kind, ctx, resource), specShapes[kind], `${o.path}.spec`, shapeCtx) as Record<string, unknown>;
    const nameMember = kind === 'mesh' ? 'meshName' : `${kind}Name`;
    const parent = gateway === undefined ? {} : { virtualGatewayName: gateway };
    const input: Record<string, unknown> = kind === 'mesh' ? { spec } : { [nameMember]: name, ...parent, spec };
    resources.push({ kind, name, meshName, source: o.source, path: o.path, input });
    if (kind === 'virtualRouter') {
      (Array.isArray(o.spec.routes) ? o.spec.routes : []).forEach((route, i) => {
        if (!isRecord(route)) return;
        const routeName = typeof route.name === 'string' ? route.name : `route-${i}`;
        const at = `${o.path}.spec.routes[${i}]`;
        const routeResource = { kind: 'route' as const, name: `${name}/${routeName}` };
        const rspec = toApiShape(routeSpec(route, o, ctx, at, routeResource), specShapes.route, at, { report, resource: routeResource });
        resources.push({ kind: 'route', name: routeName, meshName, source: o.source, path: at, input: { routeName, virtualRouterName: name, spec: rspec } });
      });
    }
  }
  if (!resources.length) throw new ImportInputError(sources[0]?.source ?? 'input', `has no ${group}/v1beta2 Mesh, VirtualNode, VirtualService, VirtualRouter, VirtualGateway or GatewayRoute objects${whyNothing(reports)}`);
  return assembleImport(resources, reports, options);
}
