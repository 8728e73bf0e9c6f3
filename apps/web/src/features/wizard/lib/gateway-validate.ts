import { validateBundle, type Bundle, type Finding, type VirtualGatewaySpec } from '@meshwright/model';
import { parsePath } from './field-paths';
import { gatewayRouteSpecField, gatewayRouteSpecFromValues, gatewaySpecField, gatewaySpecFromValues } from './gateway-spec';
import type { GatewayRouteValues, GatewayValues } from './gateway-values';
import type { FormIssue } from './validate';

// The gateway forms ask the model, as the node and route forms do: the values become a small bundle,
// validateBundle judges it, and each error finding about the gateway or route is led back to its field.

const bundleWith = (parts: Partial<Bundle>): Bundle => ({
  mesh: { meshName: 'm', spec: {} },
  virtualNodes: [],
  virtualRouters: [],
  routes: [],
  virtualServices: [],
  virtualGateways: [],
  gatewayRoutes: [],
  ...parts,
});

const errorsAbout = (bundle: Bundle, kind: Finding['resource']['kind']) =>
  validateBundle(bundle).findings.filter((f) => f.severity === 'error' && f.resource.kind === kind);

/** `spec.listeners[0].portMapping.port` -> `['listeners', 0, 'portMapping', 'port']`; undefined off the spec. */
const inSpec = (path: string) => (path.startsWith('spec') ? parsePath(path).slice(1) : undefined);

/** The model's findings about a gateway, at the gateway form's fields (`listeners.0.port`, `logPath`, `name`). */
export function validateGatewayValues(v: GatewayValues): FormIssue[] {
  const gateway = { meshName: 'm', virtualGatewayName: v.name.trim(), spec: gatewaySpecFromValues(v) };
  return errorsAbout(bundleWith({ virtualGateways: [gateway] }), 'virtualGateway').map((f) => {
    const spec = inSpec(f.path);
    return { field: spec ? gatewaySpecField(spec) : 'name', message: f.message };
  });
}

/** What a gateway route is judged against: its gateway and the virtual services of the mesh. */
export interface GatewayRouteContext {
  gateway: { name: string; spec: VirtualGatewaySpec };
  services: string[];
}

/** The model's findings about one gateway route, at the route form's fields (`path`, `target`, `prefixValue`). */
export function validateGatewayRouteValues(route: GatewayRouteValues, ctx: GatewayRouteContext): FormIssue[] {
  const bundle = bundleWith({
    virtualGateways: [{ meshName: 'm', virtualGatewayName: ctx.gateway.name, spec: ctx.gateway.spec }],
    gatewayRoutes: [{ meshName: 'm', virtualGatewayName: ctx.gateway.name, gatewayRouteName: route.name.trim(), spec: gatewayRouteSpecFromValues(route) }],
    virtualServices: ctx.services.map((s) => ({ meshName: 'm', virtualServiceName: s, spec: {} })),
  });
  return errorsAbout(bundle, 'gatewayRoute').map((f) => {
    const spec = inSpec(f.path);
    return { field: spec ? gatewayRouteSpecField(spec) : 'name', message: f.message };
  });
}
