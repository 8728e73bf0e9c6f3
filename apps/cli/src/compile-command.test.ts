import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { runCompile } from './compile-command';
import { main } from './main';

const examples = new URL('../../../examples/', import.meta.url).pathname;
const bin = new URL('../bin/meshwright.mjs', import.meta.url).pathname;

async function run(fn: typeof runCompile, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await fn(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function shopCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mw-compile-cli-'));
  cpSync(join(examples, 'shop'), dir, { recursive: true });
  return dir;
}

test('compile writes the static bootstrap of the node as YAML', async () => {
  const r = await run(runCompile, join(examples, 'shop'), '--virtual-node', 'frontend');
  assert.equal(r.code, 0, r.err);
  const bootstrap = parse(r.out) as { node: { id: string }; static_resources: { listeners: { name: string }[] } };
  assert.equal(bootstrap.node.id, 'mesh/shop/virtualNode/frontend');
  assert.deepEqual(bootstrap.static_resources.listeners.map((l) => l.name).slice(0, 2), ['lds_ingress_0.0.0.0_15000', 'lds_egress_0.0.0.0_15001']);
});

test('--mode ads --xds --format json writes an ADS bootstrap pointing at that server', async () => {
  const r = await run(runCompile, join(examples, 'shop'), '--virtual-node=frontend', '--mode', 'ads', '--xds', 'xds.internal:18000', '--format', 'json');
  assert.equal(r.code, 0, r.err);
  const b = JSON.parse(r.out) as { dynamic_resources: { ads_config: { api_type: string } }; static_resources: { clusters: unknown[] } };
  assert.equal(b.dynamic_resources.ads_config.api_type, 'GRPC');
  assert.match(JSON.stringify(b.static_resources.clusters), /"address":"xds.internal","port_value":18000/);
});

/** The shop example as one bundle with an ingress gateway in front of the catalog. */
function shopWithGateway(): string {
  const bundle = JSON.parse(readFileSync(join(examples, 'shop-bundle.json'), 'utf8')) as Record<string, unknown>;
  bundle.virtualGateways = [{ virtualGatewayName: 'ingress', spec: { listeners: [{ portMapping: { port: 8088, protocol: 'http' } }] } }];
  bundle.gatewayRoutes = [{
    virtualGatewayName: 'ingress',
    gatewayRouteName: 'catalog',
    spec: { httpRoute: { match: { prefix: '/catalog' }, action: { target: { virtualService: { virtualServiceName: 'catalog.shop.local' } } } } },
  }];
  const file = join(mkdtempSync(join(tmpdir(), 'mw-compile-gw-')), 'bundle.json');
  writeFileSync(file, JSON.stringify(bundle));
  return file;
}

test('--virtual-gateway writes the gateway\'s bootstrap: its listener on its port, node id mesh/<mesh>/virtualGateway/<gateway>', async () => {
  const r = await run(runCompile, shopWithGateway(), '--virtual-gateway', 'ingress');
  assert.equal(r.code, 0, r.err);
  const bootstrap = parse(r.out) as { node: { id: string }; static_resources: { listeners: { name: string }[] } };
  assert.equal(bootstrap.node.id, 'mesh/shop/virtualGateway/ingress');
  assert.deepEqual(bootstrap.static_resources.listeners.map((l) => l.name), ['lds_ingress_0.0.0.0_8088', 'lds_egress_127.0.0.1_15001']);
  const ads = await run(runCompile, shopWithGateway(), '--virtual-gateway=ingress', '--mode', 'ads', '--format', 'json');
  assert.equal(ads.code, 0, ads.err);
  assert.equal((JSON.parse(ads.out) as { node: { cluster: string } }).node.cluster, 'mesh/shop/virtualGateway/ingress');
});

test('an unknown gateway, or a node and a gateway at once, are clear errors', async () => {
  const unknown = await run(runCompile, shopWithGateway(), '--virtual-gateway', 'nope');
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /virtual gateway "nope" does not exist in mesh "shop" \(virtual gateways: ingress\)/);
  const both = await run(runCompile, shopWithGateway(), '--virtual-gateway', 'ingress', '--virtual-node', 'frontend');
  assert.equal(both.code, 2);
  assert.match(both.err, /--virtual-node or --virtual-gateway, not both/);
});

test('a mesh with errors is refused, and every error is printed', async () => {
  const dir = shopCopy();
  const file = join(dir, 'route-catalog-split.json');
  const route = JSON.parse(readFileSync(file, 'utf8')) as { spec: { httpRoute: { action: { weightedTargets: { virtualNode: string }[] } } } };
  const first = route.spec.httpRoute.action.weightedTargets[0];
  assert.ok(first);
  first.virtualNode = 'ghost';
  writeFileSync(file, JSON.stringify(route));
  const r = await run(runCompile, dir, '--virtual-node', 'frontend');
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /error \[route\.target-missing\].*ghost/);
  assert.match(r.err, /refusing to compile/);
});

test('malformed JSON exits 2 naming the file, line and column', async () => {
  const dir = shopCopy();
  writeFileSync(join(dir, 'mesh.json'), '{\n  "meshName": "shop",\n  oops\n}');
  const r = await run(runCompile, dir, '--virtual-node', 'frontend');
  assert.equal(r.code, 2);
  assert.match(r.err, /mesh\.json:3:3/);
});

test('an unknown node and bad arguments are clear errors', async () => {
  const unknown = await run(runCompile, join(examples, 'shop'), '--virtual-node', 'nope');
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /virtual node "nope" does not exist in mesh "shop" \(virtual nodes: .*frontend/);
  const missing = await run(runCompile, join(examples, 'shop'));
  assert.equal(missing.code, 2);
  assert.match(missing.err, /--virtual-node NAME \(or --virtual-gateway NAME\) is missing/);
  const badMode = await run(runCompile, join(examples, 'shop'), '--virtual-node', 'frontend', '--mode', 'eds');
  assert.equal(badMode.code, 2);
  assert.match(badMode.err, /--mode must be static or ads/);
});

test('main dispatches subcommands and explains unknown ones', async () => {
  const help = await run(main, '--help');
  assert.equal(help.code, 0);
  assert.match(help.out, /meshwright compile PATH/);
  const unknown = await run(main, 'frobnicate');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown command "frobnicate"/);
});

test('the bin shim runs the CLI with node alone', async () => {
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(process.execPath, [bin, 'compile', join(examples, 'shop'), '--virtual-node', 'payments'], (error, stdout) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
  assert.equal(code, 0);
  assert.match(stdout, /id: mesh\/shop\/virtualNode\/payments/);
});
