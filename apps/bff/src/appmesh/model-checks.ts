// The model's analysis decides whether a write is acceptable; its finding categories pick the App Mesh error.
import { analyzeMesh, type Finding, type MeshModel, type Quotas } from '@meshwright/model';
import type { ApiQuotas } from '../deps';
import { BadRequestError, LimitExceededError, NotFoundError, type ApiError } from '../http/errors';
import type { ResourceKey } from '../store/types';
import { findingName, kinds } from './kinds';

export function modelQuotas(q: ApiQuotas): Quotas {
  return {
    meshes: q.meshes,
    virtualNodesPerMesh: q.virtualNodesPerMesh,
    virtualServicesPerMesh: q.virtualServicesPerMesh,
    virtualRoutersPerMesh: q.virtualRoutersPerMesh,
    routesPerRouter: q.routesPerVirtualRouter,
    backendsPerNode: q.backendsPerVirtualNode,
    targetsPerRoute: q.targetsPerRoute,
  };
}

/** spec and consistency are BadRequest, reference is NotFound, quota is LimitExceeded. */
export function errorForFinding(f: Finding, detail: ApiError['detail'] = {}): ApiError {
  const message = f.path ? `${f.path}: ${f.message}` : f.message;
  const d = { resource: f.resource, ...detail };
  switch (f.category) {
    case 'reference':
      return new NotFoundError(message, d);
    case 'quota':
      return new LimitExceededError(message, d);
    default:
      return new BadRequestError(message, d);
  }
}

/** A finding's identity across two analyses; messages may mention changing details, so they are left out. */
const identity = (f: Finding): string => `${f.code}|${f.resource.kind}|${f.resource.name}|${f.path}`;

/** References first, then quotas, then the rest: the error a client can act on first. */
function mostTelling(findings: readonly Finding[]): Finding | undefined {
  const order: Finding['category'][] = ['reference', 'quota', 'spec', 'consistency'];
  return [...findings].sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category))[0];
}

export interface WriteCheck {
  /** The mesh before the write; undefined when the write creates the mesh. */
  before: MeshModel | undefined;
  after: MeshModel;
  written: ResourceKey;
  isCreate: boolean;
  quotas: ApiQuotas;
  meshCount?: number | undefined;
}

/**
 * Errors the written resource would have in the mesh after the write. On a create, quota findings on
 * its containers (the mesh, the router of a route) count too: the new resource is what exceeds them.
 */
function ownErrors(errors: readonly Finding[], written: ResourceKey, isCreate: boolean): Finding[] {
  const name = findingName(written);
  const containers = new Set([`mesh/${written.meshName}`, ...(written.kind === 'route' ? [`virtualRouter/${written.parentName}`] : [])]);
  return errors.filter((f) => {
    if (f.resource.kind === written.kind && f.resource.name === name) return true;
    return isCreate && f.category === 'quota' && containers.has(`${f.resource.kind}/${f.resource.name}`);
  });
}

/**
 * The error a create or update must fail with, if any. Besides the written resource's own errors, a
 * write may not break another resource (a router turned tcp under http routes, a node losing the
 * listener a route targets): Envoy would silently drop it. Errors the mesh already had do not block.
 */
export function writeError(check: WriteCheck): ApiError | undefined {
  const options = { quotas: modelQuotas(check.quotas), ...(check.meshCount !== undefined ? { meshCount: check.meshCount } : {}) };
  const errors = (model: MeshModel) => analyzeMesh(model, options).filter((f) => f.severity === 'error');
  const after = errors(check.after);
  const own = mostTelling(ownErrors(after, check.written, check.isCreate));
  if (own) return errorForFinding(own);
  const existing = new Set(check.before ? errors(check.before).map(identity) : []);
  const caused = mostTelling(after.filter((f) => !existing.has(identity(f))));
  if (!caused) return undefined;
  const where = `${kinds[caused.resource.kind].label} ${caused.resource.name}`;
  return errorForFinding({ ...caused, path: caused.path ? `${where} ${caused.path}` : where });
}
