import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateBundle } from '../../analysis/validate-bundle';
import { importKubernetes } from './import-kubernetes';

const run = (text: string) => importKubernetes([{ source: 'gw.yaml', text }]);
const routes = (r: ReturnType<typeof run>) => r.bundle.gatewayRoutes as { gatewayRouteName: string; virtualGatewayName?: string; spec: Record<string, unknown> }[];
const entry = (r: ReturnType<typeof run>, path: string) => r.report.entries.find((e) => e.path === path);

const mesh = `
apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata: {name: edge}
spec: {namespaceSelector: {matchLabels: {mesh: edge}}}
---
apiVersion: v1
kind: Namespace
metadata: {name: web, labels: {mesh: edge, ingress: public}}
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualService
metadata: {name: shop, namespace: web}
spec: {awsName: shop.local}
`;
const gateway = (name: string, extra = '') => `
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualGateway
metadata: {name: ${name}, namespace: web}
spec:
  namespaceSelector: {matchLabels: {ingress: public}}
${extra}  listeners:
    - portMapping: {port: 8080, protocol: http}
`;
const route = (labels = '{}') => `
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: GatewayRoute
metadata: {name: shop, namespace: web, labels: ${labels}}
spec:
  httpRoute:
    match: {prefix: /shop}
    action:
      target:
        port: 8080
        virtualService:
          virtualServiceRef: {name: shop}
`;

test('a GatewayRoute joins the gateway whose namespaceSelector selects its namespace; its target Ref becomes the service name', () => {
  const r = run(mesh + gateway('ingress') + route());
  assert.deepEqual(routes(r), [
    {
      gatewayRouteName: 'shop_web',
      virtualGatewayName: 'ingress_web',
      spec: { httpRoute: { match: { prefix: '/shop' }, action: { target: { port: 8080, virtualService: { virtualServiceName: 'shop.local' } } } } },
    },
  ]);
  assert.equal(entry(r, 'documents[4] (GatewayRoute shop).spec')?.message, 'VirtualGateway web/ingress selects it (namespaceSelector): gateway ingress_web');
  assert.equal(entry(r, 'documents[3] (VirtualGateway ingress).spec.podSelector'), undefined);
  assert.match(entry(r, 'documents[3] (VirtualGateway ingress).spec.namespaceSelector')?.message ?? '', /^namespaceSelector picks the namespaces whose GatewayRoutes join this gateway: used to give this input's gateway routes their gateway, then dropped/);
  assert.deepEqual(validateBundle(r.bundle).findings.filter((f) => f.severity === 'error'), []);
});

test("gatewayRouteSelector decides between two gateways of one namespace, as the controller's webhook does", () => {
  const r = run(mesh + gateway('public', '  gatewayRouteSelector: {matchLabels: {tier: public}}\n') + gateway('partner', '  gatewayRouteSelector: {matchLabels: {tier: partner}}\n') + route('{tier: partner}'));
  assert.equal(routes(r)[0]?.virtualGatewayName, 'partner_web');
  assert.equal(entry(r, 'documents[5] (GatewayRoute shop).spec')?.message, 'VirtualGateway web/partner selects it (namespaceSelector and gatewayRouteSelector): gateway partner_web');
  const dropped = r.report.entries.find((e) => e.path === 'documents[3] (VirtualGateway public).spec.gatewayRouteSelector');
  assert.equal(dropped?.action, 'dropped');
});

test('two gateways that both select a route leave it without a gateway: reported, and the analysis says what breaks', () => {
  const r = run(mesh + gateway('a') + gateway('b') + route());
  assert.equal(routes(r)[0]?.virtualGatewayName, undefined);
  const e = entry(r, 'documents[5] (GatewayRoute shop).spec');
  assert.equal(e?.action, 'unresolved');
  assert.equal(e?.message, 'several VirtualGateways select it (web/a, web/b): the controller would refuse this GatewayRoute, and it has no gateway here');
  assert.ok(validateBundle(r.bundle).findings.some((f) => f.severity === 'error' && f.path.includes('virtualGatewayName')));
});

test("a kubectl export's virtualGatewayRef names the gateway even where no selector is in the input", () => {
  const text = `${mesh}${gateway('ingress')}
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: GatewayRoute
metadata: {name: shop, namespace: other}
spec:
  meshRef: {name: edge, uid: 1234}
  virtualGatewayRef: {name: ingress, namespace: web, uid: 5678}
  grpcRoute:
    match: {serviceName: shop.Cart}
    action: {target: {virtualService: {virtualServiceARN: 'arn:aws:appmesh:us-west-2:111122223333:mesh/edge/virtualService/cart.local'}}}
`;
  const r = run(text);
  assert.deepEqual(routes(r)[0], {
    gatewayRouteName: 'shop_other',
    virtualGatewayName: 'ingress_web',
    spec: { grpcRoute: { match: { serviceName: 'shop.Cart' }, action: { target: { virtualService: { virtualServiceName: 'cart.local' } } } } },
  });
  assert.equal(entry(r, 'documents[4] (GatewayRoute shop).spec.virtualGatewayRef')?.message, "virtualGatewayRef (written by the controller's webhook) gives the gateway ingress_web");
});

test('without the Namespace the only gateway is assumed and said so; with two it is unresolved', () => {
  const noNamespace = mesh.replace(/---\napiVersion: v1\nkind: Namespace[^\n]*\n[^\n]*\n/, '');
  const one = run(noNamespace + gateway('ingress') + route());
  assert.equal(routes(one)[0]?.virtualGatewayName, 'ingress_web');
  assert.equal(one.report.entries.find((e) => e.resource?.kind === 'gatewayRoute' && e.action === 'defaulted' && e.path.endsWith('.spec'))?.message, "no virtualGatewayRef, and namespace web is not in the input, so no gateway's namespaceSelector can be checked: put in the input's only VirtualGateway, web/ingress (App Mesh name ingress_web)");
  const two = run(noNamespace + gateway('a') + gateway('b') + route());
  assert.equal(routes(two)[0]?.virtualGatewayName, undefined);
  assert.match(two.report.entries.find((e) => e.action === 'unresolved' && e.resource?.kind === 'gatewayRoute')?.message ?? '', /namespace web is not in the input, so the gateways' namespaceSelector cannot choose a gateway: add the Namespace with its labels/);
});

test("older controller releases' listener logging moves to the gateway's logging", () => {
  const text = `${mesh}
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualGateway
metadata: {name: old, namespace: web}
spec:
  listeners:
    - portMapping: {port: 8080, protocol: http}
      logging: {accessLog: {file: {path: /dev/stdout}}}
`;
  const r = run(text);
  assert.deepEqual((r.bundle.virtualGateways as unknown[])[0], {
    virtualGatewayName: 'old_web',
    spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }], logging: { accessLog: { file: { path: '/dev/stdout' } } } },
  });
  assert.equal(entry(r, 'documents[3] (VirtualGateway old).spec.listeners[0].logging')?.action, 'mapped');
});
