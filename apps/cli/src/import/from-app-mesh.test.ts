import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import {
  CreateGatewayRouteCommand,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualGatewayCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  type CreateGatewayRouteCommandInput,
  type CreateMeshCommandInput,
  type CreateRouteCommandInput,
  type CreateVirtualNodeCommandInput,
  type CreateVirtualRouterCommandInput,
  type CreateVirtualGatewayCommandInput,
  type CreateVirtualServiceCommandInput,
} from '@aws-sdk/client-app-mesh';
import { startTestServer, type TestServer } from '../../../../testkit/bff';
import { sqliteVariant } from '../../../../testkit/stores';
import { runImport } from './import-command';

interface Bundle {
  mesh: CreateMeshCommandInput;
  virtualNodes: Omit<CreateVirtualNodeCommandInput, 'meshName'>[];
  virtualRouters: Omit<CreateVirtualRouterCommandInput, 'meshName'>[];
  routes: Omit<CreateRouteCommandInput, 'meshName'>[];
  virtualServices: Omit<CreateVirtualServiceCommandInput, 'meshName'>[];
  virtualGateways: Omit<CreateVirtualGatewayCommandInput, 'meshName'>[];
  gatewayRoutes: Omit<CreateGatewayRouteCommandInput, 'meshName'>[];
}
const example = (p: string) => JSON.parse(readFileSync(new URL(`../../../../examples/import/${p}`, import.meta.url), 'utf8')) as Bundle;
const seeded = example('cloudformation/color-app.bundle.json');
// A gateway with three listeners (TLS, logging, backend defaults) and gateway routes of every kind.
const gateways = example('gateways/front-door.bundle.json');
const byName = <T>(items: T[], key: (t: T) => string) => [...items].sort((a, b) => key(a).localeCompare(key(b)));

let server: TestServer;
before(async () => {
  server = await startTestServer(sqliteVariant);
  // Seeded one call at a time through the SDK, as a mesh on AWS would have been built.
  for (const bundle of [seeded, gateways]) {
    const meshName = bundle.mesh.meshName;
    await server.client.send(new CreateMeshCommand(bundle.mesh));
    for (const n of bundle.virtualNodes) await server.client.send(new CreateVirtualNodeCommand({ meshName, ...n }));
    for (const r of bundle.virtualRouters) await server.client.send(new CreateVirtualRouterCommand({ meshName, ...r }));
    for (const r of bundle.routes) await server.client.send(new CreateRouteCommand({ meshName, ...r }));
    for (const s of bundle.virtualServices) await server.client.send(new CreateVirtualServiceCommand({ meshName, ...s }));
    for (const g of bundle.virtualGateways) await server.client.send(new CreateVirtualGatewayCommand({ meshName, ...g }));
    for (const r of bundle.gatewayRoutes) await server.client.send(new CreateGatewayRouteCommand({ meshName, ...r }));
  }
  process.env.AWS_ACCESS_KEY_ID = 'AKIDMESHWRIGHTTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'not-a-secret';
});
after(async () => server.close());

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runImport(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('--from-app-mesh lists and describes every resource through the SDK: the bundle holds every spec and tag exactly', async () => {
  const r = await cli('--from-app-mesh', '--region', 'us-west-2', '--endpoint', server.url, '--mesh', 'colorapp');
  assert.equal(r.code, 0, r.err);
  const got = JSON.parse(r.out) as Bundle;
  assert.deepEqual(got.mesh, seeded.mesh);
  assert.deepEqual(byName(got.virtualNodes, (n) => n.virtualNodeName ?? ''), byName(seeded.virtualNodes, (n) => n.virtualNodeName ?? ''));
  assert.deepEqual(got.virtualRouters, seeded.virtualRouters);
  assert.deepEqual(byName(got.routes, (x) => x.routeName ?? ''), byName(seeded.routes, (x) => x.routeName ?? ''));
  assert.deepEqual(got.virtualServices, seeded.virtualServices);
  assert.deepEqual(got.virtualGateways, seeded.virtualGateways);
  assert.deepEqual(got.gatewayRoutes, seeded.gatewayRoutes);
  assert.match(r.err, /10 resources imported; 0 errors, 0 warnings/);
});

test('--from-app-mesh lists and describes gateways and each gateway\'s routes: every spec and tag comes back exactly', async () => {
  const r = await cli('--from-app-mesh', '--region', 'us-west-2', '--endpoint', server.url, '--mesh', 'front-door');
  assert.equal(r.code, 0, r.err);
  const got = JSON.parse(r.out) as Bundle;
  assert.deepEqual(got.virtualGateways, gateways.virtualGateways);
  const key = (x: { virtualGatewayName?: string; gatewayRouteName?: string }) => `${x.virtualGatewayName ?? ''}/${x.gatewayRouteName ?? ''}`;
  assert.deepEqual(byName(got.gatewayRoutes, key), byName(gateways.gatewayRoutes, key));
  assert.match(r.err, /12 resources imported; 0 errors, 0 warnings/);
});

test('a mesh that does not exist exits 2 with the service error', async () => {
  const r = await cli('--from-app-mesh', '--region', 'us-west-2', '--endpoint', server.url, '--mesh', 'nope');
  assert.equal(r.code, 2);
  assert.match(r.err, /^error: app-mesh:us-west-2\/nope: NotFoundException: /);
});
