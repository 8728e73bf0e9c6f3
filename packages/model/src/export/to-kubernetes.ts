// A bundle as App Mesh controller manifests (appmesh.k8s.aws/v1beta2): a Namespace labelled for
// the Mesh's namespaceSelector, every object with spec.awsName so App Mesh names stay exact, and
// references as the controller's *Ref fields. Gateway routes are not given a virtualGatewayRef (the
// controller's webhook refuses one on create): each VirtualGateway selects its routes by the label
// `gateway: <its name>` in the mesh's namespace, as the webhook chooses a gateway.
import { stringify } from 'yaml';
import { bundleItems, itemName, uniqueIds, type BundleItem } from './bundle-items';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const apiVersion = 'appmesh.k8s.aws/v1beta2';

// The controller spells ARN members in capitals (certificateARN, certificateAuthorityARNs).
const crdSpellings: Record<string, string> = { certificateArn: 'certificateARN', certificateAuthorityArns: 'certificateAuthorityARNs' };
function toCrdShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCrdShape);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [crdSpellings[k] ?? k, toCrdShape(v)]));
}

export interface KubernetesExport {
  /** The manifests, as one multi-document YAML text. */
  text: string;
  /** What the controller's CRDs cannot hold (tags, a second gateway listener). */
  notes: string[];
}

/** Kubernetes names: lower-case letters, digits and '-', at most 63 characters. */
const k8sName = (raw: string) => raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'x';

export function exportKubernetes(bundle: Record<string, unknown>, namespace?: string): KubernetesExport {
  const { meshName, items } = bundleItems(bundle);
  const ns = namespace ?? k8sName(meshName);
  const notes: string[] = [];
  const names = new Map<string, string>();
  const idFor = new Map<string, (raw: string) => string>();
  for (const item of items) {
    if (item.kind === 'route') continue;
    const next = idFor.get(item.kind) ?? uniqueIds(k8sName, '-');
    idFor.set(item.kind, next);
    names.set(`${item.kind}:${itemName(item)}`, next(item.name));
  }
  const ref = (kind: string, name: unknown) => ({ name: names.get(`${kind}:${String(name)}`) ?? k8sName(String(name)) });
  const object = (kind: string, item: BundleItem, spec: Record<string, unknown>, labels?: Record<string, string>) => {
    if (item.tags) notes.push(`${item.kind} ${itemName(item)}: tags are not part of the controller's ${kind} and are left out`);
    const metadata = { name: names.get(`${item.kind}:${itemName(item)}`) ?? k8sName(item.name), ...(kind === 'Mesh' ? {} : { namespace: ns }), ...(labels ? { labels } : {}) };
    return { apiVersion, kind, metadata, spec: { awsName: item.name, ...spec } };
  };
  const specOf = (item: BundleItem) => (isRecord(item.spec) ? (toCrdShape(item.spec) as Record<string, unknown>) : {});
  const docs: unknown[] = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { mesh: k8sName(meshName) } } }];
  const routesOf = (router: string) => items.filter((i) => i.kind === 'route' && i.virtualRouterName === router);
  for (const item of items) {
    const spec = specOf(item);
    switch (item.kind) {
      case 'mesh':
        docs.push(object('Mesh', item, { ...spec, namespaceSelector: { matchLabels: { mesh: k8sName(meshName) } } }));
        break;
      case 'virtualNode': {
        const backends = Array.isArray(spec.backends)
          ? spec.backends.map((b) => {
              const vs = isRecord(b) && isRecord(b.virtualService) ? b.virtualService : {};
              const { virtualServiceName, ...rest } = vs;
              return { virtualService: { virtualServiceRef: ref('virtualService', virtualServiceName), ...rest } };
            })
          : undefined;
        docs.push(object('VirtualNode', item, { ...spec, ...(backends ? { backends } : {}) }));
        break;
      }
      case 'virtualRouter': {
        const routes = routesOf(item.name).map((r) => {
          const rspec = specOf(r);
          for (const [k, v] of Object.entries(rspec)) {
            if (!isRecord(v) || !isRecord(v.action) || !Array.isArray(v.action.weightedTargets)) continue;
            const weightedTargets = v.action.weightedTargets.map((t) => {
              const { virtualNode, ...rest } = isRecord(t) ? t : {};
              return { virtualNodeRef: ref('virtualNode', virtualNode), ...rest };
            });
            rspec[k] = { ...v, action: { ...v.action, weightedTargets } };
          }
          if (r.tags) notes.push(`route ${item.name}/${r.name}: tags are not part of the controller's routes and are left out`);
          return { name: r.name, ...rspec };
        });
        docs.push(object('VirtualRouter', item, { ...spec, ...(routes.length ? { routes } : {}) }));
        break;
      }
      case 'virtualService': {
        const p = isRecord(spec.provider) ? spec.provider : undefined;
        const provider = p && isRecord(p.virtualNode)
          ? { virtualNode: { virtualNodeRef: ref('virtualNode', p.virtualNode.virtualNodeName) } }
          : p && isRecord(p.virtualRouter)
            ? { virtualRouter: { virtualRouterRef: ref('virtualRouter', p.virtualRouter.virtualRouterName) } }
            : undefined;
        docs.push(object('VirtualService', item, { ...spec, ...(provider ? { provider } : {}) }));
        break;
      }
      case 'virtualGateway': {
        const gateway = ref('virtualGateway', item.name).name;
        const listeners = Array.isArray(spec.listeners) ? spec.listeners.length : 0;
        if (listeners > 1) notes.push(`virtualGateway ${item.name}: the controller's VirtualGateway takes one listener, as App Mesh does; this one has ${listeners}, so the controller will refuse it`);
        // podSelector picks the gateway's Envoy pods: label the gateway Deployment's pods app=<name>.
        const selectors = { namespaceSelector: { matchLabels: { mesh: k8sName(meshName) } }, gatewayRouteSelector: { matchLabels: { gateway } }, podSelector: { matchLabels: { app: gateway } } };
        docs.push(object('VirtualGateway', item, { ...spec, ...selectors }));
        break;
      }
      case 'gatewayRoute': {
        const gspec = { ...spec };
        for (const [k, v] of Object.entries(spec)) {
          const target = isRecord(v) && isRecord(v.action) && isRecord(v.action.target) ? v.action.target : undefined;
          if (!isRecord(v) || !isRecord(v.action) || !target || !isRecord(target.virtualService)) continue;
          const virtualService = { virtualServiceRef: ref('virtualService', target.virtualService.virtualServiceName) };
          gspec[k] = { ...v, action: { ...v.action, target: { ...target, virtualService } } };
        }
        docs.push(object('GatewayRoute', item, gspec, { gateway: ref('virtualGateway', item.virtualGatewayName).name }));
        break;
      }
      case 'route':
        break;
    }
  }
  return { text: docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n'), notes };
}
