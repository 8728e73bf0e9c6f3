import { meshReferences, type Finding, type MeshModel, type ReferenceRelation, type Severity } from '@meshwright/model';
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
import { gatewaySyncKey } from './sync-status';
import { gatewayRouteSummary, routeSummary, sharePercentages } from './route-summary';

/** A reference from one resource (`from`) to another (`to`), at a JSON path inside the referring resource. */
interface Reference {
  from: { kind: TopologyKind; name: string };
  /** The referring resource as findings name it, when it is not drawn as `from` (a gateway route, drawn as its gateway's edge). */
  origin?: { kind: string; name: string };
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

  for (const g of byName(model.virtualGateways, (g) => g.virtualGatewayName)) {
    add('virtualGateway', g.virtualGatewayName, g.virtualGatewayName, `${kindLabels.virtualGateway} ${g.spec.listeners.map((l) => `${l.portMapping.protocol} ${l.portMapping.port}`).join(', ')}`.trim());
    const state = sync.get(gatewaySyncKey(g.virtualGatewayName));
    const node = nodes.get(nodeId('virtualGateway', g.virtualGatewayName));
    if (state && node) node.sync = state;
  }
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

  const missing: TopologyNode[] = [];
  const refs = referenceEdges(model);
  // A gateway route whose gateway does not exist still starts somewhere: a missing gateway on the left.
  for (const ref of refs) {
    const from = nodeId(ref.from.kind, ref.from.name);
    if (!nodes.has(from) && !missing.some((m) => m.id === from)) addMissing(missing, ref.from.kind, ref.from.name);
  }

  const meshFindings: Finding[] = [];
  for (const f of findings) {
    const id = drawnNodeOf(f.resource);
    const node = id === undefined ? undefined : (nodes.get(id) ?? missing.find((m) => m.id === id));
    if (node) node.findings.push(f);
    else meshFindings.push(f);
  }

  const edges: TopologyEdge[] = [];
  for (const ref of refs) {
    const from = nodeId(ref.from.kind, ref.from.name);
    const to = nodeId(ref.to.kind, ref.to.name);
    const exists = nodes.has(to);
    if (!exists) {
      const dangling = missing.find((m) => m.id === to) ?? addMissing(missing, ref.to.kind, ref.to.name);
      dangling.findings.push(...findingsForReference(ref, findings));
    }
    const [source, target] = ref.edge.reversed ? [to, from] : [from, to];
    const origin = ref.origin ? `${ref.origin.kind}:${ref.origin.name}` : from;
    const edge: TopologyEdge = { id: `${ref.edge.kind}:${origin}:${ref.path}`, kind: ref.edge.kind, source, target, broken: !exists || !nodes.has(from) };
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

const edgeKinds: Record<Exclude<ReferenceRelation, 'gateway'>, TopologyEdgeKind> = { provider: 'provider', router: 'route', target: 'target', gatewayTarget: 'gatewayRoute', backend: 'backend' };

/** The drawn node a finding belongs to: its resource's, or for a gateway route its gateway's (the route is an edge). */
function drawnNodeOf(resource: Finding['resource']): string | undefined {
  if (resource.kind === 'mesh') return undefined;
  if (resource.kind === 'gatewayRoute') return nodeId('virtualGateway', gatewayOf(resource.name));
  return nodeId(resource.kind, resource.name);
}

/** `<gateway>/<route>` -> `<gateway>` (gateway names have no `/`). */
const gatewayOf = (gatewayRoute: string) => gatewayRoute.slice(0, gatewayRoute.indexOf('/'));

/**
 * The edges the model's references draw; a route names its router, but traffic flows from the router
 * to the route. A gateway route is drawn as the edge from its gateway to its target service, labelled
 * with its name and match; its membership of the gateway draws nothing more.
 */
function referenceEdges(model: MeshModel): Reference[] {
  const gatewayRoutes = new Map(model.gatewayRoutes.map((r) => [`${r.virtualGatewayName}/${r.gatewayRouteName}`, r]));
  const refs = meshReferences(model);
  const weights = new Map<string, number[]>();
  for (const r of refs) if (r.relation === 'target') weights.set(r.from.name, [...(weights.get(r.from.name) ?? []), r.weight ?? 0]);
  const shareOf = new Map([...weights].map(([route, w]) => [route, sharePercentages(w)]));
  const position = new Map<string, number>();
  return refs.flatMap((r): Reference[] => {
    // Meshes are the canvas itself.
    if (r.relation === 'gateway' || r.from.kind === 'mesh' || r.to.kind === 'mesh' || r.to.kind === 'gatewayRoute') return [];
    if (r.from.kind === 'gatewayRoute') {
      if (r.to.kind !== 'virtualService') return [];
      const route = gatewayRoutes.get(r.from.name);
      const label = `${r.from.name.slice(r.from.name.indexOf('/') + 1)} ${route ? gatewayRouteSummary(route.spec) : ''}`.trim();
      return [{ from: { kind: 'virtualGateway', name: gatewayOf(r.from.name) }, origin: r.from, path: r.path, to: { kind: r.to.kind, name: r.to.name }, edge: { kind: edgeKinds[r.relation], label } }];
    }
    const edge: Reference['edge'] = { kind: edgeKinds[r.relation] };
    if (r.relation === 'router') edge.reversed = true;
    if (r.relation === 'target') {
      const i = position.get(r.from.name) ?? 0;
      position.set(r.from.name, i + 1);
      edge.label = shareOf.get(r.from.name)?.[i] ?? '0%';
    }
    return [{ from: { kind: r.from.kind, name: r.from.name }, path: r.path, to: { kind: r.to.kind, name: r.to.name }, edge }];
  });
}

/** The findings analysis reported at the dangling reference itself: same resource, same JSON path. */
function findingsForReference(ref: Reference, findings: readonly Finding[]): Finding[] {
  const origin = ref.origin ?? ref.from;
  return findings.filter((f) => f.resource.kind === origin.kind && f.resource.name === origin.name && f.path === ref.path);
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
