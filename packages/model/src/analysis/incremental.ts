// The analysis of a mesh after one resource changed, from the analysis before it: only the subjects the
// change can affect run again (the changed resource's own, its container's group rules, every subject
// that read one of its keys, anything that read '*'); the others' findings are reused. Same subjects,
// same rules as analyzeMesh: the result is analyzeMesh of the new model.
//
// A chain of analyses (each from the one before) shares one lineage: the index, each subject's result
// and who read what, updated in place for the newest analysis, so a change costs what it affects, not
// the mesh's size. The newest analysis keeps how to undo its change, so its parent can be the start of
// another change (a write that was judged and refused, then another write on the same mesh).
import type { MeshModel } from '../input/mesh-model';
import { createContext, indexForAnalysis, namesIn, type AnalysisContext, type AnalysisIndex, type AnalyzeOptions } from './context';
import { compareFindings, sortFindings, type Finding, type ResourceId } from './finding';
import { readKeysOf, recordingViews, type AnalysisReads, type MeshAnalysis, type ReadLog } from './analysis-reads';
import { subjectsOf, subjectsOfResource, type Subject } from './subjects';

interface SubjectResult {
  subject: Subject;
  findings: readonly Finding[];
  reads: AnalysisReads;
}

interface Lineage {
  holder: { model: MeshModel };
  index: AnalysisIndex;
  results: Map<string, SubjectResult>;
  /** Read key -> the subjects whose reads hold it. */
  readers: Map<string, Set<string>>;
  ctx: AnalysisContext;
  log: ReadLog;
  /** The analysis the lineage is in the state of. */
  owner: MeshAnalysis;
}

/** The lineage of an analysis, and, for the newest, its parent and how to get back to it. */
const lineages = new WeakMap<MeshAnalysis, { lineage: Lineage; parent?: MeshAnalysis; undo?: (() => void)[] | undefined }>();

function run(lineage: Lineage, subject: Subject): SubjectResult {
  lineage.log.reads = new Set();
  lineage.ctx.findings = [];
  subject.check(lineage.ctx);
  return { subject, findings: lineage.ctx.findings, reads: lineage.log.reads };
}

function setResult(lineage: Lineage, key: string, result: SubjectResult | undefined, undo?: (() => void)[]): void {
  const old = lineage.results.get(key);
  for (const k of old?.reads ?? []) lineage.readers.get(k)?.delete(key);
  for (const k of result?.reads ?? []) {
    const set = lineage.readers.get(k);
    if (set) set.add(key);
    else lineage.readers.set(k, new Set([key]));
  }
  if (result) lineage.results.set(key, result);
  else lineage.results.delete(key);
  undo?.push(() => setResult(lineage, key, old));
}

function setEntry<V>(map: Map<string, V>, key: string, value: V | undefined, undo: (() => void)[]): void {
  const had = map.has(key);
  const old = map.get(key);
  if (value === undefined) map.delete(key);
  else map.set(key, value);
  undo.push(() => (had ? map.set(key, old as V) : map.delete(key)));
}

/** The index of `model` from the index of the model before it, which differs from it by `changed`. */
function patchIndex(index: AnalysisIndex, model: MeshModel, changed: ResourceId, undo: (() => void)[]): void {
  const { name } = changed;
  const parent = name.slice(0, name.indexOf('/'));
  const nonEmpty = <T>(list: T[]) => (list.length > 0 ? list : undefined);
  switch (changed.kind) {
    case 'mesh':
      return;
    case 'virtualNode':
      return setEntry(index.nodes, name, model.virtualNodes.find((n) => n.virtualNodeName === name), undo);
    case 'virtualRouter':
      return setEntry(index.routers, name, model.virtualRouters.find((r) => r.virtualRouterName === name), undo);
    case 'virtualService':
      return setEntry(index.services, name, model.virtualServices.find((s) => s.virtualServiceName === name), undo);
    case 'virtualGateway':
      return setEntry(index.gateways, name, model.virtualGateways.find((g) => g.virtualGatewayName === name), undo);
    case 'route':
      return setEntry(index.routesByRouter, parent, nonEmpty(model.routes.filter((r) => r.virtualRouterName === parent)), undo);
    case 'gatewayRoute':
      return setEntry(index.gatewayRoutesByGateway, parent, nonEmpty(model.gatewayRoutes.filter((r) => r.virtualGatewayName === parent)), undo);
  }
}

