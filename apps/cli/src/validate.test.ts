import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runValidate } from './validate';

const examples = new URL('../../../examples/', import.meta.url).pathname;

async function validate(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runValidate(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

function shopCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mw-validate-'));
  cpSync(join(examples, 'shop'), dir, { recursive: true });
  return dir;
}

test('a directory of CLI-input files with no problems exits 0 and prints no findings', async () => {
  const r = await validate(join(examples, 'shop'));
  assert.equal(r.code, 0);
  assert.deepEqual(r.out, []);
  assert.match(r.err.join('\n'), /0 errors, 0 warnings/);
});

test('a bundle file is read the same way', async () => {
  const r = await validate(join(examples, 'shop-bundle.json'));
  assert.equal(r.code, 0);
});

test('an error prints "<severity> [<code>] (<kind> <name>) <path>: <message>" and exits 1', async () => {
  const dir = shopCopy();
  const file = join(dir, 'route-catalog-split.json');
  writeFileSync(file, readFileSync(file, 'utf8').replace('"catalog-v1"', '"catalog-v9"'));
  const r = await validate(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.out, [
    'error [route.target-missing] (route catalog-router/split) spec.httpRoute.action.weightedTargets[0].virtualNode: target virtual node catalog-v9 does not exist',
  ]);
});

test('warnings alone exit 0', async () => {
  const dir = shopCopy();
  const file = join(dir, 'vn-frontend.json');
  writeFileSync(file, readFileSync(file, 'utf8').replace('payments.shop.local', 'reviews.shop.local'));
  const r = await validate(dir);
  assert.equal(r.code, 0);
  assert.match(r.out.join('\n'), /^warning \[node.backend-missing\] \(virtualNode frontend\) spec.backends\[1\]/);
});

test('malformed JSON exits 2 naming the file, line and column', async () => {
  const dir = shopCopy();
  const file = join(dir, 'vn-payments.json');
  writeFileSync(file, '{\n  "meshName": "shop",\n  "virtualNodeName": "payments"\n  "spec": {}\n}\n');
  const r = await validate(dir);
  assert.equal(r.code, 2);
  assert.match(r.err.join('\n'), /vn-payments\.json:4:3: malformed JSON/);
});

test('a path that does not exist exits 2', async () => {
  const r = await validate('/nonexistent/meshwright');
  assert.equal(r.code, 2);
  assert.match(r.err.join('\n'), /no such file or directory/);
});

test('a file with a schema error does not hide the findings of the other files', async () => {
  const dir = shopCopy();
  writeFileSync(join(dir, 'vn-extra.json'), JSON.stringify({ meshName: 'shop', virtualNodeName: 'extra', spec: { unknownX: 1 } }));
  const split = join(dir, 'route-catalog-split.json');
  writeFileSync(split, readFileSync(split, 'utf8').replace('"catalog-v1"', '"catalog-v9"'));
  const r = await validate(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.out, [
    'error [schema.invalid] (virtualNode extra) spec.unknownX: is not a known field',
    'error [route.target-missing] (route catalog-router/split) spec.httpRoute.action.weightedTargets[0].virtualNode: target virtual node catalog-v9 does not exist',
  ]);
});

test('a JSON file that is not a CLI-input document is named, not taken for a second mesh', async () => {
  const dir = shopCopy();
  writeFileSync(join(dir, 'notes.json'), '{"hello": 1}');
  const r = await validate(dir);
  assert.equal(r.code, 1);
  assert.match(r.out.join('\n'), /notes\.json\) : is not an App Mesh CLI-input document/);
  assert.doesNotMatch(r.out.join('\n'), /second mesh/);
});

test('create-virtual-gateway and create-gateway-route files are read and analysed with the rest of the mesh', async () => {
  const dir = shopCopy();
  const gateway = {
    meshName: 'shop',
    virtualGatewayName: 'ingress',
    spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }, { portMapping: { port: 8443, protocol: 'http2' } }] },
  };
  const route = (name: string, match: object) => ({
    meshName: 'shop',
    virtualGatewayName: 'ingress',
    gatewayRouteName: name,
    spec: { httpRoute: { match, action: { target: { virtualService: { virtualServiceName: 'catalog.shop.local' } } } } },
  });
  writeFileSync(join(dir, 'vg-ingress.json'), JSON.stringify(gateway));
  writeFileSync(join(dir, 'gr-catalog.json'), JSON.stringify(route('catalog', { prefix: '/catalog/', port: 8080 })));
  writeFileSync(join(dir, 'gr-admin.json'), JSON.stringify(route('admin', { prefix: '/aws-appmesh-admin/' })));
  const r = await validate(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.out, [
    'error [gatewayRoute.match-port-required] (gatewayRoute ingress/admin) spec.httpRoute.match.port: virtual gateway ingress has 2 listeners, so the gateway route must say which port it belongs to (match.port)',
    'error [gatewayRoute.prefix-reserved] (gatewayRoute ingress/admin) spec.httpRoute.match.prefix: prefixes starting with /aws-appmesh are reserved by App Mesh; choose another prefix',
  ]);
  assert.doesNotMatch(r.err.join('\n'), /second mesh/);
});
