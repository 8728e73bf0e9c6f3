// The one place a finding becomes an App Mesh error, and the order in which a write's findings count.
import type { Finding } from '@meshwright/model';
import { kinds } from '../appmesh/kinds';
import { BadRequestError, ConflictError, LimitExceededError, NotFoundError, type ApiError, type ErrorDetail } from '../http/errors';

/**
 * After the schema, a write is judged in this order: a name already taken, then references, then
 * quotas, then the remaining rules. The first failing stage is the error: what a client acts on first.
 */
export const checkOrder: readonly Finding['category'][] = ['conflict', 'reference', 'quota', 'spec', 'consistency'];

export function mostTelling(findings: readonly Finding[]): Finding | undefined {
  // Array.prototype.sort is stable: within a stage, the model's order stands.
  return [...findings].sort((a, b) => checkOrder.indexOf(a.category) - checkOrder.indexOf(b.category))[0];
}

/**
 * conflict is Conflict, reference is NotFound, quota is LimitExceeded, spec and consistency are
 * BadRequest. The finding's path leads the message unless the detail carries it as `field` (bundle
 * errors, where the console puts the message at that field). A finding about another resource than the
 * one written names that resource first: "virtual router vr spec.listeners[0]: ...".
 */
export function errorForFinding(f: Finding, detail: ErrorDetail = {}, elsewhere = false): ApiError {
  const where = [elsewhere ? `${kinds[f.resource.kind].label} ${f.resource.name}` : '', detail.field === undefined ? f.path : ''].filter(Boolean).join(' ');
  const message = where ? `${where}: ${f.message}` : f.message;
  const d: ErrorDetail = { resource: f.resource, ...detail };
  switch (f.category) {
    case 'conflict':
      return new ConflictError(message, d);
    case 'reference':
      return new NotFoundError(message, d);
    case 'quota':
      return new LimitExceededError(message, d);
    case 'spec':
    case 'consistency':
      return new BadRequestError(message, d);
  }
}
