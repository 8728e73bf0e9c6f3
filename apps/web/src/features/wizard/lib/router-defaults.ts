import type { WizardValues } from './form-values';
import { evenWeights } from './weights';

/**
 * Defaults for step 3, applied when it is first reached (the router has no name yet): the router
 * listener takes the first node's port and protocol, the route type follows, and every node with a
 * listener becomes a target with an even share. Pure: answers the new router and route values.
 */
export function withRouterDefaults(values: WizardValues): WizardValues {
  if (values.router.name.trim() !== '') return values;
  const first = values.nodes.find((n) => n.discovery !== 'none');
  const base = values.virtualServiceName.trim().split('.')[0] || values.meshName.trim() || 'service';
  const protocol = first?.protocol ?? 'http';
  const targets = values.nodes.filter((n) => n.discovery !== 'none' && n.name.trim() !== '').slice(0, 10);
  const weights = evenWeights(targets.length);
  return {
    ...values,
    router: { name: `${base}-router`, port: first?.port ?? 8080, protocol },
    route: {
      ...values.route,
      name: values.route.name.trim() || `${base}-route`,
      type: protocol,
      prefix: values.route.prefix || '/',
      targets: targets.length > 0 ? targets.map((n, i) => ({ node: n.name.trim(), weight: weights[i] ?? 0 })) : values.route.targets,
    },
  };
}
