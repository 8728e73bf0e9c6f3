// Proxy certificates in the audit trail: the ADS bootstrap download that issues one and the revocation
// are recorded with the caller's key, the proxy's ARN and the serial.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateMeshCommand, CreateVirtualNodeCommand } from '@aws-sdk/client-app-mesh';
import { startTestServer, TEST_ACCESS_KEY_ID, type TestServer } from '../../../../testkit/bff';
import { eventually } from '../../../../testkit/eventually';
import { apiJson, apiRequest } from '../../../../testkit/http';
import { sqliteVariant } from '../../../../testkit/stores';
import { downloadedTls, testXdsTls } from '../../../../testkit/xds/tls';

interface AuditEvent { accessKeyId: string; operation: string; resource: string; mesh: string; outcome: string; message: string }

describe('proxy certificates are audited', () => {
  let server: TestServer;
  before(async () => {
    const tls = await testXdsTls();
    server = await startTestServer(sqliteVariant, { deps: { xdsCredentials: tls.credentials } });
    await server.client.send(new CreateMeshCommand({ meshName: 'shop' }));
    await server.client.send(new CreateVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'web', spec: {} }));
  });
  after(async () => {
    await server?.close();
  });

  const audited = (operation: string) =>
    eventually(
      `${operation} in the audit trail`,
      async () => ((await (await apiRequest(server, `/api/audit?operation=${operation}`)).json()) as { events: AuditEvent[] }).events,
      (events) => events.length > 0,
    );

  test('issuing (ADS bootstrap download by an editor) and revoking (by the admin) show in GET /api/audit with the right key', async () => {
    const editor = await server.keys.create({ role: 'editor', meshes: ['shop'] });
    const issued = await downloadedTls({ url: server.url }, 'shop', 'virtualNodes/web', editor);
    const arn = 'arn:aws:appmesh:us-west-2:123456789012:mesh/shop/virtualNode/web';
    const [issue] = await audited('console:IssueProxyCertificate');
    assert.equal(issue?.accessKeyId, editor.accessKeyId);
    assert.equal(issue?.resource, arn);
    assert.equal(issue?.mesh, 'shop');
    assert.equal(issue?.outcome, 'ok');
    assert.equal(issue?.message, `certificate serial ${issued.serial} issued`);

    const res = await apiJson(server, 'POST', `/api/proxy-certificates/${issued.serial}/revoke`);
    assert.equal(res.status, 200);
    const [revoke] = await audited('console:RevokeProxyCertificate');
    assert.equal(revoke?.accessKeyId, TEST_ACCESS_KEY_ID);
    assert.equal(revoke?.resource, arn);
    assert.equal(revoke?.mesh, 'shop');
    assert.equal(revoke?.outcome, 'ok');
    assert.equal(revoke?.message, `certificate serial ${issued.serial} revoked`);
  });

  test('a static bootstrap issues nothing and is not audited', async () => {
    const res = await apiRequest(server, '/api/meshes/shop/virtualNodes/web/envoy-config?mode=static&format=yaml');
    assert.equal(res.status, 200);
    const events = ((await (await apiRequest(server, '/api/audit?operation=console:IssueProxyCertificate')).json()) as { events: AuditEvent[] }).events;
    assert.equal(events.length, 1, 'only the ADS download of the first test');
  });

  test('only admin keys list or revoke proxy certificates: an editor of the mesh is refused with ForbiddenException', async () => {
    const editor = await server.keys.create({ role: 'editor', meshes: ['shop'] });
    const issued = await downloadedTls({ url: server.url }, 'shop', 'virtualNodes/web', editor);
    const list = await apiRequest(server, '/api/proxy-certificates', { signAs: editor });
    assert.equal(list.status, 403);
    assert.equal(list.headers.get('x-amzn-errortype'), 'ForbiddenException');
    const revoke = await apiRequest(server, `/api/proxy-certificates/${issued.serial}/revoke`, { method: 'POST', signAs: editor });
    assert.equal(revoke.status, 403);
    assert.match(((await revoke.json()) as { message: string }).message, /only admin keys may/);
    const all = ((await (await apiRequest(server, '/api/proxy-certificates')).json()) as { certificates: { serial: string; revokedAt: string | null }[] }).certificates;
    assert.equal(all.find((c) => c.serial === issued.serial)?.revokedAt, null, 'the refused revoke changed nothing');
  });
});
