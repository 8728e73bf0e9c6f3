// `meshwright proxies list|revoke` against a real server whose ADS downloads issue proxy certificates.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CreateMeshCommand, CreateVirtualNodeCommand } from '@aws-sdk/client-app-mesh';
import { nodeSpec } from '../../../../testkit/appmesh-specs';
import { startTestServer, type TestServer, useTestCredentialsInEnv } from '../../../../testkit/bff';
import { apiRequest } from '../../../../testkit/http';
import { sqliteVariant } from '../../../../testkit/stores';
import { testXdsTls } from '../../../../testkit/xds/tls';
import { main } from '../main';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let server: TestServer;
before(async () => {
  useTestCredentialsInEnv();
  const tls = await testXdsTls();
  server = await startTestServer(sqliteVariant, { deps: { xdsCredentials: tls.credentials } });
  await server.client.send(new CreateMeshCommand({ meshName: 'shop' }));
  await server.client.send(new CreateVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'web', spec: nodeSpec('127.0.0.1', 8080) }));
});
after(async () => server.close());

test('lists the certificate an ADS download issued, revokes it, and lists it as revoked', async () => {
  const download = await apiRequest(server, '/api/meshes/shop/virtualNodes/web/envoy-config?mode=ads');
  assert.equal(download.status, 200);
  const listed = await run('proxies', 'list', '--endpoint', server.url, '--mesh', 'shop');
  assert.equal(listed.code, 0, listed.err);
  const lines = listed.out.split('\n');
  assert.match(lines[0] ?? '', /^SERIAL\s+PROXY\s+ISSUED\s+EXPIRES\s+REVOKED$/);
  assert.equal(lines.length, 2);
  const [serial, proxy, , , revoked] = (lines[1] ?? '').split(/\s+/);
  assert.match(serial ?? '', /^[0-9A-F]{32}$/);
  assert.equal(proxy, 'mesh/shop/virtualNode/web');
  assert.equal(revoked, '-');

  const revokedRun = await run('proxies', 'revoke', '--endpoint', server.url, serial ?? '');
  assert.equal(revokedRun.code, 0, revokedRun.err);
  assert.match(revokedRun.out, new RegExp(`^revoked ${serial ?? ''} \\(mesh/shop/virtualNode/web\\) at \\d{4}-`));
  const relisted = await run('proxies', 'list', '--endpoint', server.url);
  assert.match(relisted.out.split('\n')[1] ?? '', /\d{4}-\d\d-\d\dT[\d:.]+Z$/, 'the REVOKED column has the time');
  assert.equal((await run('proxies', 'list', '--endpoint', server.url, '--mesh', 'other')).out.split('\n').length, 1, 'another mesh has none');
});

test('an unknown serial exits 1 with the server\'s message; bad flags exit 2', async () => {
  const unknown = await run('proxies', 'revoke', '--endpoint', server.url, 'ABC123');
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /HTTP 404: no proxy certificate has serial ABC123/);
  assert.equal((await run('proxies', 'revoke', '--endpoint', server.url)).code, 2);
  assert.equal((await run('proxies', 'list')).code, 2);
  assert.equal((await run('proxies', 'delete', '--endpoint', server.url)).code, 2);
  const unreachable = await run('proxies', 'list', '--endpoint', 'http://127.0.0.1:1');
  assert.equal(unreachable.code, 2);
  assert.match(unreachable.err, /cannot reach http:\/\/127\.0\.0\.1:1 \(--endpoint\)/);
});
