import { toFieldIssues } from '../common/issues';
import { bundleItemSchemas, bundleSchema, type Bundle } from '../input/bundle';
import { createMeshInputSchema } from '../input/cli-input';
import { meshModelFromBundle, type MeshModel } from '../input/mesh-model';
import { analyzeMesh } from './analyze';
import type { AnalyzeOptions } from './context';
import type { Finding, ResourceId } from './finding';
import { sortFindings } from './finding';

export interface BundleValidation {
  /** Present when the bundle passed the schema; analysis findings may still hold errors. */
  model?: MeshModel;
  findings: Finding[];
}

const listKinds = {
  virtualNodes: ['virtualNode', 'virtualNodeName'],
  virtualRouters: ['virtualRouter', 'virtualRouterName'],
  routes: ['route', 'routeName'],
  virtualServices: ['virtualService', 'virtualServiceName'],
  virtualGateways: ['virtualGateway', 'virtualGatewayName'],
  gatewayRoutes: ['gatewayRoute', 'gatewayRouteName'],
} as const;

/** Which resource a schema issue path such as `virtualNodes[2].spec...` belongs to, and the rest of the path. */
function locate(input: unknown, path: readonly PropertyKey[]): { resource: ResourceId; rest: readonly PropertyKey[] } {
  const root = (input ?? {}) as Record<string, unknown>;
  const meshName = String((root.mesh as Record<string, unknown> | undefined)?.meshName ?? '');
  const [top, index, ...rest] = path;
  if (typeof top === 'string' && top in listKinds && typeof index === 'number') {
    const [kind, nameKey] = listKinds[top as keyof typeof listKinds];
    const item = ((root[top] as unknown[] | undefined)?.[index] ?? {}) as Record<string, unknown>;
    const name =
      kind === 'route'
        ? `${String(item.virtualRouterName ?? '?')}/${String(item.routeName ?? '?')}`
        : kind === 'gatewayRoute'
          ? `${String(item.virtualGatewayName ?? '?')}/${String(item.gatewayRouteName ?? '?')}`
          : String(item[nameKey] ?? `#${index}`);
    return { resource: { kind, name }, rest };
  }
  // A problem with the mesh document as a whole (missing, not an object) is located at `mesh`.
  if (top === 'mesh') return { resource: { kind: 'mesh', name: meshName }, rest: path.length > 1 ? path.slice(1) : path };
  return { resource: { kind: 'mesh', name: meshName }, rest: path };
}

/** Schema check and analysis of a bundle in one go: what the review screen and `meshwright validate` show. */
export function validateBundle(input: unknown, options: AnalyzeOptions = {}): BundleValidation {
  const parsed = bundleSchema.safeParse(input);
  if (!parsed.success) {
    const findings: Finding[] = parsed.error.issues.flatMap((issue) => {
      const { resource, rest } = locate(input, issue.path);
      const sub = { ...parsed.error, issues: [{ ...issue, path: rest as PropertyKey[] }] } as unknown as Parameters<typeof toFieldIssues>[0];
      return toFieldIssues(sub).map((fi) => ({
        code: 'schema.invalid',
        severity: 'error' as const,
        category: 'spec' as const,
        resource,
        path: fi.path,
        message: fi.message,
      }));
    });
    return { findings: sortFindings([...findings, ...analyzeValidParts(input, findings, options)]) };
  }
  const bundle = parsed.data;
  const meshName = bundle.mesh.meshName;
  const mismatched: Finding[] = [];
  for (const [list, [kind, nameKey]] of Object.entries(listKinds) as [keyof typeof listKinds, (typeof listKinds)[keyof typeof listKinds]][]) {
    for (const item of bundle[list] as Record<string, unknown>[]) {
      if (item.meshName !== undefined && item.meshName !== meshName) {
        const name =
          kind === 'route'
            ? `${String(item.virtualRouterName)}/${String(item.routeName)}`
            : kind === 'gatewayRoute'
              ? `${String(item.virtualGatewayName)}/${String(item.gatewayRouteName)}`
              : String(item[nameKey]);
        mismatched.push({
          code: 'bundle.mesh-mismatch',
          severity: 'error',
          category: 'spec',
          resource: { kind, name },
          path: 'meshName',
          message: `belongs to mesh ${String(item.meshName)}, but the bundle is for mesh ${meshName}`,
        });
      }
    }
  }
  const model = meshModelFromBundle(bundle);
  return { model, findings: sortFindings([...mismatched, ...analyzeMesh(model, options)]) };
}

/**
 * When some items fail the schema, the rest of the mesh is still analysed, so one bad file does not
 * hide every other problem. Reference findings that point at a rejected item are left out: that
 * item exists, it is just invalid, and its own schema findings say why.
 */
function analyzeValidParts(input: unknown, schemaFindings: Finding[], options: AnalyzeOptions): Finding[] {
  if (typeof input !== 'object' || input === null) return [];
  const root = input as Record<string, unknown>;
  const mesh = createMeshInputSchema.safeParse(root.mesh);
  if (!mesh.success) return [];
  const rejected = new Set(schemaFindings.map((f) => f.resource.name.split('/').pop() ?? f.resource.name));
  const valid = <K extends keyof typeof bundleItemSchemas>(list: K) =>
    (Array.isArray(root[list]) ? (root[list] as unknown[]) : []).flatMap((item) => {
      const r = bundleItemSchemas[list].safeParse(item);
      return r.success ? [r.data] : [];
    });
  const bundle = {
    mesh: mesh.data,
    virtualNodes: valid('virtualNodes'),
    virtualRouters: valid('virtualRouters'),
    routes: valid('routes'),
    virtualServices: valid('virtualServices'),
    virtualGateways: valid('virtualGateways'),
    gatewayRoutes: valid('gatewayRoutes'),
  } as Bundle;
  const mentionsRejected = (f: Finding) => [...rejected].some((name) => name !== '' && f.message.includes(` ${name} `));
  return analyzeMesh(meshModelFromBundle(bundle), options).filter((f) => !(f.category === 'reference' && mentionsRejected(f)));
}
