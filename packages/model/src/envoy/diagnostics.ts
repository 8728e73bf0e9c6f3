// What compile had to leave out or assume, reported instead of dropped silently (App Mesh's failing).
import type { FindingCategory, ResourceId } from '../analysis/finding';
import type { CompileDiagnosticCode } from '../analysis/finding-codes';
import { sortFindings } from '../analysis/finding';
import type { Unresolved } from '../resolve/plan';

/** A compile diagnostic has the shape of an analysis finding, so the same formatter prints both. */
export type CompileDiagnostic = Unresolved;

/** Where the Envoy builders report what they left out or assumed. */
export interface DiagnosticSink {
  warn(code: CompileDiagnosticCode, resource: ResourceId, path: string, message: string, category?: FindingCategory): void;
  error(code: CompileDiagnosticCode, resource: ResourceId, path: string, message: string, category?: FindingCategory): void;
}

/** A diagnostic as the sinks below make it (category 'consistency' unless told). */
export const diagnostic = (severity: CompileDiagnostic['severity'], code: CompileDiagnosticCode, resource: ResourceId, path: string, message: string, category: FindingCategory = 'consistency'): CompileDiagnostic =>
  ({ code, severity, category, resource, path, message });

export class Diagnostics implements DiagnosticSink {
  private readonly items = new Map<string, CompileDiagnostic>();

  warn(code: CompileDiagnosticCode, resource: ResourceId, path: string, message: string, category?: FindingCategory): void {
    this.add(diagnostic('warning', code, resource, path, message, category));
  }

  error(code: CompileDiagnosticCode, resource: ResourceId, path: string, message: string, category?: FindingCategory): void {
    this.add(diagnostic('error', code, resource, path, message, category));
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

/**
 * Diagnostics kept in the order they were met, for a piece of output compile may hand back on a later
 * run: that run adds them to its Diagnostics in the same order as building would (ties in sortFindings
 * keep that order).
 */
export class DiagnosticLog implements DiagnosticSink {
  readonly items: CompileDiagnostic[] = [];

  warn(code: CompileDiagnosticCode, resource: ResourceId, path: string, message: string, category?: FindingCategory): void {
    this.items.push(diagnostic('warning', code, resource, path, message, category));
  }

  error(code: CompileDiagnosticCode, resource: ResourceId, path: string, message: string, category?: FindingCategory): void {
    this.items.push(diagnostic('error', code, resource, path, message, category));
  }
}
