// What compile had to leave out or assume, reported instead of dropped silently (App Mesh's failing).
import type { FindingCategory, ResourceId } from '../analysis/finding';
import type { CompileDiagnosticCode } from '../analysis/finding-codes';
import { sortFindings } from '../analysis/finding';
import type { Unresolved } from '../resolve/plan';

/** A compile diagnostic has the shape of an analysis finding, so the same formatter prints both. */
export type CompileDiagnostic = Unresolved;

export class Diagnostics {
  private readonly items = new Map<string, CompileDiagnostic>();

  warn(code: CompileDiagnosticCode, resource: ResourceId, path: string, message: string, category: FindingCategory = 'consistency'): void {
    this.add({ code, severity: 'warning', category, resource, path, message });
  }

  error(code: CompileDiagnosticCode, resource: ResourceId, path: string, message: string, category: FindingCategory = 'consistency'): void {
    this.add({ code, severity: 'error', category, resource, path, message });
  }

  /** The same problem met twice (a target used by two backends) is reported once. */
  add(d: CompileDiagnostic): void {
    const key = `${d.code}|${d.resource.kind}|${d.resource.name}|${d.path}|${d.message}`;
    if (!this.items.has(key)) this.items.set(key, d);
  }

  list(): CompileDiagnostic[] {
    return sortFindings([...this.items.values()]);
  }
}
