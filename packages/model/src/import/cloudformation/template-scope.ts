// The scope a template's intrinsic functions are evaluated in: parameters, pseudo parameters,
// conditions, and what Ref and Fn::GetAtt give for each resource.
import { evaluate, Unresolved, type TemplateScope } from './intrinsics';

/** App Mesh resource types, the property holding each one's name, and its ARN path. */
export const appMeshTypes = {
  'AWS::AppMesh::Mesh': { kind: 'mesh', nameProperty: 'MeshName', segment: '' },
  'AWS::AppMesh::VirtualNode': { kind: 'virtualNode', nameProperty: 'VirtualNodeName', segment: 'virtualNode' },
  'AWS::AppMesh::VirtualService': { kind: 'virtualService', nameProperty: 'VirtualServiceName', segment: 'virtualService' },
  'AWS::AppMesh::VirtualRouter': { kind: 'virtualRouter', nameProperty: 'VirtualRouterName', segment: 'virtualRouter' },
  'AWS::AppMesh::Route': { kind: 'route', nameProperty: 'RouteName', segment: 'route' },
  'AWS::AppMesh::VirtualGateway': { kind: 'virtualGateway', nameProperty: 'VirtualGatewayName', segment: 'virtualGateway' },
  'AWS::AppMesh::GatewayRoute': { kind: 'gatewayRoute', nameProperty: 'GatewayRouteName', segment: 'gatewayRoute' },
} as const;
export type AppMeshType = keyof typeof appMeshTypes;
export const isAppMeshType = (t: unknown): t is AppMeshType => typeof t === 'string' && t in appMeshTypes;

/** Pseudo parameters a user may set; the defaults are meshwright's own account and region. */
export interface PseudoParameters {
  'AWS::StackName'?: string;
  'AWS::Region'?: string;
  'AWS::AccountId'?: string;
  'AWS::Partition'?: string;
  'AWS::URLSuffix'?: string;
}
export const defaultPseudoParameters = {
  'AWS::StackName': 'meshwright-import',
  'AWS::Region': 'us-west-2',
  'AWS::AccountId': '000000000000',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
} as const;

export interface TemplateResource {
  Type?: unknown;
  Properties?: Record<string, unknown>;
  Condition?: unknown;
}

export interface Template {
  Parameters?: Record<string, { Default?: unknown; Type?: unknown }>;
  Mappings?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, TemplateResource>;
}

export interface ScopeInput {
  template: Template;
  parameters: Record<string, string>;
  pseudo: Record<string, string>;
  /** Reports a parameter that has neither a --parameter value nor a default. */
  onMissingParameter: (name: string) => void;
}

function parameterValue(raw: unknown, type: unknown): unknown {
  // CommaDelimitedList and List<...> parameters are lists; everything else is a string.
  if (typeof raw === 'string' && typeof type === 'string' && (type === 'CommaDelimitedList' || type.startsWith('List<'))) return raw.split(',').map((s) => s.trim());
  return typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : raw;
}

