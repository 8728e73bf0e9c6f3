// AWS CLI documents to a bundle (every kind, gateways included): `--cli-input-json` files, spec-only
// files named by flags or a manifest, `aws appmesh describe-*` outputs ({"virtualNode": {...}}) and arrays of those (dumps).
import { assembleImport, type AssembleOptions, type ImportedResource } from '../assemble';
import { isBundleDocument, kindOfCliInput, type InputDocument } from '../../input/cli-files';
import type { ResourceKind } from '../../input/cli-input';
import { ImportInputError, ReportBuilder, whyNothing, type ImportResult } from '../report';

/** The names a spec-only file leaves out: --mesh-name, --virtual-node-name... or a manifest entry. */
export interface CliNames {
  meshName?: string;
  virtualNodeName?: string;
  virtualServiceName?: string;
  virtualRouterName?: string;
  routeName?: string;
  virtualGatewayName?: string;
  gatewayRouteName?: string;
}

export interface CliImportOptions extends AssembleOptions {
  /** Names for spec-only documents, per source; `*` applies to every source. */
  names?: Record<string, CliNames>;
  /** What reading AWS CLI scripts into `docs` reported (readCliScripts), to join this import's report. */
  reports?: readonly ReportBuilder[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const describeKeys = ['mesh', 'virtualNode', 'virtualService', 'virtualRouter', 'route', 'virtualGateway', 'gatewayRoute'] as const;
const nameMember = (kind: ResourceKind) => (kind === 'mesh' ? 'meshName' : `${kind}Name`);
const inputMembers = new Set(['clientToken', 'meshName', 'meshOwner', 'spec', 'tags', ...describeKeys.slice(1).map(nameMember)]);

function toResource(doc: Record<string, unknown>, source: string, path: string, report: ReportBuilder): ImportedResource {
  const kind = kindOfCliInput(doc);
  const name = String(doc[nameMember(kind)] ?? '');
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === 'meshName' && kind !== 'mesh') continue;
    if (k === 'meshName') continue;
    if (inputMembers.has(k)) input[k] = v;
    else report.add('dropped', `${path}.${k}`, `${k} is read-only output (describe-*), not part of a create`, { kind, name });
  }
  const meshName = typeof doc.meshName === 'string' ? doc.meshName : undefined;
  return { kind, name, meshName, source, path, input };
}

function kindOfNames(n: CliNames): ResourceKind {
  return kindOfCliInput(n as Record<string, unknown>);
}

function visit(value: unknown, source: string, path: string, options: CliImportOptions, report: ReportBuilder, out: ImportedResource[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => visit(v, source, `${path}[${i}]`, options, report, out));
    return;
  }
  if (!isRecord(value)) {
    report.add('dropped', path || '.', 'is not a JSON object in CLI-input shape');
    return;
  }
  const keys = Object.keys(value);
  const [only] = keys;
  // describe-* output: one member named after the kind, holding the resource with metadata and status.
  if (keys.length === 1 && only && (describeKeys as readonly string[]).includes(only) && isRecord(value[only]) && 'spec' in (value[only] as object)) {
    visit(value[only], source, `${path}.${only}`.replace(/^\./, ''), options, report, out);
    return;
  }
  const listKey = keys.find((k) => /^(meshes|virtualNodes|virtualServices|virtualRouters|routes|virtualGateways|gatewayRoutes)$/.test(k) && Array.isArray(value[k]));
  if (listKey && !('spec' in value)) {
    report.add('dropped', `${path}.${listKey}`.replace(/^\./, ''), `list-* output names resources but holds no specs: add the describe-* outputs of each`);
    return;
  }
  const hasName = describeKeys.some((k) => nameMember(k) in value);
  if (!hasName && 'spec' in value) {
    const names = { ...options.names?.['*'], ...options.names?.[source] };
    if (!Object.keys(names).length) {
      report.add('unresolved', path || '.', 'a spec without names: give them with --mesh-name, --virtual-node-name, --virtual-gateway-name... or a meshwright-import.json manifest');
      return;
    }
    const kind = kindOfNames(names);
    report.add('defaulted', path || '.', `named ${kind} ${String(names[nameMember(kind) as keyof CliNames] ?? '')} from the flags or manifest`);
    out.push(toResource({ ...value, ...names }, source, path || '.', report));
    return;
  }
  if (!hasName) {
    report.add('dropped', path || '.', 'is not an App Mesh CLI-input document: it names no meshName, virtualNodeName, virtualRouterName, routeName, virtualServiceName, virtualGatewayName or gatewayRouteName');
    return;
  }
  out.push(toResource(value, source, path || '.', report));
}

// `{"mesh": {...}}` is both a bundle with no children and describe-mesh output: describe output carries metadata and status.
const isDescribeMesh = (json: unknown) => isRecord(json) && Object.keys(json).length === 1 && isRecord(json.mesh) && ('metadata' in json.mesh || 'status' in json.mesh);
const isBundle = (json: unknown) => isBundleDocument(json) && !isDescribeMesh(json);

/** Imports AWS CLI documents (already parsed JSON) into the bundle of one mesh. */
export function importCliDocuments(docs: readonly InputDocument[], options: CliImportOptions = {}): ImportResult {
  const [first] = docs;
  if (docs.length === 1 && first && isBundle(first.json)) {
    return { bundle: first.json as Record<string, unknown>, report: { entries: [] } };
  }
  const reports: ReportBuilder[] = [...(options.reports ?? [])];
  const resources: ImportedResource[] = [];
  for (const doc of docs) {
    if (isBundle(doc.json)) throw new ImportInputError(doc.source, 'a bundle file must be imported on its own, not with other files');
    const report = new ReportBuilder(doc.source);
    reports.push(report);
    visit(doc.json, doc.source, '', options, report, resources);
  }
  if (!resources.length) throw new ImportInputError(first?.source ?? 'input', `holds no App Mesh resources in CLI-input or describe-* shape${whyNothing(reports)}`);
  return assembleImport(resources, reports, options);
}
