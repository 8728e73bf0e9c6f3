// Puts the resources an importer found into one mesh's bundle: picks the mesh, files each resource
// in its kind's list.
import { parentMembers, hasParent, qualifiedName } from './qualified-name';
import { ImportInputError, type ImportedKind, type ImportResult, type ReportBuilder, type ReportEntry } from './report';

/** One resource read from the input, already in CLI-input shape (without meshName). */
export interface ImportedResource {
  kind: ImportedKind;
  name: string;
  /** The mesh it belongs to, when the input says. */
  meshName: string | undefined;
  source: string;
  path: string;
  input: Record<string, unknown>;
}

export interface AssembleOptions {
  /** Which mesh to import when the input holds several. */
  mesh?: string;
}

const lists = {
  virtualNode: 'virtualNodes',
  virtualRouter: 'virtualRouters',
  route: 'routes',
  virtualService: 'virtualServices',
  virtualGateway: 'virtualGateways',
  gatewayRoute: 'gatewayRoutes',
} as const;

function chooseMesh(resources: readonly ImportedResource[], options: AssembleOptions): string {
  if (options.mesh !== undefined) return options.mesh;
  const declared = [...new Set(resources.filter((r) => r.kind === 'mesh').map((r) => r.name))];
  if (declared.length === 1 && declared[0] !== undefined) return declared[0];
  const named = [...new Set(resources.flatMap((r) => (r.meshName === undefined ? [] : [r.meshName])))];
  const all = [...new Set([...declared, ...named])];
  if (all.length === 1 && all[0] !== undefined) return all[0];
  const source = resources[0]?.source ?? 'input';
  if (all.length === 0) throw new ImportInputError(source, 'no App Mesh resource names a mesh; give one with --mesh NAME');
  throw new ImportInputError(source, `the input describes several meshes (${all.sort().join(', ')}); import one at a time with --mesh NAME`);
}

/** How reports name a resource: routes and gateway routes with their parent, as findings name them. */
export const displayName = (r: ImportedResource): string => qualifiedName(r.kind, r.name, hasParent(r.kind) ? r.input[parentMembers[r.kind]] : undefined);

/** Builds the bundle of one mesh from what the importers found. */
export function assembleImport(resources: readonly ImportedResource[], reports: readonly ReportBuilder[], options: AssembleOptions = {}): ImportResult {
  const entries: ReportEntry[] = reports.flatMap((r) => r.entries);
  const meshName = chooseMesh(resources, options);
  const note = (r: ImportedResource, action: ReportEntry['action'], message: string) =>
    entries.push({ action, source: r.source, path: r.path, resource: { kind: r.kind, name: displayName(r) }, message });
  let mesh: Record<string, unknown> | undefined;
  const bundle: Record<(typeof lists)[keyof typeof lists], unknown[]> = { virtualNodes: [], virtualRouters: [], routes: [], virtualServices: [], virtualGateways: [], gatewayRoutes: [] };
  for (const r of resources) {
    const owner = r.kind === 'mesh' ? r.name : r.meshName;
    if (owner !== undefined && owner !== meshName) {
      note(r, 'dropped', `belongs to mesh ${owner}; this import is of mesh ${meshName}`);
      continue;
    }
    if (owner === undefined) note(r, 'defaulted', `the input does not say which mesh it belongs to: put in mesh ${meshName}`);
    if (r.kind === 'mesh') {
      mesh = { meshName, ...r.input };
      note(r, 'mapped', `imported as mesh ${meshName}`);
    } else {
      bundle[lists[r.kind]].push(r.input);
      note(r, 'mapped', `imported as ${r.kind} ${displayName(r)}`);
    }
  }
  if (!mesh) {
    entries.push({ action: 'defaulted', source: resources[0]?.source ?? 'input', path: '', resource: { kind: 'mesh', name: meshName }, message: `the input does not create mesh ${meshName}: the bundle's mesh has no spec (it may exist already)` });
    mesh = { meshName };
  }
  return { bundle: { mesh, ...bundle }, report: { entries } };
}
