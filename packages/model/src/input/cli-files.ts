import type { ResourceKind } from './cli-input';

/** A parsed JSON document and where it came from. */
export interface InputDocument {
  source: string;
  json: unknown;
}

/** The kind of resource a CLI-input document describes, judged by its name members. */
export function kindOfCliInput(doc: Record<string, unknown>): ResourceKind {
  if ('gatewayRouteName' in doc) return 'gatewayRoute';
  if ('routeName' in doc) return 'route';
  if ('virtualGatewayName' in doc) return 'virtualGateway';
  if ('virtualNodeName' in doc) return 'virtualNode';
  if ('virtualServiceName' in doc) return 'virtualService';
  if ('virtualRouterName' in doc) return 'virtualRouter';
  return 'mesh';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a document is a bundle (`{mesh, virtualNodes, ...}`) rather than one CLI-input resource. */
export function isBundleDocument(json: unknown): boolean {
  return isRecord(json) && isRecord(json.mesh) && !('meshName' in json);
}

export interface AssembledBundle {
  /** Bundle-shaped input, still to be validated with `validateBundle`. */
  bundle: Record<string, unknown>;
  /** Problems with the set of files itself (no mesh, two meshes, not an object). */
  problems: { source: string; message: string }[];
}

/**
 * Puts one-resource CLI-input documents (any file names) together into a bundle. Without a mesh
 * document, the mesh is implied by the items' meshName, as when the mesh already exists.
 */
export function assembleBundle(docs: readonly InputDocument[]): AssembledBundle {
  const problems: AssembledBundle['problems'] = [];
  const lists: Record<Exclude<ResourceKind, 'mesh'>, unknown[]> = { virtualNode: [], virtualRouter: [], route: [], virtualService: [], virtualGateway: [], gatewayRoute: [] };
  let mesh: { source: string; json: Record<string, unknown> } | undefined;
  const impliedMeshNames = new Set<string>();
  for (const doc of docs) {
    if (!isRecord(doc.json)) {
      problems.push({ source: doc.source, message: 'is not a JSON object in CLI-input shape' });
      continue;
    }
    const kind = kindOfCliInput(doc.json);
    if (kind === 'mesh' && !('meshName' in doc.json)) {
      problems.push({ source: doc.source, message: 'is not an App Mesh CLI-input document: it names no meshName, virtualNodeName, virtualRouterName, routeName, virtualServiceName, virtualGatewayName or gatewayRouteName' });
      continue;
    }
    if (kind === 'mesh') {
      if (mesh) problems.push({ source: doc.source, message: `a second mesh; ${mesh.source} already describes mesh ${String(mesh.json.meshName)}` });
      else mesh = { source: doc.source, json: doc.json };
    } else {
      lists[kind].push(doc.json);
      if (typeof doc.json.meshName === 'string') impliedMeshNames.add(doc.json.meshName);
    }
  }
  if (!mesh && impliedMeshNames.size > 1) {
    problems.push({ source: docs[0]?.source ?? '.', message: `resources name several meshes (${[...impliedMeshNames].join(', ')}); validate one mesh at a time` });
  }
  const meshJson = mesh?.json ?? { meshName: [...impliedMeshNames][0] ?? '' };
  return {
    bundle: {
      mesh: meshJson,
      virtualNodes: lists.virtualNode,
      virtualRouters: lists.virtualRouter,
      routes: lists.route,
      virtualServices: lists.virtualService,
      virtualGateways: lists.virtualGateway,
      gatewayRoutes: lists.gatewayRoute,
    },
    problems,
  };
}

/** Line and column (1-based) of a character offset, for JSON syntax errors. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}
