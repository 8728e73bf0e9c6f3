// What an import did with its input, entry by entry, so a user can check the translation.
import type { ResourceKind } from '../input/cli-input';

/** Every kind meshwright manages is imported, virtual gateways and gateway routes included. */
export type ImportedKind = ResourceKind;

/** mapped: translated with a note; defaulted: filled in by a rule; dropped: left out; unresolved: could not be worked out. */
export type ReportAction = 'mapped' | 'defaulted' | 'dropped' | 'unresolved';

export interface ReportEntry {
  action: ReportAction;
  /** The file (or label) the entry comes from. */
  source: string;
  /** Where in that file, e.g. `Resources.ColorNode.Properties.Spec.Listeners[0].TLS`. */
  path: string;
  /** The resource it affects, when there is one. */
  resource?: { kind: ImportedKind; name: string };
  message: string;
}

export interface ImportReport {
  entries: ReportEntry[];
}

export interface ImportResult {
  /** Bundle-shaped input, still to be checked with `validateBundle`. */
  bundle: Record<string, unknown>;
  report: ImportReport;
}

/** Input that cannot be read at all (broken YAML, no resources): the CLI exits with 2. */
export class ImportInputError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
  }
}

/** Collects report entries for one source document. */
export class ReportBuilder {
  readonly entries: ReportEntry[] = [];
  constructor(readonly source: string) {}
  add(action: ReportAction, path: string, message: string, resource?: ReportEntry['resource']): void {
    this.entries.push(resource ? { action, source: this.source, path, resource, message } : { action, source: this.source, path, message });
  }
}

/** The reasons an import found nothing, for the error that says so: the first few report entries. */
export function whyNothing(reports: readonly ReportBuilder[]): string {
  const entries = reports.flatMap((r) => r.entries).filter((e) => e.action !== 'mapped');
  if (!entries.length) return '';
  const shown = entries.slice(0, 3).map((e) => `${e.path}: ${e.message}`);
  return ` (${shown.join('; ')}${entries.length > 3 ? `; and ${entries.length - 3} more` : ''})`;
}
