import { toFieldIssues } from '../common/issues';
import { bundleSchema } from '../input/bundle';
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
} as const;

/** Which resource a schema issue path such as `virtualNodes[2].spec...` belongs to, and the rest of the path. */
function locate(input: unknown, path: readonly PropertyKey[]): { resource: ResourceId; rest: readonly PropertyKey[] } {
  const root = (input ?? {}) as Record<string, unknown>;
  const meshName = String((root.mesh as Record<string, unknown> | undefined)?.meshName ?? '');
  const [top, index, ...rest] = path;
  if (typeof top === 'string' && top in listKinds && typeof index === 'number') {
    const [kind, nameKey] = listKinds[top as keyof typeof listKinds];
    const item = ((root[top] as unknown[] | undefined)?.[index] ?? {}) as Record<string, unknown>;
    const name = kind === 'route' ? `${String(item.virtualRouterName ?? '?')}/${String(item.routeName ?? '?')}` : String(item[nameKey] ?? `#${index}`);
    return { resource: { kind, name }, rest };
  }
  if (top === 'mesh') return { resource: { kind: 'mesh', name: meshName }, rest: path.slice(1) };
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
    return { findings: sortFindings(findings) };
  }
  const bundle = parsed.data;
  const meshName = bundle.mesh.meshName;
  const mismatched: Finding[] = [];
  for (const [list, [kind, nameKey]] of Object.entries(listKinds) as [keyof typeof listKinds, (typeof listKinds)[keyof typeof listKinds]][]) {
    for (const item of bundle[list] as Record<string, unknown>[]) {
      if (item.meshName !== undefined && item.meshName !== meshName) {
        const name = kind === 'route' ? `${String(item.virtualRouterName)}/${String(item.routeName)}` : String(item[nameKey]);
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
