// /api/events through the BFF's authentication: a key scoped to meshes hears only of those meshes;
// an unscoped viewer hears of all.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../../../testkit/bff';
import { apiRequest } from '../../../../testkit/http';
import type { Credentials } from '../../../../testkit/sign';
import { sqliteVariant } from '../../../../testkit/stores';
import { testXdsTls } from '../../../../testkit/xds/tls';
import { startXdsServer, type XdsServer } from './ads-server';
import { createXdsRouter } from './router';

/** Opens the caller's stream, emits change events for the given meshes in order, and returns what the stream got up to the `until` mesh's event. */
async function heard(server: TestServer, xds: XdsServer, creds: Credentials, emit: string[], until: string): Promise<string> {
  const controller = new AbortController();
  const res = await apiRequest(server, '/api/events', { signAs: creds, signal: controller.signal });
  assert.equal(res.status, 200);
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no body');
  await reader.read(); // the retry preamble: the subscription is in place
  for (const meshName of emit) xds.core.events.emit('change', { meshName });
  let text = '';
  while (!text.includes(`"meshName":"${until}"`)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  controller.abort();
  return text;
}

describe('/api/events is filtered by the meshes the key may read', () => {
  let server: TestServer;
  let xds: XdsServer;
  before(async () => {
    const tls = await testXdsTls();
    xds = await startXdsServer({ security: tls.security, store: { loadMeshModel: async () => undefined }, port: 0 });
    server = await startTestServer(sqliteVariant, { deps: { extraRoutes: (router) => router.use(createXdsRouter(xds)) } });
  });
  after(async () => {
    await server?.close();
    await xds?.stop();
  });

  it("a viewer scoped to mesh a gets a's change and not b's", async () => {
    const scoped = await server.keys.create({ role: 'viewer', meshes: ['a'] });
    const text = await heard(server, xds, scoped, ['b', 'a'], 'a');
    assert.match(text, /event: change\ndata: \{"meshName":"a"\}/);
    assert.doesNotMatch(text, /"meshName":"b"/);
  });

  it("an unscoped viewer gets every mesh's changes", async () => {
    const viewer = await server.keys.create({ role: 'viewer' });
    const text = await heard(server, xds, viewer, ['b', 'a'], 'a');
    assert.match(text, /"meshName":"b"/);
    assert.match(text, /"meshName":"a"/);
  });
});
