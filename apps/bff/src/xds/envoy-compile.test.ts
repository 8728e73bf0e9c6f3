// Everything compile emits for a rich mesh, encoded by the ADS server, is accepted by a real Envoy
// over both protocol variants (state of the world and incremental), and a later change reaches it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { compile, type MeshModel } from '@meshwright/model';
import { startEnvoy, type RunningEnvoy } from '../../../../testkit/envoy';
import { startXdsServer, type XdsServer } from './ads-server';
import { eventually } from '../../../../testkit/eventually';
import { freePort } from '../../../../testkit/ports';
import { richModel } from '../../../../testkit/xds/rich-model';
import { testXdsTls, withTestClientTls } from '../../../../testkit/xds/tls';

/** The same mesh with the cart split changed from 90/10 to 20/80. */
function reweighted(model: MeshModel): MeshModel {
  return {
    ...model,
    routes: model.routes.map((r) => {
      const grpcRoute = r.spec.grpcRoute;
      if (!grpcRoute) return r;
      const weightedTargets = grpcRoute.action.weightedTargets.map((t) => ({ ...t, weight: t.virtualNode === 'cart-v1' ? 20 : 80 }));
      return { ...r, spec: { ...r.spec, grpcRoute: { ...grpcRoute, action: { weightedTargets } } } };
    }),
  };
}

for (const apiType of ['GRPC', 'DELTA_GRPC'] as const) {
  describe(`ADS (${apiType}) accepted by a real Envoy`, () => {
    const logDir = mkdtempSync(join(tmpdir(), 'mw-xds-log-'));
    let model = richModel('127.0.0.1', join(logDir, 'access.log'));
    let xds: XdsServer;
    let envoy: RunningEnvoy | undefined;
    const kinds = ['clusters', 'listeners', 'routes'] as const;

    before(async () => {
      const ports = { admin: await freePort(), ingress: await freePort(), egress: await freePort(), tcpEgressBase: await freePort() };
      const compileOptions = { ports, listenerAddress: '127.0.0.1' };
      const tls = await testXdsTls();
      xds = await startXdsServer({ store: { loadMeshModel: async () => model }, port: 0, compileOptions, security: tls.security });
      const { bootstrap } = compile(model, 'api', { ...compileOptions, mode: 'ads', xds: { host: '127.0.0.1', port: xds.port } });
      // Over TLS with the proxy's own certificate, as the downloaded bootstrap has it.
      const json = JSON.parse(JSON.stringify(withTestClientTls(bootstrap, await tls.issue('mesh/shop/virtualNode/api')))) as { dynamic_resources: { ads_config: { api_type: string } } };
      json.dynamic_resources.ads_config.api_type = apiType;
      envoy = await startEnvoy(JSON.stringify(json), ports.admin, { ext: 'json' });
    });
    after(async () => {
      await envoy?.stop();
      await xds?.stop();
      rmSync(logDir, { recursive: true, force: true });
    });

    it('ACKs clusters, listeners and routes of a node with health checks, retries, TCP, gRPC and ALLOW_ALL', async () => {
      const status = await eventually('SYNCED or NACKED', async () => xds.syncStatus('shop', 'api'), (s) => s.state === 'SYNCED' || s.state === 'NACKED');
      const proxy = status.proxies[0];
      assert.equal(proxy?.protocol, apiType === 'GRPC' ? 'sotw' : 'delta');
      for (const kind of kinds) {
        assert.equal(proxy?.types[kind].nackMessage, null, `${kind} NACKed: ${proxy?.types[kind].nackMessage ?? ''}`);
        assert.equal(proxy?.types[kind].state, 'SYNCED', kind);
      }
      const res = await fetch(`http://127.0.0.1:${envoy?.adminPort ?? 0}/clusters?format=json`);
      const live = new Set(((await res.json()) as { cluster_statuses: { name: string }[] }).cluster_statuses.map((c) => c.name));
      for (const c of compile(model, 'api', { mode: 'ads' }).resources.clusters) assert.ok(live.has(c.name), `Envoy has cluster ${c.name}`);
    });

    it('applies a route weight change', async () => {
      const before = xds.syncStatus('shop', 'api').proxies[0]?.types.routes.lastAckedVersion;
      model = reweighted(model);
      await xds.core.onChange({ meshName: 'shop' });
      await eventually('new routes ACKed', async () => xds.syncStatus('shop', 'api'),
        (s) => s.state === 'SYNCED' && s.proxies[0]?.types.routes.lastAckedVersion !== before);
      const dump = await (await fetch(`http://127.0.0.1:${envoy?.adminPort ?? 0}/config_dump?resource=dynamic_route_configs`)).text();
      const compact = dump.replace(/\s+/g, '');
      assert.match(compact, /"name":"cds_egress_shop_cart-v2_grpc_9000","weight":80/);
      assert.match(compact, /"name":"cds_egress_shop_cart-v1_grpc_9000","weight":20/);
    });
  });
}
