import type { Finding, MeshModel, ResourceId, RouteSpec, Severity, WeightedTarget } from '@meshwright/model';
import {
  kindLabels,
  nodeId,
  type SyncStatusByNode,
  type TopologyEdge,
  type TopologyEdgeKind,
  type TopologyGraph,
  type TopologyKind,
  type TopologyNode,
} from './graph-types';
import { resourceHref } from './links';
import { routeSummary, sharePercentages } from './route-summary';

/** A reference from one resource (`from`) to another (`to`), at a JSON path inside the referring resource. */
interface Reference {
  from: ResourceId & { kind: TopologyKind };
  path: string;
  to: { kind: TopologyKind; name: string };
  /** `reversed` when traffic flows against the reference: a route names its router, the router feeds the route. */
  edge: { kind: TopologyEdgeKind; label?: string; reversed?: boolean };
}

/**
 * Turns a mesh, its analysis findings and its proxies' sync state into the nodes and edges the
 * topology draws. Pure and deterministic: the same input always gives the same graph, in the same order.
 */
export function buildGraph(model: MeshModel, findings: readonly Finding[] = [], sync: SyncStatusByNode = new Map()): TopologyGraph {
  const meshName = model.mesh.meshName;
  const nodes = new Map<string, TopologyNode>();
  const add = (kind: TopologyKind, name: string, label: string, detail: string) => {
    nodes.set(nodeId(kind, name), {
      id: nodeId(kind, name),
      kind,
      name,
      label,
      detail,
      missing: false,
      findings: [],
      href: resourceHref(meshName, kind, name),
    });
  };

  for (const s of byName(model.virtualServices, (s) => s.virtualServiceName)) add('virtualService', s.virtualServiceName, s.virtualServiceName, kindLabels.virtualService);
  for (const r of byName(model.virtualRouters, (r) => r.virtualRouterName)) add('virtualRouter', r.virtualRouterName, r.virtualRouterName, kindLabels.virtualRouter);
  for (const r of byName(model.routes, (r) => `${r.virtualRouterName}/${r.routeName}`)) {
    add('route', `${r.virtualRouterName}/${r.routeName}`, r.routeName, `route ${routeSummary(r.spec)}`.trim());
  }
  for (const n of byName(model.virtualNodes, (n) => n.virtualNodeName)) {
    add('virtualNode', n.virtualNodeName, n.virtualNodeName, kindLabels.virtualNode);
    const state = sync.get(n.virtualNodeName);
    const node = nodes.get(nodeId('virtualNode', n.virtualNodeName));
    if (state && node) node.sync = state;
  }

  const meshFindings: Finding[] = [];
  for (const f of findings) {
    const node = f.resource.kind === 'mesh' ? undefined : nodes.get(nodeId(f.resource.kind, f.resource.name));
    if (node) node.findings.push(f);
    else meshFindings.push(f);
  }

  const edges: TopologyEdge[] = [];
  const missing: TopologyNode[] = [];
  for (const ref of collectReferences(model)) {
    const from = nodeId(ref.from.kind, ref.from.name);
    const to = nodeId(ref.to.kind, ref.to.name);
    const exists = nodes.has(to);
    if (!exists) {
      const dangling = missing.find((m) => m.id === to) ?? addMissing(missing, ref.to.kind, ref.to.name);
      dangling.findings.push(...findingsForReference(ref, findings));
    }
    const [source, target] = ref.edge.reversed ? [to, from] : [from, to];
    const edge: TopologyEdge = { id: `${ref.edge.kind}:${from}:${ref.path}`, kind: ref.edge.kind, source, target, broken: !exists };
    if (ref.edge.label !== undefined) edge.label = ref.edge.label;
    edges.push(edge);
  }

  const all = [...nodes.values(), ...missing.sort((a, b) => cmp(a.id, b.id))];
  for (const node of all) {
    const severity = worstSeverity(node.findings);
    if (severity) node.severity = severity;
  }
  return { meshName, nodes: all, edges, meshFindings };
}

