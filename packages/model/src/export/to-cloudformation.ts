// A bundle as a CloudFormation template: one AWS::AppMesh::* resource per item, properties in
// CloudFormation's spelling, MeshName, VirtualRouterName and VirtualGatewayName by Fn::GetAtt so the
// stack creates the mesh, routers and gateways first, DependsOn for what specs name (route targets,
// providers, gateway route targets; backends need not exist).
import { stringify } from 'yaml';
import { memberTable } from '../import/member-names.generated';
import { specShapes } from '../import/member-table';
import { bundleItems, itemName, uniqueIds, type BundleItem } from './bundle-items';

// CloudFormation's names that are more than the API's name with a capital first letter.
const cloudFormationSpellings: Record<string, string> = {
  tls: 'TLS',
  acm: 'ACM',
  sds: 'SDS',
  dns: 'DNS',
  awsCloudMap: 'AWSCloudMap',
  http: 'HTTP',
  http2: 'HTTP2',
  grpc: 'GRPC',
  tcp: 'TCP',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Renames an API-shaped value's members to CloudFormation's spelling, following the API model's shapes. */
export function toCloudFormationShape(value: unknown, shape: string): unknown {
  const members = memberTable[shape];
  if (Array.isArray(value)) return value.map((v) => toCloudFormationShape(v, shape));
  if (!members || !isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => {
      const target = members[key.toLowerCase()]?.[1] ?? '';
      const name = cloudFormationSpellings[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
      return [name, toCloudFormationShape(child, target)];
    }),
  );
}

const typeOf = { mesh: 'Mesh', virtualNode: 'VirtualNode', virtualRouter: 'VirtualRouter', route: 'Route', virtualService: 'VirtualService', virtualGateway: 'VirtualGateway', gatewayRoute: 'GatewayRoute' } as const;

/** The names an item's spec refers to, by kind, so DependsOn can list them. */
function referencedNames(item: BundleItem): { kind: BundleItem['kind']; name: string }[] {
  const spec = isRecord(item.spec) ? item.spec : {};
  const out: { kind: BundleItem['kind']; name: string }[] = [];
  if (item.kind === 'route') {
    for (const r of Object.values(spec)) {
      const targets = isRecord(r) && isRecord(r.action) && Array.isArray(r.action.weightedTargets) ? r.action.weightedTargets : [];
      for (const t of targets) if (isRecord(t)) out.push({ kind: 'virtualNode', name: String(t.virtualNode) });
    }
  }
  if (item.kind === 'virtualService' && isRecord(spec.provider)) {
    const p = spec.provider;
    if (isRecord(p.virtualNode)) out.push({ kind: 'virtualNode', name: String(p.virtualNode.virtualNodeName) });
    if (isRecord(p.virtualRouter)) out.push({ kind: 'virtualRouter', name: String(p.virtualRouter.virtualRouterName) });
  }
  if (item.kind === 'gatewayRoute') {
    for (const r of Object.values(spec)) {
      const service = isRecord(r) && isRecord(r.action) && isRecord(r.action.target) && isRecord(r.action.target.virtualService) ? r.action.target.virtualService : undefined;
      if (service) out.push({ kind: 'virtualService', name: String(service.virtualServiceName) });
    }
  }
  return out;
}

/** The template text (YAML) of a bundle. */
export function exportCloudFormation(bundle: Record<string, unknown>, description = 'App Mesh resources exported by meshwright'): string {
  const { meshName, items } = bundleItems(bundle);
  const logicalId = uniqueIds((raw) => raw.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase()).replace(/^./, (c) => c.toUpperCase()), '');
  const ids = new Map<string, string>();
  const key = (kind: string, name: string) => `${kind}:${name}`;
  for (const item of items) ids.set(key(item.kind, itemName(item)), logicalId(`${typeOf[item.kind]}-${itemName(item).replace('/', '-')}`));
  const idOf = (item: BundleItem) => ids.get(key(item.kind, itemName(item))) ?? '';
  const parentRef = (kind: 'virtualRouter' | 'virtualGateway', name: string | undefined) => {
    const id = ids.get(key(kind, name ?? ''));
    return id ? { 'Fn::GetAtt': [id, `${typeOf[kind]}Name`] } : name;
  };
  const meshId = ids.get(key('mesh', meshName)) ?? 'Mesh';
  const resources: Record<string, unknown> = {};
  for (const item of items) {
    const props: Record<string, unknown> = {};
    if (item.kind === 'mesh') props.MeshName = meshName;
    else props.MeshName = { 'Fn::GetAtt': [meshId, 'MeshName'] };
    if (item.kind === 'route') props.VirtualRouterName = parentRef('virtualRouter', item.virtualRouterName);
    if (item.kind === 'gatewayRoute') props.VirtualGatewayName = parentRef('virtualGateway', item.virtualGatewayName);
    if (item.kind !== 'mesh') props[`${typeOf[item.kind]}Name`] = item.name;
    if (item.spec !== undefined) props.Spec = toCloudFormationShape(item.spec, specShapes[item.kind]);
    if (item.tags) props.Tags = toCloudFormationShape(item.tags, specShapes.tag);
    const dependsOn = [...new Set(referencedNames(item).flatMap((r) => ids.get(key(r.kind, r.name)) ?? []))];
    resources[idOf(item)] = { Type: `AWS::AppMesh::${typeOf[item.kind]}`, ...(dependsOn.length ? { DependsOn: dependsOn } : {}), Properties: props };
  }
  const text = stringify({ AWSTemplateFormatVersion: '2010-09-09', Description: description, Resources: resources }, { lineWidth: 0 });
  // CloudFormation reads YAML 1.1, where a bare 2010-09-09 is a date.
  return text.replace(/^AWSTemplateFormatVersion: 2010-09-09$/m, 'AWSTemplateFormatVersion: "2010-09-09"');
}
