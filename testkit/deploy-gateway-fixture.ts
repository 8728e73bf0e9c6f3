// Test support: a gateway with two listeners (80 and 8443), compiled both ways, and its deploy facts.
import { compileGateway, gatewayFacts, toEnvoyYaml } from '@meshwright/model';
import { multiListenerGatewayMesh } from './gateway-meshes';

export const GATEWAY_PORTS = [80, 8443];

export function edgeGateway() {
  const model = multiListenerGatewayMesh({ upstream: { a: 9001, b: 9002 }, gateway: GATEWAY_PORTS });
  const staticResult = compileGateway(model, 'edge', { mode: 'static' });
  const ads = compileGateway(model, 'edge', { mode: 'ads' });
  const facts = gatewayFacts({ meshName: 'gate', gatewayName: 'edge', staticBootstrap: staticResult.bootstrap, bootstrapYaml: toEnvoyYaml(ads.bootstrap) });
  return { staticBootstrap: staticResult.bootstrap as Record<string, unknown>, facts };
}
