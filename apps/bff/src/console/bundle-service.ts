// Whole-mesh operations for the console: validate (dry run), atomic create, read back, analyse.
import {
  analyzeMesh,
  bundleFromMeshModel,
  hasErrors,
  resourceKinds,
  validateBundle,
  type Finding,
  type MeshModel,
  type ResourceKind,
} from '@meshwright/model';
import { meshKey } from '../appmesh/kinds';
import { errorForFinding, modelQuotas } from '../appmesh/model-checks';
import { arnOf } from '../appmesh/representation';
import type { ServiceContext } from '../appmesh/service-context';
import { BadRequestError, ConflictError, LimitExceededError, NotFoundError } from '../http/errors';
import { DuplicateKeyError, type StoredResource } from '../store/types';
import { bundleFieldPath } from './bundle-paths';
import { envoyYamlByNode } from './envoy-yaml';

function meshExistsFinding(meshName: string): Finding {
  return {
    code: 'mesh.exists',
    severity: 'error',
    category: 'consistency',
    resource: { kind: 'mesh', name: meshName },
    path: 'meshName',
    message: `a mesh named ${meshName} already exists; choose another name`,
  };
}

export async function validateBundleDryRun(ctx: ServiceContext, body: unknown) {
  const { model, findings } = validateBundle(body, { quotas: modelQuotas(ctx.quotas) });
  const all = model && (await ctx.store.get(meshKey(model.mesh.meshName))) ? [meshExistsFinding(model.mesh.meshName), ...findings] : findings;
  const valid = model !== undefined && !hasErrors(all);
  return { valid, findings: all, envoy: valid && model ? envoyYamlByNode(model, ctx.config) : {} };
}

/** The model's resources in creation order, as store rows. */
function rowsOf(model: MeshModel, now: number, newId: () => string): StoredResource[] {
  const meshName = model.mesh.meshName;
  const base = (kind: ResourceKind, name: string, parentName: string, spec: object, tags: StoredResource['tags'] | undefined): StoredResource => ({
    kind, meshName, parentName, name, spec: spec as Record<string, unknown>, tags: tags ?? [], uid: newId(), version: 1, createdAt: now, lastUpdatedAt: now,
  });
  const meshSpec = { egressFilter: { type: 'DROP_ALL' }, ...model.mesh.spec };
  return [
    base('mesh', meshName, '', meshSpec, model.mesh.tags),
    ...model.virtualNodes.map((n) => base('virtualNode', n.virtualNodeName, '', n.spec, n.tags)),
    ...model.virtualRouters.map((r) => base('virtualRouter', r.virtualRouterName, '', r.spec, r.tags)),
    ...model.routes.map((r) => base('route', r.routeName, r.virtualRouterName, r.spec, r.tags)),
    ...model.virtualServices.map((s) => base('virtualService', s.virtualServiceName, '', s.spec, s.tags)),
  ];
}

/** All or nothing: every resource of the bundle in one transaction, or a clear error naming the culprit. */
export async function createBundle(ctx: ServiceContext, body: unknown) {
  const { model, findings } = validateBundle(body, { quotas: modelQuotas(ctx.quotas) });
  const errors = findings.filter((f) => f.severity === 'error');
  const first = errors.find((f) => f.category === 'spec') ?? errors.find((f) => f.category === 'reference') ?? errors[0];
  if (first || !model) {
    if (!first) throw new BadRequestError('bundle is not valid');
    throw errorForFinding(first, { field: bundleFieldPath(body, first), findings: errors });
  }
  const meshName = model.mesh.meshName;
  return ctx.lock.run(async () => {
    if (await ctx.store.get(meshKey(meshName))) {
      throw new ConflictError(`a mesh named ${meshName} already exists`, { resource: { kind: 'mesh', name: meshName }, field: 'mesh.meshName' });
    }
    const meshCount = await ctx.store.count({ kind: 'mesh' });
    if (meshCount + 1 > ctx.quotas.meshes) {
      throw new LimitExceededError(`${meshCount + 1} meshes exceed the limit of ${ctx.quotas.meshes}`, { resource: { kind: 'mesh', name: meshName }, field: 'mesh.meshName' });
    }
    const rows = rowsOf(model, ctx.now(), ctx.newId);
    try {
      await ctx.store.apply(rows.map((resource) => ({ op: 'insert' as const, resource })));
    } catch (err) {
      if (err instanceof DuplicateKeyError) {
        throw new ConflictError(`mesh ${meshName} or one of its resources was created concurrently`, { resource: { kind: 'mesh', name: meshName }, field: 'mesh.meshName' });
      }
      throw err;
    }
    ctx.notify({ meshName, kind: 'mesh', name: meshName, action: 'create' });
    const created = rows.map((r) => ({ kind: r.kind, name: r.kind === 'route' ? `${r.parentName}/${r.name}` : r.name, arn: arnOf(ctx.config, r) }));
    created.sort((a, b) => resourceKinds.indexOf(a.kind) - resourceKinds.indexOf(b.kind));
    return { created };
  });
}

export async function loadModel(ctx: ServiceContext, meshName: string): Promise<MeshModel> {
  const model = await ctx.store.loadMeshModel(meshName);
  if (!model) throw new NotFoundError(`mesh ${meshName} does not exist`, { resource: { kind: 'mesh', name: meshName } });
  return model;
}

export async function meshBundle(ctx: ServiceContext, meshName: string) {
  const model = await loadModel(ctx, meshName);
  return { bundle: bundleFromMeshModel(model), findings: analyzeMesh(model, { quotas: modelQuotas(ctx.quotas) }) };
}

export async function meshAnalysis(ctx: ServiceContext, meshName: string) {
  const model = await loadModel(ctx, meshName);
  return { findings: analyzeMesh(model, { quotas: modelQuotas(ctx.quotas) }) };
}
