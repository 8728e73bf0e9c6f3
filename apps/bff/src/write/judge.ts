// Whether a write may happen, judged by the model's analysis of the whole mesh as it would be after it.
import { analyzeChange, analyzeWithReads, type AnalyzeOptions, type Finding, type MeshAnalysis, type MeshModel } from '@meshwright/model';
import { derivationOf } from '../store/mesh-model';
import type { ApiError, ErrorDetail } from '../http/errors';
import { errorForFinding, mostTelling } from './finding-errors';

export interface WriteCheck {
  /** The mesh before the write; undefined when the write creates the mesh. */
  before: MeshModel | undefined;
  after: MeshModel;
  /** The findings of `after`, when the caller has them already (validateBundle analysed the bundle). */
  afterFindings?: readonly Finding[] | undefined;
  /** Whether a finding is about what the request wrote, rather than about another resource it affects. */
  isOwn: (f: Finding) => boolean;
  options: AnalyzeOptions;
  /** Extra detail for the error, e.g. where in a bundle document the finding points. */
  detail?: ((f: Finding) => ErrorDetail) | undefined;
}

/** A finding's identity across two analyses; messages may mention changing details, so they are left out. */
const identity = (f: Finding): string => `${f.code}|${f.resource.kind}|${f.resource.name}|${f.path}`;
const errorsOf = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'error');

// The analysis of each model object, for the options it was computed with. Models are immutable
// and the store keeps the very object a write judged as its mesh after the write (withResource hands
// the same object back for the same input), so a write's `after` analysis is the next write's
// `before`: each write analyses the mesh once, not twice. And a model made from an analysed one by one
// resource change (withResource, withoutResource) is analysed from that analysis: only the rules the
// change can affect run again.
const analysed = new WeakMap<MeshModel, MeshAnalysis>();

/** analyzeMesh(model, options), from the cache when this model was analysed with these very options. */
export function findingsOf(model: MeshModel, options: AnalyzeOptions): readonly Finding[] {
  const hit = analysed.get(model);
  if (hit && hit.options === options) return hit.findings;
  const from = derivationOf(model);
  const previous = from && analysed.get(from.parent);
  const analysis = from && previous?.options === options ? analyzeChange(previous, model, from.changed) : analyzeWithReads(model, options);
  analysed.set(model, analysis);
  return analysis.findings;
}

/**
 * The error a write must fail with, if any: the written resources' own errors first, in the order of
 * checks. Then a write may not break another resource (a router turned tcp under http routes, a node
 * losing the listener a route targets): Envoy would silently drop it. Errors the mesh already had do
 * not block.
 */
export function writeError(check: WriteCheck): ApiError | undefined {
  const after = errorsOf(check.afterFindings ?? findingsOf(check.after, check.options));
  const own = mostTelling(after.filter(check.isOwn));
  if (own) return errorForFinding(own, check.detail?.(own));
  const existing = new Set(check.before ? errorsOf(findingsOf(check.before, check.options)).map(identity) : []);
  const caused = mostTelling(after.filter((f) => !existing.has(identity(f))));
  return caused && errorForFinding(caused, check.detail?.(caused), true);
}
