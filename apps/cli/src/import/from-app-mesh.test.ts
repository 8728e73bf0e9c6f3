import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import {
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  type CreateMeshCommandInput,
  type CreateRouteCommandInput,
  type CreateVirtualNodeCommandInput,
  type CreateVirtualRouterCommandInput,
  type CreateVirtualServiceCommandInput,
} from '@aws-sdk/client-app-mesh';
import { startTestServer, type TestServer, useTestCredentialsInEnv } from '../../../../testkit/bff';
import { sqliteVariant } from '../../../../testkit/stores';
import { runImport } from './import-command';

interface Bundle {
  mesh: CreateMeshCommandInput;
  virtualNodes: Omit<CreateVirtualNodeCommandInput, 'meshName'>[];
  virtualRouters: Omit<CreateVirtualRouterCommandInput, 'meshName'>[];
  routes: Omit<CreateRouteCommandInput, 'meshName'>[];
  virtualServices: Omit<CreateVirtualServiceCommandInput, 'meshName'>[];
}
const seeded = JSON.parse(readFileSync(new URL('../../../../examples/import/cloudformation/color-app.bundle.json', import.meta.url), 'utf8')) as Bundle;
const byName = <T>(items: T[], key: (t: T) => string) => [...items].sort((a, b) => key(a).localeCompare(key(b)));

let server: TestServer;
before(async () => {
  useTestCredentialsInEnv();
  server = await startTestServer(sqliteVariant);
  // Seeded one call at a time through the SDK, as a mesh on AWS would have been built.
  const meshName = seeded.mesh.meshName;
  await server.client.send(new CreateMeshCommand(seeded.mesh));
  for (const n of seeded.virtualNodes) await server.client.send(new CreateVirtualNodeCommand({ meshName, ...n }));
  for (const r of seeded.virtualRouters) await server.client.send(new CreateVirtualRouterCommand({ meshName, ...r }));
  for (const r of seeded.routes) await server.client.send(new CreateRouteCommand({ meshName, ...r }));
  for (const s of seeded.virtualServices) await server.client.send(new CreateVirtualServiceCommand({ meshName, ...s }));
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
  assert.match(r.err, /8 resources imported; 0 errors, 0 warnings/);
});

test('a mesh that does not exist exits 2 with the service error', async () => {
  const r = await cli('--from-app-mesh', '--region', 'us-west-2', '--endpoint', server.url, '--mesh', 'nope');
  assert.equal(r.code, 2);
  assert.match(r.err, /^error: app-mesh:us-west-2\/nope: NotFoundException: /);
});
