// The App Mesh names the controller gives Kubernetes objects (its webhooks' defaults), and the
// resolution of `*Ref` ({namespace, name}) and `*ARN` references to those names.
import type { ImportedKind, ReportBuilder } from '../report';
import { nameFromArn } from '../to-api-shape';

export interface K8sObject {
  kind: string;
  name: string;
  namespace: string;
  spec: Record<string, unknown>;
  labels: Record<string, string>;
  source: string;
  path: string;
}

/** spec.awsName, else Mesh `<name>`, VirtualService `<name>.<namespace>`, others `<name>_<namespace>`. */
export function awsNameOf(o: K8sObject): string {
  const aws = o.spec.awsName;
  if (typeof aws === 'string' && aws !== '') return aws;
  if (o.kind === 'Mesh') return o.name;
  if (o.kind === 'VirtualService') return `${o.name}.${o.namespace}`;
  return `${o.name}_${o.namespace}`;
}

export interface RefResult {
  name: string;
  /** Set when the reference names nothing in the input. */
  problem?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Resolves `{xRef: {namespace?, name}}` or `{xARN: arn}` held by `holder`, from `referrer`'s namespace. */
export type RefKind = 'VirtualNode' | 'VirtualService' | 'VirtualRouter' | 'VirtualGateway';

export function resolveRef(holder: Record<string, unknown>, kind: RefKind, referrer: K8sObject, objects: readonly K8sObject[]): RefResult | undefined {
  const field = kind.charAt(0).toLowerCase() + kind.slice(1);
  const arn = holder[`${field}ARN`];
  if (typeof arn === 'string') {
    const name = nameFromArn(arn);
    return name === undefined ? { name: arn, problem: `${field}ARN ${arn} is not an App Mesh ARN` } : { name };
  }
  const ref = holder[`${field}Ref`];
  if (!isRecord(ref) || typeof ref.name !== 'string') return undefined;
  const namespace = typeof ref.namespace === 'string' ? ref.namespace : referrer.namespace;
  const target = objects.find((o) => o.kind === kind && o.name === ref.name && o.namespace === namespace);
  if (target) return { name: awsNameOf(target) };
  const guess = awsNameOf({ kind, name: ref.name, namespace, spec: {}, labels: {}, source: '', path: '' });
  return { name: guess, problem: `${field}Ref ${namespace}/${ref.name} names no ${kind} in the input: assumed App Mesh name ${guess}` };
}

/** What the importer of one document works with: every object of the input and its document's report. */
export interface Context {
  objects: K8sObject[];
  backendGroups: K8sObject[];
  report: ReportBuilder;
}

/** The App Mesh name `holder`'s Ref or ARN stands for; what names nothing is reported as unresolved. */
export function refTo(holder: unknown, kind: RefKind, o: K8sObject, ctx: Context, path: string, resource: { kind: ImportedKind; name: string }): string | undefined {
  const r = isRecord(holder) ? resolveRef(holder, kind, o, ctx.objects) : undefined;
  if (!r) {
    ctx.report.add('unresolved', path, `names no ${kind} (neither a Ref nor an ARN)`, resource);
    return undefined;
  }
  if (r.problem) ctx.report.add('unresolved', path, r.problem, resource);
  return r.name;
}
