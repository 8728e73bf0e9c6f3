// Every console route the app mounts (the xDS helper's extraRoutes included) is in the OpenAPI
// document, and the document describes no route that is not mounted.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Express } from 'express';
import { testConfig } from '../../../../testkit/bff';
import { createApp } from '../app';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/types';
import { createXdsRouter, startXdsServer } from '../xds/index';
import { createTraffic, createTrafficRouter } from '../traffic/index';
import { openApiDocument } from './openapi';
import { testXdsTls } from '../../../../testkit/xds/tls';

/** The parts of Express's (router 2) layers a walk needs. */
interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  /** The path a router or middleware was mounted at ('/' for none). */
  rawPath?: unknown;
}

/** `GET /api/meshes/{mesh}/bundle` for every route, in OpenAPI's path form. */
function mountedRoutes(stack: readonly Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = `${prefix}${layer.route.path}`.replace(/:(\w+)/g, '{$1}');
      return Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${path}`);
    }
    const nested = layer.handle?.stack;
    if (!nested) return [];
    const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
    return mountedRoutes(nested, `${prefix}${mount}`);
  });
}

let dir: string;
let store: Store;
let app: Express;
let stopXds: () => Promise<void>;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mw-openapi-'));
  store = openSqliteStore({ dataDir: dir });
  // Wired as server.ts wires it, so the routes the xDS helper adds are walked too.
  const { security, credentials } = await testXdsTls(store.proxyCertificates);
  const xds = await startXdsServer({ store, port: 0, security });
  stopXds = () => xds.stop();
  app = createApp({
    store,
    config: { ...testConfig, xds: { host: '127.0.0.1', port: xds.port } },
    extraRoutes: (router) => router.use(createXdsRouter(xds), createTrafficRouter(createTraffic(), (m) => store.loadMeshModel(m))),
    xdsCredentials: credentials,
  });
});

after(async () => {
  await stopXds();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('every mounted console route is documented in /api/openapi.json, and nothing else is', () => {
  const stack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
  // The App Mesh API is described by AWS's own model, not by this document.
  const mounted = mountedRoutes(stack).filter((r) => !r.includes(' /v20190125/')).sort();
  assert.ok(mounted.includes('GET /api/events') && mounted.includes('GET /api/meshes/{mesh}/sync-status'), `the xDS routes were walked: ${mounted.join(', ')}`);
  const documented = Object.entries(openApiDocument.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
  assert.deepEqual(documented, mounted);
});

test('every $ref in the document points at a component it defines', () => {
  const refs = [...JSON.stringify(openApiDocument).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
  const defined = new Set(Object.keys(openApiDocument.components.schemas));
  assert.deepEqual([...new Set(refs)].filter((r) => r === undefined || !defined.has(r)), []);
});
