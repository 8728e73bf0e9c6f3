// Which mesh a Kubernetes object belongs to: its meshRef, the --namespace-mesh flag, a Mesh whose
// namespaceSelector matches the namespace's labels, or the one Mesh of the input.
import type { ImportedKind, ReportBuilder } from '../report';
import { awsNameOf, type K8sObject } from './names';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a label selector (matchLabels and matchExpressions) selects these labels. */
export function selects(selector: unknown, labels: Record<string, string>): boolean {
  if (!isRecord(selector)) return false;
  const matchLabels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  if (!Object.entries(matchLabels).every(([k, v]) => labels[k] === String(v))) return false;
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return expressions.every((e) => {
    if (!isRecord(e) || typeof e.key !== 'string') return false;
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    const has = e.key in labels;
    const value = labels[e.key];
    switch (e.operator) {
      case 'In':
        return value !== undefined && values.includes(value);
      case 'NotIn':
        return value === undefined || !values.includes(value);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}

export function meshOf(
  o: K8sObject,
  objects: readonly K8sObject[],
  namespaces: readonly K8sObject[],
  namespaceMesh: Record<string, string>,
  report: ReportBuilder,
  resource: { kind: ImportedKind; name: string },
): string | undefined {
  const meshes = objects.filter((x) => x.kind === 'Mesh');
  const ref = o.spec.meshRef;
  if (isRecord(ref) && typeof ref.name === 'string') {
    const mesh = meshes.find((m) => m.name === ref.name);
    return mesh ? awsNameOf(mesh) : ref.name;
  }
  const flagged = namespaceMesh[o.namespace];
  if (flagged !== undefined) return flagged;
  const ns = namespaces.find((n) => n.name === o.namespace);
  if (ns) {
    const matching = meshes.filter((m) => selects(m.spec.namespaceSelector, ns.labels));
    const [only] = matching;
    if (matching.length === 1 && only) {
      report.add('mapped', `${o.path}.metadata.namespace`, `namespace ${o.namespace}'s labels match mesh ${awsNameOf(only)}'s namespaceSelector`, resource);
      return awsNameOf(only);
    }
    if (matching.length > 1) report.add('unresolved', `${o.path}.metadata.namespace`, `namespace ${o.namespace} matches several meshes' namespaceSelector (${matching.map(awsNameOf).join(', ')})`, resource);
  }
  const [single] = meshes;
  if (meshes.length === 1 && single) return awsNameOf(single);
  return undefined;
}
