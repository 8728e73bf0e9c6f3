// CloudFormation templates (JSON or YAML) to a bundle: every AWS::AppMesh::* resource, with Ref,
// Fn::GetAtt, Fn::Sub and friends evaluated and the properties renamed to the API's members.
import { assembleImport, type AssembleOptions, type ImportedResource } from '../assemble';
import { parseYamlDocuments } from '../parse-yaml';
import { ImportInputError, ReportBuilder, whyNothing, type ImportResult } from '../report';
import { specShapes } from '../member-table';
import { toApiShape } from '../to-api-shape';
import { evaluate, Unresolved } from './intrinsics';
import { appMeshTypes, isAppMeshType, templateScope, type Template, type TemplateResource } from './template-scope';

export interface CloudFormationOptions extends AssembleOptions {
  /** --parameter KEY=VALUE values, over the template's defaults. */
  parameters?: Record<string, string>;
  /** AWS::StackName, AWS::Region, AWS::AccountId, AWS::Partition, AWS::URLSuffix. */
  pseudoParameters?: Record<string, string>;
}

export interface SourceText {
  source: string;
  text: string;
}

/** CloudFormation accepts templates of at most 1 MB; a larger file is not a template it would run. */
export const maxTemplateBytes = 1024 * 1024;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Removes every unresolved value, reporting each with its path. */
function stripUnresolved(value: unknown, path: string, onUnresolved: (path: string, reason: string) => void): unknown {
  if (value instanceof Unresolved) {
    onUnresolved(path, value.reason);
    return undefined;
  }
  if (Array.isArray(value)) return value.map((v, i) => stripUnresolved(v, `${path}[${i}]`, onUnresolved)).filter((v) => v !== undefined);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const r = stripUnresolved(v, `${path}.${k}`, onUnresolved);
    if (r !== undefined) out[k] = r;
  }
  return out;
}

/** Parses a template's text: JSON when it is JSON, YAML (with the short-form tags) otherwise. */
export function parseTemplate({ source, text }: SourceText): Template {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > maxTemplateBytes) {
    throw new ImportInputError(source, `is ${(bytes / 1024 / 1024).toFixed(1)} MB; CloudFormation accepts templates of at most 1 MB, so this is not a template it would deploy`);
  }
  const [doc] = parseYamlDocuments(source, text);
  if (!isRecord(doc) || !isRecord(doc.Resources)) throw new ImportInputError(source, 'has no Resources section: not a CloudFormation template');
  return doc as unknown as Template;
}

const parentProperties = { route: 'VirtualRouterName', gatewayRoute: 'VirtualGatewayName' } as const;

function importTemplate(source: string, template: Template, options: CloudFormationOptions, report: ReportBuilder): ImportedResource[] {
  const scope = templateScope({
    template,
    parameters: options.parameters ?? {},
    pseudo: options.pseudoParameters ?? {},
    onMissingParameter: (name) => report.add('unresolved', `Parameters.${name}`, `parameter ${name} has no Default and no --parameter ${name}=VALUE`),
  });
  for (const name of Object.keys(options.parameters ?? {})) {
    if (!(name in (template.Parameters ?? {}))) report.add('dropped', `Parameters.${name}`, `--parameter ${name} is not a parameter of this template`);
  }
  const found: ImportedResource[] = [];
  for (const [id, entry] of Object.entries(template.Resources) as [string, unknown][]) {
    const path = `Resources.${id}`;
    if (!isRecord(entry)) {
      report.add('dropped', path, 'is not a resource: a resource is a map with a Type');
      continue;
    }
    const resource = entry as TemplateResource;
    if (!isAppMeshType(resource.Type)) {
      const type = String(resource.Type);
      report.add('dropped', `${path}.Type`, type.startsWith('AWS::AppMesh::') ? `${type} is not an App Mesh resource type meshwright knows` : `${type} is not an App Mesh resource`);
      continue;
    }
    const t = appMeshTypes[resource.Type];
    const nameRaw = scope.nameOf(id);
    const name = typeof nameRaw === 'string' ? nameRaw : id;
    // Routes and gateway routes are named parent/name in reports, as findings name them.
    const parent = t.kind === 'route' || t.kind === 'gatewayRoute' ? evaluate(resource.Properties?.[parentProperties[t.kind]], scope) : undefined;
    const target = { kind: t.kind, name: typeof parent === 'string' ? `${parent}/${name}` : name };
    if (resource.Condition !== undefined) {
      const c = typeof resource.Condition === 'string' ? scope.condition(resource.Condition) : new Unresolved('Condition must name a condition');
      if (c instanceof Unresolved) {
        report.add('unresolved', `${path}.Condition`, `${c.reason}: the resource is left out`, target);
        continue;
      }
      if (!c) {
        report.add('dropped', `${path}.Condition`, `condition ${String(resource.Condition)} is false`, target);
        continue;
      }
    }
    const props = stripUnresolved(evaluate(resource.Properties ?? {}, scope), `${path}.Properties`, (p, reason) => report.add('unresolved', p, reason, target));
    if (!isRecord(props)) {
      report.add('dropped', `${path}.Properties`, 'Properties must be a map: the resource is left out', target);
      continue;
    }
    if (props[t.nameProperty] === undefined) report.add('defaulted', `${path}.Properties.${t.nameProperty}`, `no ${t.nameProperty}: CloudFormation would generate one; named after the logical ID ${id}`, target);
    else if (typeof nameRaw !== 'string') report.add('unresolved', `${path}.Properties.${t.nameProperty}`, `the name is not known: named after the logical ID ${id}`, target);
    const ctx = { report, resource: target };
    const input: Record<string, unknown> = {};
    const meshName = t.kind === 'mesh' ? name : typeof props.MeshName === 'string' ? props.MeshName : undefined;
    for (const [key, value] of Object.entries(props)) {
      const at = `${path}.Properties.${key}`;
      if (key === t.nameProperty || (key === 'MeshName' && t.kind !== 'mesh')) continue;
      if (key === 'Spec') input.spec = toApiShape(value, specShapes[t.kind], at, ctx);
      else if (key === 'Tags' && Array.isArray(value)) input.tags = value.map((tag, i) => toApiShape(tag, specShapes.tag, `${at}[${i}]`, ctx));
      else if (key === 'MeshOwner' && t.kind !== 'mesh') input.meshOwner = value;
      else if ((t.kind === 'route' || t.kind === 'gatewayRoute') && key === parentProperties[t.kind]) input[key.charAt(0).toLowerCase() + key.slice(1)] = value;
      else report.add('dropped', at, `${key} is not a property of ${resource.Type}`, target);
    }
    const nameMember = t.kind === 'mesh' ? 'meshName' : `${t.kind}Name`;
    found.push({ kind: t.kind, name, meshName, source, path, input: t.kind === 'mesh' ? { ...input } : { [nameMember]: name, ...input } });
  }
  return found;
}

/** Imports one or more CloudFormation templates into the bundle of one mesh. */
export function importCloudFormation(sources: readonly SourceText[], options: CloudFormationOptions = {}): ImportResult {
  const reports: ReportBuilder[] = [];
  const resources: ImportedResource[] = [];
  for (const s of sources) {
    const report = new ReportBuilder(s.source);
    reports.push(report);
    resources.push(...importTemplate(s.source, parseTemplate(s), options, report));
  }
  if (!resources.length) throw new ImportInputError(sources[0]?.source ?? 'input', `has no AWS::AppMesh::* resources${whyNothing(reports)}`);
  return assembleImport(resources, reports, options);
}