export function templateScope({ template, parameters, pseudo, onMissingParameter }: ScopeInput): TemplateScope & { nameOf: (id: string) => unknown } {
  const refs: Record<string, unknown> = { ...defaultPseudoParameters, ...pseudo };
  refs['AWS::StackId'] = `arn:${String(refs['AWS::Partition'])}:cloudformation:${String(refs['AWS::Region'])}:${String(refs['AWS::AccountId'])}:stack/${String(refs['AWS::StackName'])}/meshwright`;
  refs['AWS::NotificationARNs'] = [];
  for (const [name, declared] of Object.entries(template.Parameters ?? {}) as [string, unknown][]) {
    const p = typeof declared === 'object' && declared !== null ? (declared as { Default?: unknown; Type?: unknown }) : {};
    const raw = parameters[name] ?? p.Default;
    if (raw === undefined) {
      onMissingParameter(name);
      refs[name] = new Unresolved(`parameter ${name} has no default; give it with --parameter ${name}=VALUE`);
    } else refs[name] = parameterValue(raw, p.Type);
  }
  const conditionCache = new Map<string, boolean | Unresolved>();
  const resolving = new Set<string>();
  const resources = template.Resources;

  const scope: TemplateScope & { nameOf: (id: string) => unknown } = {
    refs,
    mappings: template.Mappings ?? {},
    condition(name) {
      const cached = conditionCache.get(name);
      if (cached !== undefined) return cached;
      const def = template.Conditions?.[name];
      if (def === undefined || resolving.has(`condition:${name}`)) return new Unresolved(`condition ${name} is not defined`);
      resolving.add(`condition:${name}`);
      const v = evaluate(def, scope);
      resolving.delete(`condition:${name}`);
      const result = v instanceof Unresolved || typeof v === 'boolean' ? v : new Unresolved(`condition ${name} is not true or false`);
      conditionCache.set(name, result);
      return result;
    },
    nameOf(id) {
      const r = resources[id];
      if (!r || !isAppMeshType(r.Type)) return new Unresolved(`${id} is not an App Mesh resource of this template`);
      const raw = r.Properties?.[appMeshTypes[r.Type].nameProperty];
      if (raw === undefined) return id;
      if (resolving.has(id)) return new Unresolved(`${id}'s name refers to itself`);
      resolving.add(id);
      const v = evaluate(raw, scope);
      resolving.delete(id);
      return v;
    },
    resourceRef(id) {
      const r = resources[id];
      if (!r) return new Unresolved(`Ref to ${id}, which the template does not define`);
      if (!isAppMeshType(r.Type)) return new Unresolved(`Ref to ${id} (${String(r.Type)}), which is not an App Mesh resource`);
      return arnOf(id);
    },
    getAtt(id, attribute) {
      const r = resources[id];
      if (!r) return new Unresolved(`Fn::GetAtt ${id}.${attribute}: the template does not define ${id}`);
      if (!isAppMeshType(r.Type)) return new Unresolved(`Fn::GetAtt ${id}.${attribute}: ${id} is a ${String(r.Type)}, not an App Mesh resource`);
      const t = appMeshTypes[r.Type];
      if (attribute === t.nameProperty) return scope.nameOf(id);
      if (attribute === 'Arn') return arnOf(id);
      if (attribute === 'MeshOwner' || attribute === 'ResourceOwner') return refs['AWS::AccountId'];
      const parentProperty = attribute === 'MeshName' || attribute === 'VirtualRouterName' || attribute === 'VirtualGatewayName' ? attribute : undefined;
      if (parentProperty && r.Properties?.[parentProperty] !== undefined) return evaluate(r.Properties[parentProperty], scope);
      return new Unresolved(`Fn::GetAtt ${id}.${attribute} is only known once AWS creates the resource`);
    },
  };

  function arnOf(id: string): unknown {
    const r = resources[id];
    if (!r || !isAppMeshType(r.Type)) return new Unresolved(`${id} is not an App Mesh resource`);
    const t = appMeshTypes[r.Type];
    const name = scope.nameOf(id);
    const mesh = t.kind === 'mesh' ? name : evaluate(r.Properties?.MeshName, scope);
    const parts = [mesh];
    if (t.kind === 'route') parts.push('virtualRouter', evaluate(r.Properties?.VirtualRouterName, scope));
    if (t.kind === 'gatewayRoute') parts.push('virtualGateway', evaluate(r.Properties?.VirtualGatewayName, scope));
    if (t.segment !== '') parts.push(t.segment, name);
    const bad = parts.find((p) => p instanceof Unresolved);
    if (bad) return bad;
    return `arn:${String(refs['AWS::Partition'])}:appmesh:${String(refs['AWS::Region'])}:${String(refs['AWS::AccountId'])}:mesh/${parts.map(String).join('/')}`;
  }
  return scope;
}
