// The model's analysis decides whether a write is acceptable; its finding categories pick the App Mesh error.
import { analyzeMesh, type Finding, type MeshModel, type Quotas } from '@meshwright/model';
import type { ApiQuotas } from '../deps';
import { BadRequestError, LimitExceededError, NotFoundError, type ApiError } from '../http/errors';
import type { ResourceKey } from '../store/types';
import { findingName } from './kinds';

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

/**
 * Errors the written resource would have in the mesh after the write. On a create, quota findings on
 * its containers (the mesh, the router of a route) count too: the new resource is what exceeds them.
 */
export function blockingFindings(after: MeshModel, written: ResourceKey, isCreate: boolean, quotas: ApiQuotas, meshCount?: number): Finding[] {
  const findings = analyzeMesh(after, { quotas: modelQuotas(quotas), ...(meshCount !== undefined ? { meshCount } : {}) });
  const name = findingName(written);
  const containers = new Set([`mesh/${written.meshName}`, ...(written.kind === 'route' ? [`virtualRouter/${written.parentName}`] : [])]);
  return findings.filter((f) => {
    if (f.severity !== 'error') return false;
    if (f.resource.kind === written.kind && f.resource.name === name) return true;
    return isCreate && f.category === 'quota' && containers.has(`${f.resource.kind}/${f.resource.name}`);
  });
}

/** Throws the error for the most telling finding: references first, then quotas, then the rest. */
export function throwIfBlocked(findings: readonly Finding[]): void {
  const order: Finding['category'][] = ['reference', 'quota', 'spec', 'consistency'];
  const first = [...findings].sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category))[0];
  if (first) throw errorForFinding(first);
}
