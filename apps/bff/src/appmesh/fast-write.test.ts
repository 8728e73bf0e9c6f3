// The write path: a signed App Mesh PUT, POST or DELETE that passes every check is answered before
// Express (fast-write.ts). Its answers must be the Express stack's: each scenario runs twice on its own
// mesh, once plainly (answered before Express) and once with the server's own Origin header (which the
// stack accepts but the early path leaves to Express), and the two are compared: status, header lines,
// bytes, audit trail and change events. A spy at the head of Express's stack shows which path answered.
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import { TEST_CREDENTIALS, testConfig } from '../../../../testkit/bff';
import { apiJson } from '../../../../testkit/http';
import { signedHeaders, type Credentials } from '../../../../testkit/sign';
import { rawRequest, type RawAnswer as Raw } from '../../../../testkit/raw-http';
import { sqliteVariant } from '../../../../testkit/stores';
import { createApp } from '../app';
import type { ChangeEvent } from '../deps';
import { createHttpServer } from '../http/http-server';

/** What differs between two runs of one scenario by design: its mesh's name, ids, times, request ids. */
const masked = (text: string, mesh: string) =>
  text
    .replaceAll(mesh, '<mesh>')
    .replace(/"uid":"[^"]*"/g, '"uid":""')
    .replace(/"(createdAt|lastUpdatedAt|time)":("[^"]*"|[\d.]+)/g, '"$1":0')
    .replace(/"requestId":"[^"]*"/g, '"requestId":""');

type Step = [method: string, path: string, body?: string, headers?: Record<string, string>];

describe('App Mesh writes answered before Express', () => {
  let server: Server;
  let port: number;
  let url: string;
  let viewer: Credentials;
  const audit: string[] = [];
  const changes: ChangeEvent[] = [];
  /** Requests Express's own stack saw, by method and path. */
  const seenByExpress: string[] = [];
  let dispose: () => Promise<void>;

  before(async () => {
    const opened = await sqliteVariant.open();
    dispose = opened.dispose;
    const app = createApp({
      store: opened.store,
      config: { ...testConfig, auth: { ...testConfig.auth, masterKey: randomBytes(32) } },
      logger: { info: () => undefined, warn: () => undefined, error: (m) => audit.push(`ERROR ${m}`) },
      onChange: (e) => changes.push(e),
      auditLog: (line) => audit.push(line),
    });
    const spy: RequestHandler = (req, _res, next) => {
      seenByExpress.push(`${req.method} ${req.originalUrl}`);
      next();
    };
    app.use(spy);
    // Express 5 keeps its layers in app.router.stack: the spy goes first.
    const stack = (app as unknown as { router: { stack: unknown[] } }).router.stack;
    stack.unshift(stack.pop());
    server = await new Promise((resolve) => {
      const s = createHttpServer(app).listen(0, '127.0.0.1', () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
    url = `http://127.0.0.1:${port}`;
    const res = await apiJson({ url }, 'POST', '/api/keys', { name: 'viewer', role: 'viewer', meshes: [] });
    const created = (await res.json()) as { key: { accessKeyId: string }; secretAccessKey: string };
    viewer = { accessKeyId: created.key.accessKeyId, secretAccessKey: created.secretAccessKey };
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await dispose();
  });

  async function run(step: Step, viaExpress: boolean, signer: Credentials = TEST_CREDENTIALS): Promise<Raw> {
    const [method, path, body, extra = {}] = step;
    const given: Record<string, string> = { ...extra, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(viaExpress ? { origin: url } : {}) };
    const { host: _host, ...headers } = await signedHeaders(signer, { method, url: new URL(`${url}${path}`), headers: given, ...(body === undefined ? {} : { body }) });
    return rawRequest(port, { method, path, headers: { ...headers, host: `127.0.0.1:${port}` }, ...(body === undefined ? {} : { body }), blank: /^(date|x-amzn-requestid|content-length)$/i });
  }

  const node = (name: string, port = 8080) => JSON.stringify({ virtualNodeName: name, spec: { listeners: [{ portMapping: { port, protocol: 'http' } }], serviceDiscovery: { dns: { hostname: `${name}.local` } } } });
  const route = (weights: [number, number]) =>
    JSON.stringify({ spec: { httpRoute: { match: { prefix: '/' }, action: { weightedTargets: [{ virtualNode: 'blue', weight: weights[0] }, { virtualNode: 'green', weight: weights[1] }] } } } });
  const scenario = (m: string): [what: string, step: Step, status: number, early: boolean][] => [
    ['create a mesh', ['PUT', '/v20190125/meshes', JSON.stringify({ meshName: m })], 200, true],
    ['create a node', ['PUT', `/v20190125/meshes/${m}/virtualNodes`, node('blue')], 200, true],
    ['create another node with a client token', ['PUT', `/v20190125/meshes/${m}/virtualNodes`, JSON.stringify({ ...JSON.parse(node('green', 8081)), clientToken: `tok-${m}` })], 200, true],
    ['replay that client token', ['PUT', `/v20190125/meshes/${m}/virtualNodes`, JSON.stringify({ ...JSON.parse(node('green', 8081)), clientToken: `tok-${m}` })], 200, true],
    ['create the same node again', ['PUT', `/v20190125/meshes/${m}/virtualNodes`, node('blue')], 409, true],
    ['update a node that does not exist', ['PUT', `/v20190125/meshes/${m}/virtualNodes/absent`, JSON.stringify({ spec: {} })], 404, true],
    ['create a node with a bad port (input validation)', ['PUT', `/v20190125/meshes/${m}/virtualNodes`, JSON.stringify({ virtualNodeName: 'x', spec: { listeners: [{ portMapping: { port: 70000, protocol: 'http' } }] } })], 400, false],
    ['malformed JSON', ['PUT', `/v20190125/meshes/${m}/virtualNodes`, '{"virtualNodeName": '], 400, false],
    ['create a router', ['PUT', `/v20190125/meshes/${m}/virtualRouters`, JSON.stringify({ virtualRouterName: 'colors', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] } })], 200, true],
    ['a route to a node that does not exist (the model refuses it)', ['PUT', `/v20190125/meshes/${m}/virtualRouter/colors/routes`, JSON.stringify({ routeName: 'bad', spec: { httpRoute: { match: { prefix: '/' }, action: { weightedTargets: [{ virtualNode: 'nobody', weight: 1 }] } } } })], 404, true],
    ['create a route', ['PUT', `/v20190125/meshes/${m}/virtualRouter/colors/routes`, JSON.stringify({ routeName: 'split', ...JSON.parse(route([80, 20])) })], 200, true],
    ['change its weights', ['PUT', `/v20190125/meshes/${m}/virtualRouter/colors/routes/split`, route([10, 90])], 200, true],
    ['tag it (POST with a query string)', ['PUT', `/v20190125/tag?resourceArn=${encodeURIComponent(`arn:aws:appmesh:us-west-2:123456789012:mesh/${m}/virtualRouter/colors/route/split`)}`, JSON.stringify({ tags: [{ key: 'team', value: 'shop' }] })], 200, true],
    ['delete a node a route targets (in use)', ['DELETE', `/v20190125/meshes/${m}/virtualNodes/blue`], 409, true],
    ['delete the route (no body)', ['DELETE', `/v20190125/meshes/${m}/virtualRouter/colors/routes/split`], 200, true],
    ['delete a node with an empty body', ['DELETE', `/v20190125/meshes/${m}/virtualNodes/blue`, undefined, { 'content-length': '0' }], 200, true],
  ];

  const steps = scenario('m');
  for (let i = 0; i < steps.length; i++) {
    const [what, , status, early] = steps[i] ?? ['', ['GET', '/'], 0, false];
    test(`${what}: ${status}, the same answer, audit and change events either way${early ? ', answered before Express' : ', left to Express'}`, async () => {
      const answers: Raw[] = [];
      const audits: string[][] = [];
      const events: string[][] = [];
      for (const [mesh, viaExpress] of [['fast', false], ['stack', true]] as const) {
        const step = scenario(mesh)[i];
        assert.ok(step);
        const auditFrom = audit.length;
        const changesFrom = changes.length;
        const seenFrom = seenByExpress.length;
        const answer = await run(step[1], viaExpress);
        // The audit line is written once the response has finished; give the event loop a turn.
        await new Promise((resolve) => setImmediate(resolve));
        answers.push({ ...answer, body: masked(answer.body, mesh) });
        audits.push(audit.slice(auditFrom).map((l) => masked(l, mesh)));
        events.push(changes.slice(changesFrom).map((e) => masked(JSON.stringify({ ...e, model: undefined }), mesh)));
        assert.equal(seenByExpress.length > seenFrom, viaExpress || !early, `${mesh}: ${viaExpress || !early ? 'Express answered' : 'answered before Express'}`);
      }
      const [fast, stack] = answers;
      assert.equal(fast?.status, status, fast?.body);
      assert.deepEqual(fast, stack);
      assert.deepEqual(audits[0], audits[1]);
      assert.deepEqual(events[0], events[1]);
    });
  }

  test("a viewer's write is refused by Express, audited, and changes nothing", async () => {
    const res = await run(['PUT', '/v20190125/meshes', JSON.stringify({ meshName: 'viewers' })], false, viewer);
    assert.equal(res.status, 403, res.body);
    await new Promise((resolve) => setImmediate(resolve));
    assert.match(audit.at(-1) ?? '', /"outcome":"ForbiddenException"/);
    assert.equal((await run(['PUT', '/v20190125/meshes', JSON.stringify({ meshName: 'viewers' })], false)).status, 200);
  });

  test('no request produced a 500', () => {
    assert.deepEqual(audit.filter((l) => l.startsWith('ERROR')), []);
  });
});
