// A whole mesh from one bundle document, through the write path: the console's create and dry run,
// and (next) import. The same checks, in the same order, as the API's single-resource writes.
import { resourceKinds, validateBundle, type BundleValidation, type Finding } from '@meshwright/model';
import { findingName, meshKey } from '../appmesh/kinds';
import { arnOf } from '../appmesh/representation';
import type { ServiceContext } from '../appmesh/service-context';
import { BadRequestError, ConflictError } from '../http/errors';
import { bundleFieldPath } from './bundle-paths';
import { changeEvent, commit } from './commit';
import { errorForFinding } from './finding-errors';
import { writeError } from './judge';
import { rowsOfModel } from './rows';

/** The mesh name a bundle body claims, before it is validated (also what access checks read). */
export function claimedMeshName(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('mesh' in body)) return undefined;
  const mesh = body.mesh;
  return typeof mesh === 'object' && mesh !== null && 'meshName' in mesh && typeof mesh.meshName === 'string' ? mesh.meshName : undefined;
}

/** The bundle's schema check and analysis, told what the store knows: whether the mesh exists, how many there are. */
export async function judgeBundle(ctx: ServiceContext, body: unknown): Promise<BundleValidation> {
  const meshName = claimedMeshName(body);
  const meshExists = meshName !== undefined && (await ctx.store.get(meshKey(meshName))) !== undefined;
  const meshCount = (await ctx.store.count({ kind: 'mesh' })) + (meshExists ? 0 : 1);
  return validateBundle(body, { ...ctx.analysis, meshCount, meshExists });
}

export interface CreatedResource {
  kind: Finding['resource']['kind'];
  name: string;
  arn: string;
}

/** All or nothing: every resource of the bundle in one transaction, or a clear error naming the culprit. */
export function createMeshFromBundle(ctx: ServiceContext, body: unknown): Promise<{ created: CreatedResource[] }> {
  return ctx.lock.run({ meshName: claimedMeshName(body) ?? '', account: true }, async () => {
    const { model, findings } = await judgeBundle(ctx, body);
    const errors = findings.filter((f) => f.severity === 'error');
    const detail = (f: Finding) => ({ field: bundleFieldPath(body, f.resource, f.path), findings: errors });
    if (!model) {
      // The schema comes first, as the API's validation middleware runs before any other check.
      const first = errors.find((f) => f.category === 'spec') ?? errors[0];
      throw first ? errorForFinding(first, detail(first)) : new BadRequestError('bundle is not valid');
    }
    // Every resource of the bundle is written, so every finding is the write's own.
    const blocked = writeError({ before: undefined, after: model, afterFindings: findings, isOwn: () => true, options: {}, detail });
    if (blocked) throw blocked;
    const meshName = model.mesh.meshName;
    const rows = rowsOfModel(ctx, model);
    const raced = () =>
      new ConflictError(`mesh ${meshName} or one of its resources was created concurrently`, { resource: { kind: 'mesh', name: meshName }, field: 'mesh.meshName' });
    // kind 'mesh' with name = meshName: the whole mesh changed.
    await commit(ctx, { writes: rows.map((resource) => ({ op: 'insert' as const, resource })), raced }, changeEvent(meshKey(meshName), 'create'));
    const created = rows.map((r) => ({ kind: r.kind, name: findingName(r), arn: arnOf(ctx.config, r) }));
    created.sort((a, b) => resourceKinds.indexOf(a.kind) - resourceKinds.indexOf(b.kind));
    return { created };
  });
}
