// Rules about one virtual gateway's own spec: its listeners and its access log (as a virtual node's,
// under gateway codes).
import type { AnalysisContext } from '../analysis/context';
import { gatewayId } from '../analysis/context';
import type { MeshModel } from '../input/mesh-model';
import { checkEnvoyOwnerSpec, type EnvoyOwnerRuleCodes } from '../analysis/envoy-owner-rules';

const gatewayCodes: EnvoyOwnerRuleCodes = {
  duplicateListenerPort: 'gateway.duplicate-listener-port',
  accessLogPathNotAllowed: 'gateway.access-log-path-not-allowed',
  healthCheckPortMismatch: 'gateway.health-check-port-mismatch',
  healthCheckPathMissing: 'gateway.health-check-path-missing',
  // A gateway health check is http, http2 or grpc (the schema has no tcp), so a path is at most ignored.
  healthCheckPathNotHttp: 'gateway.health-check-path-ignored',
  healthCheckPathIgnored: 'gateway.health-check-path-ignored',
  connectionPoolProtocolMismatch: 'gateway.connection-pool-protocol-mismatch',
};

export function checkVirtualGateway(ctx: AnalysisContext, gateway: MeshModel['virtualGateways'][number]): void {
  const resource = gatewayId(gateway.virtualGatewayName);
  if (gateway.spec.listeners.length === 0) {
    ctx.report({ code: 'gateway.listener-missing', category: 'spec', resource, path: 'spec.listeners', message: 'needs a listener (port and protocol) to receive traffic' });
  }
  checkEnvoyOwnerSpec(ctx, resource, gateway.spec, gatewayCodes);
}
