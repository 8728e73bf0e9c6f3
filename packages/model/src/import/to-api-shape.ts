// Renames the members of a CloudFormation or Kubernetes spec to the API's spelling, shape by shape,
// following the generated table. Members the API does not have are left out and reported.
import { memberTable } from './member-names.generated';
import type { ReportBuilder, ReportEntry } from './report';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// Members that hold a resource name: an App Mesh ARN there stands for the resource it names.
const nameMembers = new Set(['meshName', 'virtualNodeName', 'virtualServiceName', 'virtualRouterName', 'virtualNode', 'virtualGatewayName']);
const appMeshArn = /^arn:[^:]+:appmesh:[^:]*:[^:]*:mesh\/[^/]+(?:\/[A-Za-z]+\/([^/]+))*$/;

/** The resource name an App Mesh ARN ends with (the mesh name for a mesh ARN). */
export function nameFromArn(arn: string): string | undefined {
  if (!appMeshArn.test(arn)) return undefined;
  return arn.split('/').pop();
}

export interface ShapeContext {
  report: ReportBuilder;
  resource: ReportEntry['resource'];
}

function scalar(value: unknown, target: string, path: string, ctx: ShapeContext, member: string): unknown {
  // CloudFormation passes parameters as strings; the API wants numbers and booleans.
  if (target === 'number' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (target === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (target === 'string' && typeof value === 'string' && nameMembers.has(member)) {
    const name = nameFromArn(value);
    if (name !== undefined) {
      ctx.report.add('mapped', path, `the ARN ${value} stands for the name ${name}`, ctx.resource);
      return name;
    }
  }
  return value;
}

/** Converts `value` (shaped as `shape` up to letter case) to the API's member names. */
export function toApiShape(value: unknown, shape: string, path: string, ctx: ShapeContext): unknown {
  const members = memberTable[shape];
  if (!members || !isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const entry = members[key.toLowerCase()];
    const childPath = `${path}.${key}`;
    if (!entry) {
      ctx.report.add('dropped', childPath, `${key} is not a member of the App Mesh ${shape}`, ctx.resource);
      continue;
    }
    const [name, target, list] = entry;
    const convert = (v: unknown, p: string) => (memberTable[target] ? toApiShape(v, target, p, ctx) : scalar(v, target, p, ctx, name));
    out[name] = list && Array.isArray(child) ? child.map((item, i) => convert(item, `${childPath}[${i}]`)) : convert(child, childPath);
  }
  return out;
}
