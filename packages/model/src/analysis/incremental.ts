// The analysis of a mesh after one resource changed, from the analysis before it: only the subjects the
// change can affect run again (the changed resource's own, every subject that read its key, the group
// rules over its container, anything that read '*'); the others' findings are reused. Same subjects,
// same rules, same order as analyzeMesh: the result is analyzeMesh of the new model.
import type { MeshModel } from '../input/mesh-model';
import { createContext, indexForAnalysis, type AnalyzeOptions } from './context';
import { sortFindings, type Finding, type ResourceId } from './finding';
import { readKeysOf, recordingViews, type MeshAnalysis, type ReadLog, type SubjectResult } from './analysis-reads';
import { subjectsOf } from './subjects';

/** Every subject of `model` run with its reads recorded; `reuse` says which earlier results still hold. */
function analyse(model: MeshModel, options: AnalyzeOptions, reuse: (key: string, item: object | undefined) => SubjectResult | undefined): MeshAnalysis {
  const index = indexForAnalysis(model);
  const log: ReadLog = { reads: new Set() };
  const views = recordingViews(model, index, log);
  const ctx = createContext(views.model, options, views.index);
  const subjects = new Map<string, SubjectResult>();
  let unique = true;
  const all: Finding[] = [];
  for (const subject of subjectsOf(model, index)) {
    let result = reuse(subject.key, subject.item);
    if (!result) {
      log.reads = new Set();
      ctx.findings = [];
      subject.check(ctx);
      result = { item: subject.item, findings: ctx.findings, reads: log.reads };
    }
    if (subjects.has(subject.key)) unique = false;
    subjects.set(subject.key, result);
    for (const f of result.findings) all.push(f);
  }
  return { model, options, findings: sortFindings(all), subjects: unique ? subjects : undefined };
}

/** analyzeMesh(model, options), with each subject's findings and reads kept for analyzeChange. */
export function analyzeWithReads(model: MeshModel, options: AnalyzeOptions = {}): MeshAnalysis {
  return analyse(model, options, () => undefined);
}

/**
 * The analysis of `model`, which is `previous.model` with the one resource `changed` created, replaced
 * or deleted (and nothing else), under the same options.
 */
export function analyzeChange(previous: MeshAnalysis, model: MeshModel, changed: ResourceId): MeshAnalysis {
  const before = previous.subjects;
  if (!before) return analyzeWithReads(model, previous.options);
  const touched = readKeysOf(changed);
  return analyse(model, previous.options, (key, item) => {
    const kept = before.get(key);
    if (!kept || kept.item !== item || kept.reads.has('*')) return undefined;
    for (const k of touched) if (kept.reads.has(k)) return undefined;
    return kept;
  });
}
