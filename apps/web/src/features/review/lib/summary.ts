import type { ReviewSection } from '../components/ReviewSummary';
import type { WizardValues } from '../../wizard/lib/form-values';
import { effectiveGatewayRouting, meshModelFromBundle } from '@meshwright/model';
import { toBundle } from '../../wizard/lib/to-bundle';
import { sharesOf } from '../../wizard/lib/weights';

const orDash = (s: string) => (s.trim() === '' ? '—' : s.trim());

/** The review's sections, one per wizard step, in words a person reads. */
export function reviewSections(values: WizardValues): ReviewSection[] {
  const sections: ReviewSection[] = [
    {
      title: 'Mesh and service',
      step: 0,
      editLabel: 'mesh and service',
      rows: [
        { label: 'Mesh name', value: values.meshName },
        { label: 'Virtual service name', value: values.virtualServiceName },
        { label: 'Provider', value: values.useRouter ? `virtual router ${values.router.name}` : `virtual node ${values.nodes[0]?.name ?? ''}` },
      ],
    },
  ];
  values.nodes.forEach((n) => {
    const hc = n.healthCheck;
    sections.push({
      title: `Virtual node ${n.name}`,
      step: 1,
      editLabel: `virtual node ${n.name}`,
      rows: [
        { label: 'Service discovery', value: n.discovery === 'dns' ? `DNS ${n.dnsHostname}` : n.discovery === 'cloudMap' ? `Cloud Map ${n.cloudMapNamespace}/${n.cloudMapService}` : 'None' },
        { label: 'Listener', value: n.discovery === 'none' ? 'None' : `${n.protocol} ${n.port}` },
        {
          label: 'Health check',
          value: n.discovery !== 'none' && hc.enabled ? `${hc.protocol}${hc.path ? ` ${hc.path}` : ''} every ${hc.intervalMillis} ms, timeout ${hc.timeoutMillis} ms, ${hc.healthyThreshold}/${hc.unhealthyThreshold}` : 'Off',
        },
        { label: 'Backends', value: n.backends.length ? n.backends.map((b) => b.name).join(', ') : '—' },
        { label: 'Log path', value: orDash(n.logPath) },
      ],
    });
  });
  if (values.useRouter) {
    const r = values.route;
    const shares = sharesOf(r.targets.map((t) => t.weight));
    sections.push({
      title: `Virtual router ${values.router.name}`,
      step: 2,
      editLabel: 'router and route',
      rows: [
        { label: 'Listener', value: `${values.router.protocol} ${values.router.port}` },
        { label: 'Route', value: `${r.name} (${r.type}${Number.isNaN(r.priority) ? '' : `, priority ${r.priority}`})` },
        { label: 'Match', value: r.type === 'http' || r.type === 'http2' ? `${r.method || 'any method'} ${r.prefix}${r.headers.length ? ` + ${r.headers.length} header(s)` : ''}` : '—' },
        { label: 'Targets', value: r.targets.map((t, i) => `${t.node} ${t.weight} (${shares[i] ?? 0}%)`).join(', ') },
      ],
    });
  }
  if (values.useGateway) {
    const g = values.gateway;
    // What each route does to a request, in the model's words (default rewrites spelled out).
    const routing = effectiveGatewayRouting(meshModelFromBundle(toBundle(values)), g.name.trim());
    sections.push({
      title: `Virtual gateway ${g.name}`,
      step: 3,
      editLabel: 'ingress gateway',
      rows: [
        { label: 'Listener', value: `${g.protocol} ${g.port}` },
        ...routing.map((r) => ({ label: `Gateway route ${r.gatewayRouteName}`, value: r.example && r.example.request !== r.example.upstream ? `${r.sentence} (${r.example.request} arrives as ${r.example.upstream})` : r.sentence })),
      ],
    });
  }
  return sections;
}