function addMissing(missing: TopologyNode[], kind: TopologyKind, name: string): TopologyNode {
  const label = kind === 'route' ? name.slice(name.indexOf('/') + 1) : name;
  const node: TopologyNode = { id: nodeId(kind, name), kind, name, label, detail: `missing ${kindLabels[kind]}`, missing: true, findings: [] };
  missing.push(node);
  return node;
}

/** Every reference in the mesh, in a stable order: providers, router memberships, route targets, backends. */
function collectReferences(model: MeshModel): Reference[] {
  const refs: Reference[] = [];
  for (const s of byName(model.virtualServices, (s) => s.virtualServiceName)) {
    const from = { kind: 'virtualService' as const, name: s.virtualServiceName };
    const provider = s.spec.provider;
    if (provider?.virtualNode) {
      refs.push({ from, path: 'spec.provider.virtualNode.virtualNodeName', to: { kind: 'virtualNode', name: provider.virtualNode.virtualNodeName }, edge: { kind: 'provider' } });
    } else if (provider?.virtualRouter) {
      refs.push({ from, path: 'spec.provider.virtualRouter.virtualRouterName', to: { kind: 'virtualRouter', name: provider.virtualRouter.virtualRouterName }, edge: { kind: 'provider' } });
    }
  }
  const routes = byName(model.routes, (r) => `${r.virtualRouterName}/${r.routeName}`);
  for (const r of routes) {
    const from = { kind: 'route' as const, name: `${r.virtualRouterName}/${r.routeName}` };
    refs.push({ from, path: 'virtualRouterName', to: { kind: 'virtualRouter', name: r.virtualRouterName }, edge: { kind: 'route', reversed: true } });
  }
  for (const r of routes) {
    const from = { kind: 'route' as const, name: `${r.virtualRouterName}/${r.routeName}` };
    const { key, targets } = weightedTargetsOf(r.spec);
    const shares = sharePercentages(targets.map((t) => t.weight));
    targets.forEach((t, i) => {
      refs.push({
        from,
        path: `spec.${key}.action.weightedTargets[${i}].virtualNode`,
        to: { kind: 'virtualNode', name: t.virtualNode },
        edge: { kind: 'target', label: shares[i] ?? '0%' },
      });
    });
  }
  for (const n of byName(model.virtualNodes, (n) => n.virtualNodeName)) {
    const from = { kind: 'virtualNode' as const, name: n.virtualNodeName };
    (n.spec.backends ?? []).forEach((b, i) => {
      const service = b.virtualService?.virtualServiceName;
      if (service === undefined) return;
      refs.push({ from, path: `spec.backends[${i}].virtualService.virtualServiceName`, to: { kind: 'virtualService', name: service }, edge: { kind: 'backend' } });
    });
  }
  return refs;
}

function weightedTargetsOf(spec: RouteSpec): { key: string; targets: WeightedTarget[] } {
  for (const key of ['httpRoute', 'http2Route', 'grpcRoute', 'tcpRoute'] as const) {
    const route = spec[key];
    if (route) return { key, targets: route.action.weightedTargets };
  }
  return { key: 'httpRoute', targets: [] };
}

/**
 * The findings that explain a dangling reference: those at the reference's path, or failing that
 * the referring resource's reference findings that name the missing resource. When analysis said
 * nothing (an older server), the graph still explains the dangling node itself.
 */
function findingsForReference(ref: Reference, findings: readonly Finding[]): Finding[] {
  const mine = findings.filter((f) => f.resource.kind === ref.from.kind && f.resource.name === ref.from.name);
  const atPath = mine.filter((f) => f.path === ref.path);
  if (atPath.length > 0) return atPath;
  const naming = mine.filter((f) => f.category === 'reference' && f.message.includes(ref.to.name));
  if (naming.length > 0) return naming;
  return [
    {
      code: 'topology.missing-reference',
      severity: 'error',
      category: 'reference',
      resource: { kind: ref.from.kind, name: ref.from.name },
      path: ref.path,
      message: `${kindLabels[ref.from.kind]} "${ref.from.name}" refers to ${kindLabels[ref.to.kind]} "${ref.to.name}", which does not exist.`,
    },
  ];
}

function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  return findings.length > 0 ? 'warning' : undefined;
}

function byName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => cmp(name(a), name(b)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
