import type { ResourceKind } from '../input/cli-input';
import type { FindingCode } from './finding-codes';

export type Severity = 'error' | 'warning';

/**
 * What kind of problem a finding is, so the API can answer with the App Mesh error App Mesh would:
 * `spec` and `consistency` are BadRequest, `reference` is NotFound, `quota` is LimitExceeded,
 * `conflict` (a name the store already holds) is Conflict.
 */
export type FindingCategory = 'spec' | 'reference' | 'consistency' | 'quota' | 'conflict';

/** The resource a finding is about. Routes are named `<router>/<route>`, gateway routes `<gateway>/<route>`. */
export interface ResourceId {
  kind: ResourceKind;
  name: string;
}

/** One problem found in a mesh, like an `istioctl analyze` message. */
export interface Finding {
  /** Stable identifier of the rule, such as `route.target-missing`; every code is listed in `findingCodes`. */
  code: FindingCode;
  severity: Severity;
  category: FindingCategory;
  /** The resource the problem is in. */
  resource: ResourceId;
  /** JSON path inside that resource's CLI-input document, such as `spec.httpRoute.action.weightedTargets[1].virtualNode`. */
  path: string;
  /** What is wrong and what to do about it, for a person. */
  message: string;
}

/** `error [route.target-missing] (route web/r1) spec.httpRoute...: ...` */
export function formatFinding(f: Omit<Finding, 'code'> & { code: string }): string {
  return `${f.severity} [${f.code}] (${f.resource.kind} ${f.resource.name}) ${f.path}: ${f.message}`;
}

const kindOrder = ['mesh', 'virtualNode', 'virtualRouter', 'route', 'virtualService', 'virtualGateway', 'gatewayRoute'];

/** The order of sortFindings. */
export function compareFindings(a: Omit<Finding, 'code'> & { code: string }, b: Omit<Finding, 'code'> & { code: string }): number {
  return (
    kindOrder.indexOf(a.resource.kind) - kindOrder.indexOf(b.resource.kind) ||
    cmp(a.resource.name, b.resource.name) ||
    cmp(a.path, b.path) ||
    cmp(a.code, b.code)
  );
}

/** Stable order: by resource kind (creation order), name, path, then code. */
export function sortFindings<F extends Omit<Finding, 'code'> & { code: string }>(findings: F[]): F[] {
  return [...findings].sort(compareFindings);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