/** analyzeMesh(model, options), with each subject's findings and reads kept for analyzeChange. */
export function analyzeWithReads(model: MeshModel, options: AnalyzeOptions = {}): MeshAnalysis {
  const holder = { model };
  const index = indexForAnalysis(model);
  const log: ReadLog = { reads: new Set() };
  const views = recordingViews(holder, index, log);
  const ctx = createContext(views.model, options, views.index);
  ctx.namesOf = (kind) => {
    log.reads.add(`${kind}:names`);
    return namesIn(holder.model, kind);
  };
  const subjects = subjectsOf(model, index);
  const analysis: MeshAnalysis = { model, options, findings: [], recomputed: subjects.length };
  const lineage: Lineage = { holder, index, results: new Map(), readers: new Map(), ctx, log, owner: analysis };
  const all: Finding[] = [];
  let unique = true;
  for (const subject of subjects) {
    const result = run(lineage, subject);
    if (lineage.results.has(subject.key)) unique = false;
    setResult(lineage, subject.key, result);
    for (const f of result.findings) all.push(f);
  }
  const done = { ...analysis, findings: sortFindings(all) };
  lineage.owner = done;
  // Two subjects under one key (duplicate names) cannot be told apart: such a mesh is analysed whole.
  if (unique) lineages.set(done, { lineage });
  return done;
}

/** Puts the lineage in the state of `analysis`, if it is the lineage's newest or that one's parent. */
function lineageAt(analysis: MeshAnalysis): Lineage | undefined {
  const lineage = lineages.get(analysis)?.lineage;
  if (!lineage || lineage.owner === analysis) return lineage;
  const newest = lineages.get(lineage.owner);
  if (newest?.parent !== analysis || !newest.undo) return undefined;
  for (const step of newest.undo.reverse()) step();
  newest.undo = undefined;
  lineage.owner = analysis;
  lineage.holder.model = analysis.model;
  return lineage;
}

/** Two sorted lists as one, in sortFindings order. */
function merge(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(compareFindings(a[i] as Finding, b[j] as Finding) <= 0 ? (a[i++] as Finding) : (b[j++] as Finding));
  while (i < a.length) out.push(a[i++] as Finding);
  while (j < b.length) out.push(b[j++] as Finding);
  return out;
}

/**
 * The analysis of `model`, which is `previous.model` with the one resource `changed` (named as findings
 * name it) created, replaced or deleted, and nothing else; under previous's options.
 */
export function analyzeChange(previous: MeshAnalysis, model: MeshModel, changed: ResourceId): MeshAnalysis {
  const lineage = lineageAt(previous);
  if (!lineage) return analyzeWithReads(model, previous.options);
  const undo: (() => void)[] = [];
  const ownKey = changed.kind === 'mesh' ? 'mesh' : `${changed.kind}:${changed.name}`;
  const existed = lineage.results.has(ownKey);
  lineage.holder.model = model;
  patchIndex(lineage.index, model, changed, undo);
  const rerun = subjectsOfResource(lineage.index, changed);
  // A replacement leaves which resources exist as it was.
  const replaced = existed && rerun.get(ownKey) !== undefined;
  for (const k of [...readKeysOf(changed, !replaced), '*']) {
    for (const key of lineage.readers.get(k) ?? []) {
      const current = lineage.results.get(key);
      if (!rerun.has(key) && current) rerun.set(key, current.subject);
    }
  }
  const dropped = new Set<Finding>();
  const added: Finding[] = [];
  for (const [key, subject] of rerun) {
    for (const f of lineage.results.get(key)?.findings ?? []) dropped.add(f);
    const result = subject && run(lineage, subject);
    if (result) for (const f of result.findings) added.push(f);
    setResult(lineage, key, result, undo);
  }
  const kept = dropped.size === 0 ? previous.findings : previous.findings.filter((f) => !dropped.has(f));
  const analysis: MeshAnalysis = { model, options: previous.options, findings: added.length === 0 ? [...kept] : merge(kept, sortFindings(added)), recomputed: rerun.size };
  // Only the newest analysis can be undone, back to its parent: older ones are analysed afresh if needed.
  lineages.set(previous, { lineage });
  lineages.set(analysis, { lineage, parent: previous, undo });
  lineage.owner = analysis;
  return analysis;
}
